import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, type RequestLogEntry } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

/** `count` distinct contact names that no one has, from `from` on. */
function names(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `people/c9${String(from + i).padStart(18, '0')}`);
}

/** One operation with one aliased `people` field per list of names, each list a variable. */
function peopleAliases(lists: string[][]): [string, Record<string, string[]>] {
  const params = lists.map((_, i) => `$n${i}: [ID!]!`).join(', ');
  const fields = lists.map((_, i) => `a${i}: people(resourceNames: $n${i}) { etag }`).join(' ');
  return [
    `query(${params}) { ${fields} }`,
    Object.fromEntries(lists.map((list, i) => [`n${i}`, list])),
  ];
}

const summary = (requests: RequestLogEntry[]) =>
  requests.map((r) => `${r.method} ${r.path.replace(/^\/v1\//, '')} ${r.status}`);

/** The resource names one logged getBatchGet asked for. */
const namesOf = (request: RequestLogEntry) => [request.query['resourceNames'] ?? []].flat();

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateContactInput!) {
    updateContact(input: $input, mask: [NAMES]) {
      __typename
      ... on UpdateContactSuccess {
        person {
          etag
        }
      }
      ... on EtagConflict {
        sentEtag
        current {
          resourceName
          names {
            givenName
          }
        }
      }
      ... on RateLimited {
        retryAfterSeconds
        message
      }
    }
  }
`;

describe('operation budget, defaults (2,000 names and 25 upstream calls per operation)', () => {
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

  it('people - refuses 30 aliases of 1,000 names each with OPERATION_BUDGET_EXCEEDED before any upstream request', async () => {
    const [query, variables] = peopleAliases(
      Array.from({ length: 30 }, (_, i) => names(1000, i * 1000)),
    );

    const res = await stack.gql(query, variables);

    expect((await stack.requests()).length).toBe(0);
    expect(res.body.data).toBeNull();
    const codes = new Set(res.body.errors?.map((e) => e.extensions?.['code']));
    expect([...codes]).toEqual(['OPERATION_BUDGET_EXCEEDED']);
    expect(res.body.errors?.[0]).toMatchObject({
      message:
        'This operation would look up 30000 resource names; the gateway allows 2000 per operation. Send the fields in separate requests.',
      extensions: { code: 'OPERATION_BUDGET_EXCEEDED', budget: { calls: 25, names: 2000 } },
    });
  });

  it('people - serves 2,000 names, the whole budget, with exactly one getBatchGet per 200 names', async () => {
    const asked = names(2000);
    const [query, variables] = peopleAliases([asked.slice(0, 1000), asked.slice(1000)]);

    const res = await stack.gql<{ a0: unknown[]; a1: unknown[] }>(query, variables);

    expect(res.body).toEqual({
      data: { a0: Array<null>(1000).fill(null), a1: Array<null>(1000).fill(null) },
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(Array<string>(10).fill('GET people:batchGet 200'));
    expect(requests.flatMap(namesOf).sort()).toEqual([...asked].sort());
  });

  it('people - refuses one name over the budget, counting every field of the operation, before any upstream request', async () => {
    const asked = names(2001);
    const [query, variables] = peopleAliases([
      asked.slice(0, 1000),
      asked.slice(1000, 2000),
      asked.slice(2000),
    ]);

    const res = await stack.gql(query, variables);

    expect((await stack.requests()).length).toBe(0);
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.message).toBe(
      'This operation would look up 2001 resource names; the gateway allows 2000 per operation. Send the fields in separate requests.',
    );
  });

  it('federation - refuses 2,001 entity references before any upstream request', async () => {
    const representations = names(2001).map((resourceName) => ({
      __typename: 'Person',
      resourceName,
    }));

    const res = await stack.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { etag } } }`,
      { r: representations },
    );

    expect((await stack.requests()).length).toBe(0);
    expect(res.body.data).toEqual({ _entities: Array<null>(2001).fill(null) });
    const codes = new Set(res.body.errors?.map((e) => e.extensions?.['code']));
    expect([...codes]).toEqual(['OPERATION_BUDGET_EXCEEDED']);
  });

  it('gives each operation its own budget: two requests of 2,000 names both pass', async () => {
    for (const from of [0, 2000]) {
      await stack.clearRequests();
      const asked = names(2000, from);
      const [query, variables] = peopleAliases([asked.slice(0, 1000), asked.slice(1000)]);

      const res = await stack.gql(query, variables);

      expect(res.body.errors).toBeUndefined();
      expect((await stack.requests()).length).toBe(10);
    }
  });

  it('leaves a contact editor alone: a page of 10 contacts and a person, then an update with EtagConflict.current', async () => {
    const read = await stack.gql<{
      contacts: { persons: { resourceName: string }[] };
      person: { etag: string };
    }>(
      `query($n: ID!) {
        contacts(pageSize: 10) { persons { resourceName etag names { displayName } } nextPageToken }
        person(resourceName: $n) { resourceName etag names { givenName } }
      }`,
      { n: DEMO_CONTACTS.minimal },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.contacts.persons).toHaveLength(10);
    const etag = read.body.data?.person.etag ?? '';
    const renamed = await stack.gql(UPDATE, {
      input: { resourceName: DEMO_CONTACTS.minimal, etag, names: [{ givenName: 'First' }] },
    });
    expect(renamed.body.data?.['updateContact']).toMatchObject({
      __typename: 'UpdateContactSuccess',
    });
    await stack.clearRequests();

    const stale = await stack.gql(UPDATE, {
      input: { resourceName: DEMO_CONTACTS.minimal, etag, names: [{ givenName: 'Second' }] },
    });

    expect(stale.body).toEqual({
      data: {
        updateContact: {
          __typename: 'EtagConflict',
          sentEtag: etag,
          current: { resourceName: DEMO_CONTACTS.minimal, names: [{ givenName: 'First' }] },
        },
      },
    });
    expect(summary(await stack.requests())).toEqual([
      `PATCH people/${DEMO_CONTACTS.minimal.slice('people/'.length)}:updateContact 400`,
      'GET people:batchGet 200',
    ]);
  });
});

