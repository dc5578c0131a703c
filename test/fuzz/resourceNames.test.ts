/**
 * Resource names built from the pieces attacks are made of (`/ ? # % : ;`, dot segments,
 * lookalike Unicode, digits, `people/` and `contactGroups/` anywhere), sent three ways: to the
 * path encoding under the googleapis client, to the gateway's own PeopleClient, and through the
 * whole gateway. Whatever the name, the emulator may only see the request the operation means,
 * for a name in the grammar, or nothing.
 */
import fc from 'fast-check';
import { people, type people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, type RequestLogEntry } from 'people-emulator';
import { createUpstreamApi, PeopleClient } from '../../src/people/client.js';
import { UserMutationQueue } from '../../src/people/queue.js';
import { encodePathParam, InvalidResourceName } from '../../src/people/resourceNames.js';
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

/**
 * The contract, written here on its own so the module's rule is checked, not copied: `people/me`,
 * or `people/` + an optional `c` + ASCII digits, at most 100 characters.
 */
const inGrammar = (name: string) => name.length <= 100 && /^people\/(me|c?[0-9]+)$/.test(name);

const digits = fc.stringMatching(/^[0-9]{1,25}$/);
const goodName = fc.oneof(
  fc.constant('people/me'),
  digits.map((d) => `people/c${d}`),
  digits.map((d) => `people/${d}`),
  fc.constantFrom(...Object.values(DEMO_CONTACTS)),
  // Around the length cap.
  fc.integer({ min: 90, max: 96 }).map((n) => `people/c${'7'.repeat(n)}`),
);
const piece = fc.oneof(
  fc.constantFrom(
    ...['people/', 'contactGroups/', 'people/me', 'people/c', 'c', 'me', 'v1', 'people:batchGet'],
    ...['/', '//', '?', '#', '%', ':', ';', '.', '..', '/./', '/../', '&', '=', '+', '@', '\\'],
    ...['%2e', '%2E%2e', '%2f', '%3A', '%23', '%3F', '%00', '%', '%%', '%zz'],
    ...[':deleteContact', ':updateContact', '?updatePersonFields=names', '&personFields=names'],
    ...['\n', '\r\n', '\t', ' ', '\u0000', '\u007f', '\u00a0'],
    // Lookalikes: full-width digits and "c", Cyrillic "с", Arabic-Indic 3, division slash,
    // zero-width space, lone surrogates, an astral emoji.
    ...['１２３', 'ｃ', '\u0441', '٣', '\u2215', '\u200b', '\ud800', '\udc00', '😀'],
  ),
  digits,
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const pieces = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
const resourceName = fc.oneof(
  { weight: 4, arbitrary: pieces },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('people/', 'contactGroups/', 'people/c', 'people/me'), pieces)
      .map(([prefix, rest]) => prefix + rest),
  },
  { weight: 3, arbitrary: fc.tuple(goodName, pieces).map(([name, rest]) => name + rest) },
  { weight: 1, arbitrary: fc.tuple(pieces, goodName).map(([rest, name]) => rest + name) },
  { weight: 3, arbitrary: goodName },
);

type Adapter = NonNullable<people_v1.Options['adapter']>;

let stack: Stack;
const counts = { encoding: 0, client: 0, gateway: 0, inGrammar: 0 };

beforeAll(async () => {
  stack = await startFuzzStack();
});
afterAll(async () => {
  await stack.close();
  const total = counts.encoding + counts.client + counts.gateway;
  console.log(
    `resource-name fuzz: ${total} cases (${counts.encoding} path encodings, ${counts.client} PeopleClient calls, ${counts.gateway} gateway operations; ${counts.inGrammar} of the last two in the grammar)`,
  );
});

/** A logged request as [method, path, what identifies the name]. */
function described(request: RequestLogEntry): string {
  const names = request.query['resourceNames'];
  const detail =
    request.method === 'GET'
      ? JSON.stringify(names)
      : request.method === 'PATCH'
        ? String(request.query['updatePersonFields'])
        : '';
  return `${request.method} ${request.path} ${detail}`;
}

