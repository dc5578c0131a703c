import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    env: {
      MAX_QUERY_DEPTH: '4',
      MAX_QUERY_ALIASES: '5',
      MAX_QUERY_TOKENS: '200',
      MAX_QUERY_COST: '40',
    },
  });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

async function refused(query: string, variables: Record<string, unknown> = {}) {
  const res = await stack.gql(query, variables);
  expect(res.status).toBe(400);
  expect(await stack.requests()).toEqual([]);
  return res.body.errors?.map((e) => [e.extensions?.['code'], e.message]) ?? [];
}

describe('limits on hostile operations', () => {
  it('refuses an operation deeper than MAX_QUERY_DEPTH before any upstream call', async () => {
    const errors = await refused(
      `{ person(resourceName: "${DEMO_CONTACTS.ada}") { names { metadata { source { profileMetadata { userTypes } } } } } }`,
    );
    expect(errors).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', expect.stringContaining('depth limit of 4') as unknown],
    ]);
  });

  it('refuses more aliases than MAX_QUERY_ALIASES', async () => {
    const aliases = Array.from(
      { length: 6 },
      (_, i) => `a${i}: person(resourceName: "people/c${i}") { etag }`,
    ).join(' ');
    const errors = await refused(`{ ${aliases} }`);
    expect(errors).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', expect.stringContaining('Aliases limit of 5') as unknown],
    ]);
  });

  it('refuses a document of more than MAX_QUERY_TOKENS tokens as a syntax error', async () => {
    const fields = Array.from({ length: 250 }, () => '__typename').join(' ');
    const errors = await refused(`{ ${fields} }`);
    expect(errors).toEqual([
      ['GRAPHQL_PARSE_FAILED', expect.stringContaining('tokens') as unknown],
    ]);
  });

  it('refuses an operation that costs more than MAX_QUERY_COST', async () => {
    const errors = await refused(
      `{ person(resourceName: "${DEMO_CONTACTS.ada}") { names { givenName familyName middleName displayName } emailAddresses { value type } phoneNumbers { value type } addresses { city country region } organizations { name title } urls { value } } }`,
    );
    expect(errors).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', expect.stringContaining('Cost limit of 40') as unknown],
    ]);
  });

  it('refuses more names in people than MAX_PEOPLE_PER_QUERY without an upstream call', async () => {
    const names = Array.from({ length: 1001 }, (_, i) => `people/c${i}`);
    const res = await stack.gql(`query($n: [ID!]!) { people(resourceNames: $n) { etag } }`, {
      n: names,
    });
    expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(await stack.requests()).toEqual([]);
  });

  it('refuses batched HTTP requests', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });
});
