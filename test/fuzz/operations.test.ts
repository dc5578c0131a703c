import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import type { Stack } from '../support/stack.js';
import {
  checkAnswer,
  fuzz,
  FUZZ_TIMEOUT_MS,
  healthz,
  postJson,
  startFuzzStack,
  upstreamSinceLastCase,
} from './support.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startFuzzStack();
});
afterAll(async () => {
  await stack.close();
});

const ADA = DEMO_CONTACTS.ada;
const MASK_FIELDS = ['NAMES', 'URLS', 'EMAIL_ADDRESSES', 'MEMBERSHIPS', 'BIRTHDAYS'];

/** A name no schema type has (the schema has no `zz` prefixes). */
const unknownName = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,12}$/).map((s) => `zz${s}`);
const unknownEnum = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/).map((s) => `ZZ${s}`);

/** GraphQL literals of every kind, for arguments that want another. */
const literal = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n.toExponential()),
  fc.constantFrom('true', 'false', 'null', 'NAMES', '[]', '{}', '[1, "a"]', '{ a: 1 }'),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
);

const inputFields = fc
  .subarray(['resourceName', 'etag', 'names', 'urls', 'photoBytes', 'zzBogus'])
  .map((keys) =>
    keys
      .map((k) => {
        if (k === 'names') return `names: [{ givenName: "Fuzz" }]`;
        if (k === 'urls') return `urls: [{ value: "https://example.com" }]`;
        return `${k}: ${k === 'resourceName' ? JSON.stringify(ADA) : '"x"'}`;
      })
      .join(', '),
  );

/** Selections, fragments and input values nested `min`..`max` deep; none of them valid. */
function nesting(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .integer({ min, max })
    .chain((n) =>
      fc.constantFrom(
        `{ person(resourceName: "${ADA}") { ${'names { '.repeat(n)}x${' }'.repeat(n)} } }`,
        `{ ${'zz { '.repeat(n)}x${' }'.repeat(n)} }`,
        `{ ${'... on Query { '.repeat(n)}zz${' }'.repeat(n)} }`,
        `{ person(resourceName: ${'['.repeat(n)}"x"${']'.repeat(n)}) { etag } }`,
        `mutation { createContact(input: ${'{ names: '.repeat(n)}1${' }'.repeat(n)}) { __typename } }`,
        `query($v: ${'['.repeat(n)}ID${']'.repeat(n)}) { person(resourceName: $v) { etag } }`,
      ),
    );
}

