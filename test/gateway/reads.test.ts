import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

describe('person and people', () => {
  it('batches three person fields of one operation into one getBatchGet', async () => {
    const res = await stack.gql<Record<string, { resourceName: string; names: unknown[] } | null>>(
      `query($a: ID!, $b: ID!, $c: ID!) {
        a: person(resourceName: $a) { resourceName names { givenName } }
        b: person(resourceName: $b) { resourceName names { familyName } }
        c: person(resourceName: $c) { resourceName names { displayName } }
      }`,
      { a: DEMO_CONTACTS.ada, b: DEMO_CONTACTS.work, c: DEMO_CONTACTS.linkedProfile },
    );
    expect(res.body.errors).toBeUndefined();
    expect(Object.values(res.body.data ?? {}).map((p) => p?.resourceName)).toEqual([
      DEMO_CONTACTS.ada,
      DEMO_CONTACTS.work,
      DEMO_CONTACTS.linkedProfile,
    ]);
    const requests = await stack.requests();
    expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
      [
        'GET',
        '/v1/people:batchGet',
        {
          personFields: 'names',
          resourceNames: [DEMO_CONTACTS.ada, DEMO_CONTACTS.work, DEMO_CONTACTS.linkedProfile],
        },
      ],
    ]);
  });

  it('answers people in the order asked, with null for names that do not resolve', async () => {
    const names = [DEMO_CONTACTS.work, 'people/c404000000000', DEMO_CONTACTS.ada];
    const res = await stack.gql<{ people: ({ resourceName: string } | null)[] }>(
      `query($n: [ID!]!) { people(resourceNames: $n) { resourceName } }`,
      { n: names },
    );
    expect(res.body).toEqual({
      data: {
        people: [{ resourceName: DEMO_CONTACTS.work }, null, { resourceName: DEMO_CONTACTS.ada }],
      },
    });
    // Only metadata is read for resourceName.
    expect((await stack.requests()).map((r) => r.query)).toEqual([
      { personFields: 'metadata', resourceNames: names },
    ]);
  });

  it('refuses the whole people field with BAD_USER_INPUT when one name is outside the grammar, with no upstream call', async () => {
    const res = await stack.gql(
      `query($n: [ID!]!) { people(resourceNames: $n) { resourceName } }`,
      {
        n: [DEMO_CONTACTS.work, 'not-a-name', DEMO_CONTACTS.ada],
      },
    );
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['field']])).toEqual([
      ['BAD_USER_INPUT', 'resourceNames'],
    ]);
    expect(await stack.requests()).toEqual([]);
  });

  it('splits a read of 450 names into getBatchGet calls of at most 200', async () => {
    const names = Array.from({ length: 450 }, (_, i) => `people/c${String(7_000_000 + i)}`);
    const res = await stack.gql<{ people: unknown[] }>(
      `query($n: [ID!]!) { people(resourceNames: $n) { resourceName } }`,
      {
        n: names,
      },
    );
    expect(res.body.data?.people).toEqual(names.map(() => null));
    const sizes = (await stack.requests()).map((r) =>
      Array.isArray(r.query['resourceNames']) ? r.query['resourceNames'].length : 1,
    );
    expect(sizes).toEqual([200, 200, 50]);
  });

  it('returns every Person field as a list, empty when the person has none', async () => {
    const res = await stack.gql<{ person: Record<string, unknown> }>(
      `query($n: ID!) { person(resourceName: $n) { skills { value } taglines { value } residences { value } names { givenName } } }`,
      { n: DEMO_CONTACTS.ada },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.person).toMatchObject({ skills: [], taglines: [], residences: [] });
  });
});
