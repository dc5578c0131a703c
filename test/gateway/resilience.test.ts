import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, type RequestLogEntry } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

const UPDATE = `mutation($input: UpdateContactInput!) { updateContact(input: $input, mask: [NAMES]) {
  __typename
  ... on UpdateContactSuccess { person { etag names { givenName } } }
  ... on RateLimited { retryAfterSeconds message }
  ... on EtagConflict { sentEtag }
} }`;
const READ = `query($n: ID!) { person(resourceName: $n) { etag names { givenName } } }`;

interface Person {
  etag: string;
  names: { givenName: string }[];
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { RETRY_MAX: '2', RETRY_BUDGET_MS: '5000' } });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});
afterEach(async () => {
  await stack.faults(null);
});

async function read(name: string): Promise<Person> {
  const res = await stack.gql<{ person: Person }>(READ, { n: name });
  if (!res.body.data?.person) throw new Error('no person');
  return res.body.data.person;
}

const summary = (requests: RequestLogEntry[]) =>
  requests.map((r) => [r.method, r.path.split(':')[1] ?? r.path, r.status]);

describe('retries and idempotency', () => {
  it('answers success when the first attempt landed but its answer was lost (apply then 503)', async () => {
    const before = await read(DEMO_CONTACTS.ada);
    await stack.clearRequests();
    await stack.faults({ applyThenFailRate: 1 });

    const res = await stack.gql(UPDATE, {
      input: { resourceName: DEMO_CONTACTS.ada, etag: before.etag, names: [{ givenName: 'Once' }] },
    });

    expect(res.body.data?.['updateContact']).toMatchObject({
      __typename: 'UpdateContactSuccess',
      person: { names: [{ givenName: 'Once' }] },
    });
    // Landed (503), the retry meets its own new etag (400), a read shows the change was ours.
    expect(summary(await stack.requests())).toEqual([
      ['PATCH', 'updateContact', 503],
      ['PATCH', 'updateContact', 400],
      ['GET', 'batchGet', 200],
    ]);
    await stack.faults(null);
    expect((await read(DEMO_CONTACTS.ada)).names).toEqual([{ givenName: 'Once' }]);
  });

  it('still reports EtagConflict when someone else changed the contact', async () => {
    const stale = await read(DEMO_CONTACTS.work);
    const other = await stack.gql(UPDATE, {
      input: {
        resourceName: DEMO_CONTACTS.work,
        etag: stale.etag,
        names: [{ givenName: 'Other' }],
      },
    });
    expect(other.body.data?.['updateContact']).toMatchObject({
      __typename: 'UpdateContactSuccess',
    });
    await stack.clearRequests();

    const res = await stack.gql(UPDATE, {
      input: { resourceName: DEMO_CONTACTS.work, etag: stale.etag, names: [{ givenName: 'Mine' }] },
    });

    expect(res.body.data?.['updateContact']).toEqual({
      __typename: 'EtagConflict',
      sentEtag: stale.etag,
    });
    // A first-attempt etag failure is final: never retried.
    expect(summary(await stack.requests())).toEqual([['PATCH', 'updateContact', 400]]);
  });

  it('retries 503s and gives UPSTREAM_UNAVAILABLE once the retries are spent, changing nothing', async () => {
    const before = await read(DEMO_CONTACTS.starred);
    await stack.clearRequests();
    await stack.faults({ failRate: 1, failStatus: 503 });

    const res = await stack.gql(UPDATE, {
      input: {
        resourceName: DEMO_CONTACTS.starred,
        etag: before.etag,
        names: [{ givenName: 'Never' }],
      },
    });

    expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(summary(await stack.requests())).toEqual([
      ['PATCH', 'updateContact', 503],
      ['PATCH', 'updateContact', 503],
      ['PATCH', 'updateContact', 503],
    ]);
    await stack.faults(null);
    expect(await read(DEMO_CONTACTS.starred)).toEqual(before);
  });

  it.each([
    [null, null],
    [1, 1],
  ])(
    'answers RateLimited once 429s outlast the retries, with retryAfterSeconds from Retry-After (%s)',
    async (retryAfterSeconds, expected) => {
      const before = await read(DEMO_CONTACTS.minimal);
      await stack.clearRequests();
      await stack.faults({ failRate: 1, failStatus: 429, retryAfterSeconds });

      const res = await stack.gql(UPDATE, {
        input: {
          resourceName: DEMO_CONTACTS.minimal,
          etag: before.etag,
          names: [{ givenName: 'Never' }],
        },
      });

      expect(res.body.data?.['updateContact']).toMatchObject({
        __typename: 'RateLimited',
        retryAfterSeconds: expected,
      });
      expect((await stack.requests()).map((r) => r.status)).toEqual([429, 429, 429]);
    },
  );
});