describe('fuzz: resource names cannot steer the upstream request', () => {
  it(
    'encodePathParam - under googleapis, any name gives /v1/<encoded>:deleteContactPhoto with no query or fragment, its segments intact, or is refused',
    async () => {
      let built = '';
      // googleapis builds the URL as for Google; the adapter only records it.
      const record = (options: { url: URL | string }) => {
        built = String(options.url);
        return Promise.resolve({ data: {}, status: 200, headers: new Headers(), bodyUsed: true });
      };
      const api = people({
        version: 'v1',
        rootUrl: 'https://people.googleapis.com/',
        // The plain object stands in for the fetch Response gaxios types (as in src/people/transport.ts).
        adapter: record as unknown as Adapter,
      });
      await fuzz(
        fc.asyncProperty(resourceName, async (name) => {
          counts.encoding += 1;
          const segments = name.split('/');
          if (segments.some((s) => s === '' || s === '.' || s === '..')) {
            expect(() => encodePathParam(name)).toThrow(InvalidResourceName);
            return;
          }
          const encoded = encodePathParam(name);
          await api.people.deleteContactPhoto({ resourceName: encoded });
          const url = new URL(built);
          expect([url.origin, url.search, url.hash]).toEqual([
            'https://people.googleapis.com',
            '',
            '',
          ]);
          expect(url.pathname).toBe(`/v1/${encoded}:deleteContactPhoto`);
          const sent = url.pathname.slice('/v1/'.length, -':deleteContactPhoto'.length);
          // Each segment decodes to the caller's (lone surrogates travel as U+FFFD).
          expect(sent.split('/').map(decodeURIComponent)).toEqual(
            segments.map((s) => Buffer.from(s, 'utf8').toString('utf8')),
          );
        }),
        2_000,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'PeopleClient.deleteContactPhoto - the emulator sees one DELETE /v1/<name>:deleteContactPhoto for a name in the grammar, nothing for any other',
    async () => {
      const client = new PeopleClient(
        {
          ...createUpstreamApi(stack.emulator.url, 10_000),
          queue: new UserMutationQueue({ maxWaiting: 64, maxWaitMs: 30_000 }),
          retryPolicy: { retries: 0, budgetMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
        },
        { authorization: 'Bearer demo', userKey: 'fuzz' },
      );
      await upstreamSinceLastCase(stack);
      await fuzz(
        fc.asyncProperty(
          fc.array(resourceName, { minLength: 10, maxLength: 10 }),
          async (batch) => {
            counts.client += batch.length;
            counts.inGrammar += batch.filter(inGrammar).length;
            const outcomes = await Promise.all(
              batch.map((name) =>
                client.deleteContactPhoto(name, null).then(
                  () => 'answered',
                  (error: unknown) =>
                    error instanceof InvalidResourceName ? 'refused' : 'answered',
                ),
              ),
            );
            // Read (and clear) the log first, so a failing case leaves nothing for the next.
            const sent = (await upstreamSinceLastCase(stack)).map(described);
            // The client has no MissingSource rule: people/me is sent, and Google refuses it.
            expectOnly(
              sent,
              batch.filter(inGrammar).map((name) => `DELETE /v1/${name}:deleteContactPhoto `),
            );
            expect(outcomes).toEqual(
              batch.map((name) => (inGrammar(name) ? 'answered' : 'refused')),
            );
          },
        ),
        150,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'gateway - deleteContactPhoto, updateContact and person send only their own request for a name in the grammar, and refuse any other with no call',
    async () => {
      const operation = fc.constantFrom('deleteContactPhoto', 'updateContact', 'person');
      await upstreamSinceLastCase(stack);
      await fuzz(
        fc.asyncProperty(
          fc.array(fc.tuple(operation, resourceName), { minLength: 8, maxLength: 8 }),
          async (batch) => {
            counts.gateway += batch.length;
            counts.inGrammar += batch.filter(([, name]) => inGrammar(name)).length;
            const answers = await Promise.all(
              batch.map(([op, name]) => postJson(stack, gatewayCase(op, name))),
            );
            const sent = (await upstreamSinceLastCase(stack)).map(described);
            expectOnly(
              sent,
              batch.flatMap(([op, name]) => meantRequest(op, name)),
            );
            batch.forEach(([op, name], i) => {
              const answer = answers[i];
              if (!answer) throw new Error('missing answer');
              const body = checkAnswer(answer);
              const result = body.data?.[op] as { __typename?: string; field?: string } | null;
              const code = body.errors?.[0]?.extensions;
              if (inGrammar(name)) {
                if (name === 'people/me' && op !== 'person') {
                  expect(result?.__typename).toBe('MissingSource');
                }
              } else if (op === 'person') {
                expect([code?.code, code?.['field']]).toEqual(['BAD_USER_INPUT', 'resourceName']);
              } else {
                expect(result).toEqual({ __typename: 'InvalidArgument', field: 'resourceName' });
              }
            });
          },
        ),
        150,
      );
      expect(await healthz(stack)).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );
});

/** The emulator saw exactly the meant requests; else fails naming the others in full. */
function expectOnly(sent: string[], meant: string[]): void {
  const unmatched = [...meant];
  const unexpected = sent.filter((request) => {
    const i = unmatched.indexOf(request);
    if (i === -1) return true;
    unmatched.splice(i, 1);
    return false;
  });
  if (unexpected.length > 0 || unmatched.length > 0) {
    throw new Error(
      `upstream saw ${JSON.stringify(unexpected)} it should not have, missed ${JSON.stringify(unmatched)}`,
    );
  }
}

/**
 * What the operation may send for this name, as `described` writes it: nothing outside the
 * grammar, nothing for a mutation of `people/me` (MissingSource), else its one request.
 */
function meantRequest(op: string, name: string): string[] {
  if (!inGrammar(name)) return [];
  if (op === 'person') return [`GET /v1/people:batchGet ${JSON.stringify(name)}`];
  if (name === 'people/me') return [];
  return op === 'deleteContactPhoto'
    ? [`DELETE /v1/${name}:deleteContactPhoto `]
    : [`PATCH /v1/${name}:updateContact names`];
}

function gatewayCase(op: string, name: string): { query: string; variables: unknown } {
  switch (op) {
    case 'deleteContactPhoto':
      return {
        query: `mutation($n: ID!) { deleteContactPhoto(resourceName: $n) {
          __typename ... on InvalidArgument { field } } }`,
        variables: { n: name },
      };
    case 'updateContact':
      return {
        query: `mutation($input: UpdateContactInput!) {
          updateContact(input: $input, mask: [NAMES]) {
            __typename ... on InvalidArgument { field } } }`,
        variables: { input: { resourceName: name, etag: 'fuzz', names: [{ givenName: 'F' }] } },
      };
    default:
      return {
        query: `query($n: ID!) { person(resourceName: $n) { etag } }`,
        variables: { n: name },
      };
  }
}
