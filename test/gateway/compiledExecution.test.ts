/**
 * Compiled execution (src/http/execution.ts): a document that repeats runs on graphql-jit, and
 * answers exactly as graphql-js does. The rest of the suite runs with every document compiled
 * from its first run (test/support/stack.ts); here two gateways, one on graphql-js alone
 * (GRAPHQL_COMPILE_AFTER=0) and one compiling at the second run, answer the same operations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { EDITOR_LIST, EDITOR_READ, EDITOR_UPDATE } from '../../bench/editor.js';
import { startStack, type GraphQLResult, type Stack } from '../support/stack.js';

let interpreted: Stack;
let compiled: Stack;

beforeAll(async () => {
  [interpreted, compiled] = await Promise.all([
    startStack({ env: { GRAPHQL_COMPILE_AFTER: '0' } }),
    startStack({ env: { GRAPHQL_COMPILE_AFTER: '2' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([interpreted.close(), compiled.close()]);
});

async function compiledOperations(stack: Stack): Promise<number> {
  const text = await (await fetch(new URL('/metrics', stack.gateway.url))).text();
  const line = /^gateway_compiled_operations (\d+)$/m.exec(text);
  return Number(line?.[1]);
}

/**
 * An answer without what differs from one request to the next: the request id, and the stack
 * trace that development mode adds to errors (its frames name the executor).
 */
function comparable(result: GraphQLResult): unknown {
  const varying = new Set(['requestId', 'stacktrace']);
  return JSON.parse(
    JSON.stringify(result, (key, value: unknown) => (varying.has(key) ? undefined : value)),
  ) as unknown;
}

/**
 * Runs one operation on the compiling gateway until it is compiled (from its second run, once
 * graphql-jit has loaded), then twice more; every answer must be graphql-js's.
 */
async function sameAnswers(query: string, variables?: Record<string, unknown>) {
  const expected = comparable(await interpreted.gql(query, variables));
  const before = await compiledOperations(compiled);
  const answers: unknown[] = [];
  for (let run = 0; run < 200; run++) {
    answers.push(comparable(await compiled.gql(query, variables)));
    if ((await compiledOperations(compiled)) > before) break;
  }
  answers.push(comparable(await compiled.gql(query, variables)));
  answers.push(comparable(await compiled.gql(query, variables)));
  expect(await compiledOperations(compiled)).toBe(before + 1);
  expect(answers.length).toBeGreaterThanOrEqual(4);
  for (const answer of answers) expect(answer).toEqual(expected);
  return expected as GraphQLResult;
}

describe('compiled execution', () => {
  it('answers the editor read and page of 10 as graphql-js does, once compiled', async () => {
    const read = await sameAnswers(EDITOR_READ, { n: DEMO_CONTACTS.ada });
    expect(JSON.stringify(read.body.data)).toContain('emailAddresses');
    const page = await sameAnswers(EDITOR_LIST);
    expect(JSON.stringify(page.body.data)).toContain('nextPageToken');
  });

  it('answers refusals, their paths and union members as graphql-js does', async () => {
    // A resolver's GraphQLError (BAD_USER_INPUT, with its path) on a field of a query.
    const refused = await sameAnswers(`query($n: ID!) { person(resourceName: $n) { etag } }`, {
      n: 'people/c1:deleteContact#',
    });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]).toHaveProperty('path', ['person']);
    // A union member refused before any call.
    const member = await sameAnswers(EDITOR_UPDATE, {
      input: { resourceName: 'people/me', etag: 'x', names: [{ givenName: 'A' }] },
    });
    expect(member.body.data).toEqual({
      updateContact: { __typename: 'MissingSource' },
    });
  });

  it('refuses bad variables of a compiled operation as graphql-js does: 400 BAD_USER_INPUT, no call', async () => {
    const query = `query Variables($n: ID!) { person(resourceName: $n) { etag } }`;
    await sameAnswers(query, { n: DEMO_CONTACTS.ada });
    await compiled.clearRequests();
    for (const variables of [{ n: 7.5 }, {}, { n: null }, { n: ['a', 'b'] }, { n: { a: 1 } }]) {
      const expected = comparable(await interpreted.gql(query, variables));
      const answer = await compiled.gql(query, variables);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(comparable(answer)).toEqual(expected);
    }
    expect(await compiled.requests()).toEqual([]);
  });

  it('asks Google for the fields each run selects, fragments and @include on variables included', async () => {
    const query = `query Shown($n: ID!, $phones: Boolean!) {
      person(resourceName: $n) { ...Shown phoneNumbers @include(if: $phones) { value } }
    }
    fragment Shown on Person { names { displayName } }`;
    await sameAnswers(query, { n: DEMO_CONTACTS.ada, phones: true });
    for (const phones of [false, true, false]) {
      const variables = { n: DEMO_CONTACTS.ada, phones };
      const expected = comparable(await interpreted.gql(query, variables));
      await compiled.clearRequests();
      expect(comparable(await compiled.gql(query, variables))).toEqual(expected);
      const [read] = await compiled.requests();
      expect(read?.query['personFields']).toBe(phones ? 'names,phoneNumbers' : 'names');
    }
  });

  it('never compiles a document that runs once', async () => {
    const before = await compiledOperations(compiled);
    for (let i = 0; i < 20; i++) {
      await compiled.gql(
        `query OneOff${i} { person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }`,
      );
    }
    expect(await compiledOperations(compiled)).toBe(before);
    expect(await compiledOperations(interpreted)).toBe(0);
  });
});