/** Operations that parse but break the schema: each must be refused before any resolver runs. */
const invalidOperation = fc.oneof(
  unknownName.map((f) => `{ ${f} }`),
  unknownName.map((f) => `{ person(resourceName: "${ADA}") { etag ${f} } }`),
  unknownName.map((a) => `{ person(resourceName: "${ADA}", ${a}: 1) { etag } }`),
  // ID takes strings and integers; every other literal is refused.
  literal
    .filter((l) => !l.startsWith('"') && !/^-?\d+$/.test(l))
    .map((l) => `{ person(resourceName: ${l}) { etag } }`),
  literal.map((l) => `{ contacts(pageSize: ${l}, zz: 1) { totalItems } }`),
  fc
    .tuple(literal, literal)
    .map(([i, m]) => `mutation { updateContact(input: ${i}, mask: ${m}) { __typename } }`),
  unknownEnum.map(
    (e) =>
      `mutation { updateContact(input: { resourceName: "${ADA}", etag: "e" }, mask: [NAMES, ${e}]) { __typename } }`,
  ),
  // Required input fields left out, unknown ones added.
  inputFields
    .filter((f) => !(f.includes('resourceName') && f.includes('etag')) || f.includes('zzBogus'))
    .map((f) => `mutation { updateContact(input: { ${f} }, mask: [NAMES]) { __typename } }`),
  inputFields
    .filter((f) => !f.includes('photoBytes') || f.includes('zzBogus') || f.includes('etag'))
    .map((f) => `mutation { updateContactPhoto(input: { ${f} }) { __typename } }`),
  fc.constantFrom(
    `mutation { updateContact(mask: [NAMES]) { __typename } }`,
    `mutation { updateContact(input: { resourceName: "${ADA}", etag: "e" }) { __typename } }`,
    `mutation { createContact { __typename } }`,
    `mutation { createContact(input: { names: [{ zz: 1 }] }) { __typename } }`,
    `mutation { deleteContactPhoto { __typename } }`,
    // A union selected without fragments, a scalar with a selection, an object without one.
    `mutation { updateContact(input: { resourceName: "${ADA}", etag: "e" }, mask: [NAMES]) { message } }`,
    `{ person(resourceName: "${ADA}") { etag { x } } }`,
    `{ person(resourceName: "${ADA}") }`,
    `subscription { zz }`,
    `query A { __typename } query A { __typename }`,
    `query A { __typename } query B { __typename }`,
    `fragment A on Query { ...B } fragment B on Query { ...A } { ...A }`,
    `fragment A on Person { etag } { ...A }`,
    `{ __typename @zz }`,
    `{ __typename @skip(if: "yes") }`,
    `query($n: Int!) { person(resourceName: $n) { etag } }`,
    `query($n: ID!) { person(resourceName: $m) { etag } }`,
    `query($n: Zz) { __typename }`,
    `{ person(resourceName: "${ADA}") { etag } person(resourceName: "${DEMO_CONTACTS.work}") { names { displayName } } }`,
  ),
  // A mask value given as a string, not an enum.
  fc
    .constantFrom(...MASK_FIELDS)
    .map(
      (m) =>
        `mutation { updateContact(input: { resourceName: "${ADA}", etag: "e" }, mask: ["${m}"]) { __typename } }`,
    ),
  // Deep nesting (past the depth limit of 12): a scalar given selections, fields that do not exist.
  nesting(13, 300),
  // Alias floods of fields that would each cost an upstream call (`__typename` aliases are free).
  fc
    .integer({ min: 31, max: 400 })
    .map(
      (n) =>
        `{ ${Array.from({ length: n }, (_, i) => `c${i}: contacts(pageSize: 1) { totalItems }`).join(' ')} }`,
    ),
  fc
    .integer({ min: 31, max: 200 })
    .map(
      (n) =>
        `{ ${Array.from({ length: n }, (_, i) => `p${i}: person(resourceName: "${ADA}") { etag }`).join(' ')} }`,
    ),
  fc
    .integer({ min: 31, max: 200 })
    .map(
      (n) =>
        `mutation { ${Array.from({ length: n }, (_, i) => `m${i}: deleteContactPhoto(resourceName: "${ADA}") { __typename }`).join(' ')} }`,
    ),
  fc
    .integer({ min: 51, max: 1_000 })
    .map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`),
);

/** A valid operation with random characters changed: sometimes still valid, mostly not. */
const VALID = [
  `{ person(resourceName: "${ADA}") { etag names { displayName } } }`,
  `{ contacts(pageSize: 3) { persons { resourceName } totalItems } }`,
  `mutation { updateContact(input: { resourceName: "${ADA}", etag: "stale", names: [{ givenName: "F" }] }, mask: [NAMES]) { __typename ... on MutationError { message } } }`,
  `mutation { deleteContactPhoto(resourceName: "${DEMO_CONTACTS.withPhoto}") { __typename } }`,
];
const mutatedOperation = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(2),
        fc.constantFrom('{', '}', '(', ')', '"', ':', '!', 'x', ' ', '$', '@', '\\'),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([source, edits]) => {
    let text = source;
    for (const [at, kind, char] of edits) {
      const i = at % (text.length + 1);
      if (kind === 0) text = text.slice(0, i) + text.slice(i + 1);
      else if (kind === 1) text = text.slice(0, i) + char + text.slice(i);
      else text = text.slice(0, i) + char + text.slice(i + 1);
    }
    return text;
  });

describe('fuzz: schema-invalid operations', () => {
  // First in this file on purpose: on a fresh process graphql-js's recursive-descent parser runs
  // out of stack on nesting the token limit (5,000) still admits, and the RangeError's message
  // is sent as a GRAPHQL_PARSE_FAILED error.
  it('refuses selections nested 2,000 deep with a clear error, not a stack overflow', async () => {
    for (const depth of [2_000, 2_400]) {
      const query = `{ ${'zz { '.repeat(depth)}x${' }'.repeat(depth)} }`;
      const body = checkAnswer(await postJson(stack, { query }));
      expect(body.errors?.length).toBeGreaterThan(0);
    }
    expect(await upstreamSinceLastCase(stack)).toEqual([]);
  });

  it('answers a subscription (the schema has none) as the client’s mistake, not the server’s', async () => {
    for (const query of ['subscription { __typename }', 'subscription S { zz }']) {
      const answer = await postJson(stack, { query });
      expect(answer.status).toBeLessThan(500);
      expect(() => checkAnswer(answer)).not.toThrow();
    }
  });

  it(
    'refuses unknown fields, wrong types, bad enums, missing inputs, deep nesting and alias floods with a clear error and no upstream call',
    async () => {
      await upstreamSinceLastCase(stack);
      await fuzz(
        fc.asyncProperty(invalidOperation, async (query) => {
          const body = checkAnswer(await postJson(stack, { query }));
          expect(body.data ?? null).toBeNull();
          expect(body.errors?.length).toBeGreaterThan(0);
          expect(await upstreamSinceLastCase(stack)).toEqual([]);
        }),
        600,
      );
      expect(await healthz(stack)).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'refuses nesting up to the token limit (thousands deep) with a clear error and no upstream call',
    async () => {
      await upstreamSinceLastCase(stack);
      await fuzz(
        fc.asyncProperty(nesting(500, 2_500), async (query) => {
          const body = checkAnswer(await postJson(stack, { query }));
          expect(body.data ?? null).toBeNull();
          expect(await upstreamSinceLastCase(stack)).toEqual([]);
        }),
        60,
      );
      expect(await healthz(stack)).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'answers randomly edited operations clearly; one refused before execution costs no upstream call',
    async () => {
      await upstreamSinceLastCase(stack);
      await fuzz(
        fc.asyncProperty(mutatedOperation, async (query) => {
          const body = checkAnswer(await postJson(stack, { query }));
          const upstream = await upstreamSinceLastCase(stack);
          if (body.data === undefined) expect(upstream).toEqual([]);
        }),
        300,
      );
      expect(await healthz(stack)).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );
});
