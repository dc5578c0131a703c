import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID } from 'people-emulator';
import { seedContacts, summary } from '../support/contacts.js';
import { startStack, type Stack } from '../support/stack.js';

const USER = 'deleter';

const DELETE_ONE = /* GraphQL */ `
  mutation Delete($name: ID!) {
    deleteContact(resourceName: $name) {
      __typename
      ... on DeleteContactSuccess {
        resourceName
      }
      ... on ContactNotFound {
        resourceName
      }
      ... on MissingSource {
        resourceName
      }
      ... on InvalidArgument {
        argument: field
      }
      ... on RateLimited {
        retryAfterSeconds
      }
    }
  }
`;

const DELETE_MANY = /* GraphQL */ `
  mutation DeleteMany($names: [ID!]!) {
    deleteContacts(resourceNames: $names) {
      __typename
      ... on DeleteContactsSuccess {
        resourceNames
      }
      ... on InvalidArgument {
        argument: field
      }
      ... on RateLimited {
        retryAfterSeconds
      }
      ... on MutationError {
        message
      }
    }
  }
`;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tokens: ['demo', USER], env: { RETRY_MAX: '1' } });
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

async function deleteOne(name: string): Promise<Record<string, unknown>> {
  const res = await stack.gql<{ deleteContact: Record<string, unknown> }>(
    DELETE_ONE,
    { name },
    USER,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.deleteContact ?? {};
}

async function deleteMany(names: string[]): Promise<Record<string, unknown>> {
  const res = await stack.gql<{ deleteContacts: Record<string, unknown> }>(
    DELETE_MANY,
    { names },
    USER,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.deleteContacts ?? {};
}

async function exists(names: string[]): Promise<boolean[]> {
  const res = await stack.gql<{ people: (object | null)[] }>(
    'query($n: [ID!]!) { people(resourceNames: $n) { resourceName } }',
    { n: names },
    USER,
  );
  return (res.body.data?.people ?? []).map((p) => p !== null);
}

describe('deleteContact', () => {
  it('deleteContact - deletes the contact with one DELETE; a read then finds nothing', async () => {
    const [c] = await seedContacts(stack, USER, ['Doomed']);
    if (!c) throw new Error('seed');
    await stack.clearRequests();

    expect(await deleteOne(c.resourceName)).toEqual({
      __typename: 'DeleteContactSuccess',
      resourceName: c.resourceName,
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(['DELETE deleteContact 200']);
    expect(requests[0]?.path).toBe(`/v1/${c.resourceName}:deleteContact`);
    expect(await exists([c.resourceName])).toEqual([false]);
  });

  it('deleteContact - answers ContactNotFound for a contact that is gone', async () => {
    expect(await deleteOne('people/c424242')).toEqual({
      __typename: 'ContactNotFound',
      resourceName: 'people/c424242',
    });
    expect(summary(await stack.requests())).toEqual(['DELETE deleteContact 404']);
  });

  it('deleteContact - answers MissingSource for people/me without a call, and for a profile from Google', async () => {
    expect(await deleteOne('people/me')).toEqual({
      __typename: 'MissingSource',
      resourceName: 'people/me',
    });
    expect(await stack.requests()).toEqual([]);
    const profile = `people/${DEMO_ACCOUNT_ID}`;
    expect(await deleteOne(profile)).toEqual({
      __typename: 'MissingSource',
      resourceName: profile,
    });
    expect(summary(await stack.requests())).toEqual(['DELETE deleteContact 400']);
  });

  it('deleteContact - refuses a name outside the grammar with InvalidArgument and no call', async () => {
    expect(await deleteOne('people/c1:deleteContact')).toEqual({
      __typename: 'InvalidArgument',
      argument: 'resourceName',
    });
    expect(await stack.requests()).toEqual([]);
  });

  it('deleteContact - answers RateLimited when the People API keeps answering 429', async () => {
    await stack.faults({ failRate: 1, failStatus: 429 });
    expect(await deleteOne('people/c1')).toEqual({
      __typename: 'RateLimited',
      retryAfterSeconds: null,
    });
    expect(summary(await stack.requests())).toEqual([
      'DELETE deleteContact 429',
      'DELETE deleteContact 429',
    ]);
  });

  it('deleteContact - answers success when the delete landed but its answer was lost (apply then 503, then 404)', async () => {
    const [c] = await seedContacts(stack, USER, ['Lost']);
    if (!c) throw new Error('seed');
    await stack.clearRequests();
    await stack.faults({ applyThenFailRate: 1 });

    expect(await deleteOne(c.resourceName)).toEqual({
      __typename: 'DeleteContactSuccess',
      resourceName: c.resourceName,
    });
    expect(summary(await stack.requests())).toEqual([
      'DELETE deleteContact 503',
      'DELETE deleteContact 404',
    ]);
  });
});

describe('deleteContacts', () => {
  it('deleteContacts - deletes the names with one batchDeleteContacts call, each name once', async () => {
    const contacts = await seedContacts(stack, USER, ['X', 'Y']);
    const names = contacts.map((c) => c.resourceName);
    await stack.clearRequests();

    expect(await deleteMany([...names, names[0] ?? ''])).toEqual({
      __typename: 'DeleteContactsSuccess',
      resourceNames: names,
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(['POST batchDeleteContacts 200']);
    expect(requests[0]?.body).toEqual({ resourceNames: names });
    expect(await exists(names)).toEqual([false, false]);
  });

  it('deleteContacts - splits 600 names into calls of 500 and 100, in order', async () => {
    const contacts = await seedContacts(
      stack,
      USER,
      Array.from({ length: 600 }, (_, i) => `D${i}`),
    );
    const names = contacts.map((c) => c.resourceName);
    await stack.clearRequests();

    expect(await deleteMany(names)).toEqual({
      __typename: 'DeleteContactsSuccess',
      resourceNames: names,
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([
      'POST batchDeleteContacts 200',
      'POST batchDeleteContacts 200',
    ]);
    expect(requests.map((r) => r.body)).toEqual([
      { resourceNames: names.slice(0, 500) },
      { resourceNames: names.slice(500) },
    ]);
  });

  it('deleteContacts - answers RateLimited without a call when the names need more calls than the operation budget', async () => {
    const names = Array.from({ length: 12_501 }, (_, i) => `people/c${800000 + i}`);

    expect(await deleteMany(names)).toEqual({
      __typename: 'RateLimited',
      retryAfterSeconds: 0,
      message:
        'These 12501 names need 26 People API calls (500 a call), more than this operation may make; send them in several operations. Try again in 0 s.',
    });
    expect(await stack.requests()).toEqual([]);
  });

  it('deleteContacts - refuses the whole list without a call when one name is outside the grammar or people/me', async () => {
    const [c] = await seedContacts(stack, USER, ['Kept']);
    if (!c) throw new Error('seed');
    await stack.clearRequests();

    expect(await deleteMany([c.resourceName, 'people/c1?x=1'])).toEqual({
      __typename: 'InvalidArgument',
      argument: 'resourceNames',
      message:
        'resourceNames[1] is outside the resource-name grammar (people/me, or "people/" followed by an optional "c" and ASCII decimal digits (people/c1234567890), at most 100 characters); nothing was deleted.',
    });
    expect(await deleteMany(['people/me', c.resourceName])).toEqual({
      __typename: 'InvalidArgument',
      argument: 'resourceNames',
      message:
        "resourceNames[0] is people/me, the caller's profile, not a contact; nothing was deleted.",
    });
    expect(await stack.requests()).toEqual([]);
    expect(await exists([c.resourceName])).toEqual([true]);
  });

  it('deleteContacts - answers InvalidArgument when Google refuses a name it does not know, and deletes nothing', async () => {
    const [c] = await seedContacts(stack, USER, ['Survivor']);
    if (!c) throw new Error('seed');
    await stack.clearRequests();

    expect(await deleteMany([c.resourceName, 'people/c77777'])).toEqual({
      __typename: 'InvalidArgument',
      argument: null,
      message: 'The People API rejected the request: Requested entity was not found.',
    });
    expect(summary(await stack.requests())).toEqual(['POST batchDeleteContacts 404']);
    expect(await exists([c.resourceName])).toEqual([true]);
  });

  it('deleteContacts - answers RateLimited when the People API keeps answering 429, deleting nothing', async () => {
    const [c] = await seedContacts(stack, USER, ['Busy']);
    if (!c) throw new Error('seed');
    await stack.faults({ failRate: 1, failStatus: 429 });

    expect(await deleteMany([c.resourceName])).toMatchObject({
      __typename: 'RateLimited',
      retryAfterSeconds: null,
    });
    await stack.faults(null);
    expect(await exists([c.resourceName])).toEqual([true]);
  });
});
