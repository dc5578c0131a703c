import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../support/stack.js';
import {
  checkAnswer,
  fuzz,
  FUZZ_TIMEOUT_MS,
  healthz,
  send,
  startFuzzStack,
  upstreamSinceLastCase,
  type RawRequest,
} from './support.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startFuzzStack();
});
afterAll(async () => {
  await stack.close();
});

/** Header values fetch accepts: visible ASCII and spaces. */
const headerText = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/graphql-response+json',
    'application/graphql',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
  ),
  headerText,
);

const accept = fc.constantFrom(
  undefined,
  '*/*',
  'application/json',
  'application/graphql-response+json',
  'text/html',
  'image/png',
);

/** Things that look a little like GraphQL: tokens glued at random. */
const graphqlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '{',
        '}',
        '(',
        ')',
        '[',
        ']',
        ':',
        '$',
        '!',
        '@',
        '...',
        '=',
        '|',
        '&',
        '"',
        '"""',
        '#',
        'query',
        'mutation',
        'subscription',
        'fragment',
        'on',
        'person',
        'contacts',
        'updateContact',
        'resourceName',
        '__typename',
        '__schema',
        'etag',
        'input',
        'mask',
        'NAMES',
        'null',
        'true',
        '\\u0000',
      ),
      fc.string({ maxLength: 8 }),
      fc.integer().map(String),
    ),
    { maxLength: 40 },
  )
  .map((tokens) => tokens.join(' '));

const anyJson = fc.jsonValue({ maxDepth: 3 });

/** A JSON body shaped like a GraphQL request, with every member possibly wrong. */
const envelope = fc
  .record(
    {
      query: fc.oneof(graphqlish, fc.string(), anyJson),
      variables: anyJson,
      operationName: fc.oneof(fc.string({ maxLength: 10 }), anyJson),
      extensions: fc.oneof(
        anyJson,
        fc.record({
          persistedQuery: fc.record({
            version: fc.oneof(fc.constant(1), anyJson),
            sha256Hash: fc.oneof(
              fc.string({
                unit: fc.constantFrom(...'0123456789abcdef'.split('')),
                minLength: 64,
                maxLength: 64,
              }),
              anyJson,
            ),
          }),
        }),
      ),
    },
    { requiredKeys: [] },
  )
  .map((payload) => JSON.stringify(payload));

const body = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }),
  fc.string({ unit: 'binary', maxLength: 500 }),
  graphqlish,
  anyJson.map((v) => JSON.stringify(v)),
  envelope,
  // Valid JSON, cut short.
  envelope.chain((text) => fc.nat(text.length).map((n) => text.slice(0, n))),
);

const request: fc.Arbitrary<RawRequest> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ type: fc.option(contentType), body, accept, preflight: fc.boolean() })
      .map(({ type, body: payload, accept: wanted, preflight }) => ({
        method: 'POST',
        headers: {
          authorization: 'Bearer demo',
          ...(type === null ? {} : { 'content-type': type }),
          ...(wanted === undefined ? {} : { accept: wanted }),
          ...(preflight ? { 'apollo-require-preflight': 'true' } : {}),
        },
        body: payload,
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        query: fc.option(fc.oneof(graphqlish, fc.string())),
        variables: fc.option(
          fc.oneof(
            fc.string(),
            anyJson.map((v) => JSON.stringify(v)),
          ),
        ),
        operationName: fc.option(fc.string()),
        preflight: fc.boolean(),
      })
      .map(({ query, variables, operationName, preflight }) => {
        const params = new URLSearchParams();
        if (query !== null) params.set('query', query);
        if (variables !== null) params.set('variables', variables);
        if (operationName !== null) params.set('operationName', operationName);
        return {
          method: 'GET',
          headers: {
            authorization: 'Bearer demo',
            ...(preflight ? { 'apollo-require-preflight': 'true' } : {}),
          },
          search: `?${params.toString()}`,
        };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ method: fc.constantFrom('PUT', 'PATCH', 'DELETE'), body: fc.option(body) })
      .map(({ method, body: payload }) => ({
        method,
        headers: { authorization: 'Bearer demo', 'content-type': 'application/json' },
        ...(payload === null ? {} : { body: payload }),
      })),
  },
);

describe('fuzz: garbage over HTTP', () => {
  it(
    'answers random bodies, content types, methods and envelopes with a clear 4xx error and no upstream call',
    async () => {
      await upstreamSinceLastCase(stack);
      await fuzz(
        fc.asyncProperty(request, async (req) => {
          const body = checkAnswer(await send(stack, req));
          // Only the odd `{ __typename }` can be a valid operation here, and it reads nothing.
          expect(await upstreamSinceLastCase(stack)).toEqual([]);
          return body.errors !== undefined || body.data !== undefined;
        }),
        2_000,
      );
      expect(await healthz(stack)).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );

  // Found by the property above: Apollo Server's persisted-query errors carry no code, so they
  // reach clients as INTERNAL_SERVER_ERROR although the answer is a 400 for the client's mistake.
  it('answers malformed persisted-query extensions with a client error code, not INTERNAL_SERVER_ERROR', async () => {
    for (const payload of [
      { extensions: { persistedQuery: { version: 2, sha256Hash: '00' } } },
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '00' } } },
    ]) {
      const answer = await send(stack, {
        method: 'POST',
        headers: { authorization: 'Bearer demo', 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      expect(answer.status).toBe(400);
      expect(() => checkAnswer(answer)).not.toThrow();
    }
    expect(await upstreamSinceLastCase(stack)).toEqual([]);
  });

  it(
    'refuses a body over the limit with 413 before reading it all',
    async () => {
      // The declared length is over the limit: the gateway answers without reading the body.
      const answer = await send(stack, {
        method: 'POST',
        headers: { authorization: 'Bearer demo', 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename }`, variables: { x: 'x'.repeat(8 << 20) } }),
      });
      expect(answer.status).toBe(413);
      expect(checkAnswer(answer).errors?.[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await upstreamSinceLastCase(stack)).toEqual([]);
      expect(await healthz(stack)).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );
});