describe('answers that retrying cannot change', () => {
  it('does not retry a 501 and answers INTERNAL_SERVER_ERROR without "try again"', async () => {
    // stack.faults takes the statuses most tests use; the emulator also injects 501.
    const res = await fetch(new URL('__emulator/faults', stack.emulator.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failRate: 1, failStatus: 501 }),
    });
    expect(res.status).toBe(200);

    const read = await stack.gql(READ, { n: DEMO_CONTACTS.ada });

    expect(read.body).toMatchObject({
      data: { person: null },
      errors: [
        {
          message:
            'The People API cannot serve this call (HTTP 501 UNIMPLEMENTED); it was not retried.',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(summary(await stack.requests())).toEqual([['GET', 'batchGet', 501]]);
  });
});

describe('per-user ordering', () => {
  it('sends one user’s concurrent mutations to the People API one at a time, in arrival order', async () => {
    const start = await read(DEMO_CONTACTS.cjk);
    await stack.faults({ latencyMs: 15 });
    await stack.clearRequests();

    // Eight clients race on one user; each sends the same stale etag, so one wins and the rest
    // conflict, but the upstream must never see two at once.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        stack.gql<{ updateContact: { __typename: string } }>(UPDATE, {
          input: {
            resourceName: DEMO_CONTACTS.cjk,
            etag: start.etag,
            names: [{ givenName: `Racer ${i}` }],
          },
        }),
      ),
    );

    const kinds = results.map((r) => r.body.data?.updateContact.__typename);
    expect(kinds.filter((k) => k === 'UpdateContactSuccess')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'EtagConflict')).toHaveLength(7);
    const patches = (await stack.requests()).filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(8);
    for (let i = 1; i < patches.length; i += 1) {
      expect(patches[i]?.start).toBeGreaterThanOrEqual(patches[i - 1]?.end ?? Infinity);
    }
  });

  it('lets different users run in parallel', async () => {
    await stack.faults({ latencyMs: 100 });
    const [demo, other] = await Promise.all([
      stack.gql(`{ person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }`),
      stack.gql(
        `mutation { createContact(input: { names: [{ givenName: "Parallel" }] }) { __typename } }`,
        {},
        'other',
      ),
    ]);
    expect(demo.body.errors).toBeUndefined();
    expect(other.body.data).toEqual({ createContact: { __typename: 'CreateContactSuccess' } });
    const [a, b] = await stack.requests();
    expect(a && b && b.start < a.end).toBe(true);
  });
});

describe('per-user rate budget', () => {
  it('answers RateLimited without an upstream call once RATE_LIMIT_PER_MINUTE is spent', async () => {
    const limited = await startStack({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await limited.gql<{ createContact: { __typename: string } }>(
          `mutation($i: CreateContactInput!) { createContact(input: $i) { __typename ... on RateLimited { retryAfterSeconds } } }`,
          { i: { names: [{ givenName: `Budget ${i}` }] } },
        );
        outcomes.push(JSON.stringify(res.body.data?.createContact));
      }
      expect(outcomes).toEqual([
        '{"__typename":"CreateContactSuccess"}',
        '{"__typename":"CreateContactSuccess"}',
        '{"__typename":"RateLimited","retryAfterSeconds":30}',
      ]);
      expect((await limited.requests()).map((r) => r.method)).toEqual(['POST', 'POST']);
    } finally {
      await limited.close();
    }
  });
});