describe('operation budget from the environment (MAX_PEOPLE_PER_OPERATION=500, MAX_UPSTREAM_CALLS_PER_OPERATION=3)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: { MAX_PEOPLE_PER_OPERATION: '500', MAX_UPSTREAM_CALLS_PER_OPERATION: '3' },
    });
  });
  afterAll(async () => {
    await stack.close();
  });
  beforeEach(async () => {
    await stack.clearRequests();
  });

  it('people - serves 500 names with exactly 3 getBatchGet calls', async () => {
    const [query, variables] = peopleAliases([names(500)]);

    const res = await stack.gql(query, variables);

    expect(res.body).toEqual({ data: { a0: Array<null>(500).fill(null) } });
    expect(summary(await stack.requests())).toEqual(
      Array<string>(3).fill('GET people:batchGet 200'),
    );
  });

  it('people - refuses 501 names before any upstream request', async () => {
    const [query, variables] = peopleAliases([names(501)]);

    const res = await stack.gql(query, variables);

    expect((await stack.requests()).length).toBe(0);
    expect(res.body).toMatchObject({
      data: null,
      errors: [
        {
          message:
            'This operation would look up 501 resource names; the gateway allows 500 per operation. Send the fields in separate requests.',
          extensions: { code: 'OPERATION_BUDGET_EXCEEDED', budget: { calls: 3, names: 500 } },
        },
      ],
    });
  });

  it('refuses the read that would be the fourth upstream call and keeps the answers already made', async () => {
    const res = await stack.gql(
      `query($n: ID!) {
        c1: contacts(pageSize: 1) { totalItems }
        c2: contacts(pageSize: 2) { totalItems }
        c3: contacts(pageSize: 3) { totalItems }
        p: person(resourceName: $n) { etag }
      }`,
      { n: DEMO_CONTACTS.ada },
    );

    expect(res.body.data).toEqual({
      c1: { totalItems: expect.any(Number) as unknown },
      c2: { totalItems: expect.any(Number) as unknown },
      c3: { totalItems: expect.any(Number) as unknown },
      p: null,
    });
    expect(res.body.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([
      [
        'OPERATION_BUDGET_EXCEEDED',
        'This operation would make more than 3 People API calls, the gateway’s budget per operation. Send the fields in separate requests.',
      ],
    ]);
    expect(summary(await stack.requests())).toEqual(
      Array<string>(3).fill('GET people/me/connections 200'),
    );
  });

  it('counts retries as calls: stops retrying a 503 when the budget cannot pay another call, answering UPSTREAM_UNAVAILABLE', async () => {
    await stack.faults({ failRate: 1, failStatus: 503 });
    try {
      const res = await stack.gql(`query($n: ID!) { person(resourceName: $n) { etag } }`, {
        n: DEMO_CONTACTS.ada,
      });

      expect(res.body.data).toEqual({ person: null });
      expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['UPSTREAM_UNAVAILABLE']);
      // RETRY_MAX is 3 (4 attempts); the budget pays for 3.
      expect(summary(await stack.requests())).toEqual(
        Array<string>(3).fill('GET people:batchGet 503'),
      );
    } finally {
      await stack.faults(null);
    }
  });

  it('mutations - answers RateLimited (retry now, in a new request) for an update the budget cannot pay, keeping the earlier results', async () => {
    const read = await stack.gql<{ person: { etag: string } }>(
      `query($n: ID!) { person(resourceName: $n) { etag } }`,
      { n: DEMO_CONTACTS.nonAscii },
    );
    const etag = read.body.data?.person.etag ?? '';
    await stack.clearRequests();
    const updates = Array.from(
      { length: 4 },
      (_, i) => `u${i}: updateContact(input: $input, mask: [NAMES]) { ...Result }`,
    ).join('\n');

    // The first update lands, the next two meet a stale etag, the fourth would be call 4.
    const res = await stack.gql(
      `mutation($input: UpdateContactInput!) { ${updates} }
      fragment Result on UpdateContactResult {
        __typename
        ... on RateLimited { retryAfterSeconds message }
      }`,
      {
        input: { resourceName: DEMO_CONTACTS.nonAscii, etag, names: [{ givenName: 'José' }] },
      },
    );

    expect(res.body).toEqual({
      data: {
        u0: { __typename: 'UpdateContactSuccess' },
        u1: { __typename: 'EtagConflict' },
        u2: { __typename: 'EtagConflict' },
        u3: {
          __typename: 'RateLimited',
          retryAfterSeconds: 0,
          message:
            'This operation would make more than 3 People API calls, the gateway’s budget per operation. Send the fields in separate requests. Try again in 0 s.',
        },
      },
    });
    expect((await stack.requests()).length).toBe(3);
  });
});
