import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { summary } from '../support/contacts.js';
import { startStack, type Stack } from '../support/stack.js';

const USER = 'creator';

const CREATE_CONTACTS = /* GraphQL */ `
  mutation Create($inputs: [CreateContactInput!]!) {
    createContacts(inputs: $inputs) {
      results {
        __typename
        ... on CreateContactSuccess {
          person {
            names {
              givenName
            }
          }
        }
        ... on SingletonViolation {
          field
          count
        }
        ... on UpstreamUnavailable {
          mayHaveApplied
        }
        ... on MutationError {
          message
        }
      }
    }
  }
`;

type Result = Record<string, unknown> & { __typename: string };

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tokens: ['demo', USER] });
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

async function createContacts(inputs: object[]): Promise<Result[]> {
  const res = await stack.gql<{ createContacts: { results: Result[] } }>(
    CREATE_CONTACTS,
    { inputs },
    USER,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.createContacts.results ?? [];
}

/** The user's contacts' given names, as the emulator holds them. */
async function givenNames(): Promise<string[]> {
  const res = await stack.gql<{ contacts: { persons: { names: { givenName: string }[] }[] } }>(
    'query { contacts(pageSize: 1000) { persons { names { givenName } } } }',
    {},
    USER,
  );
  return (res.body.data?.contacts.persons ?? []).map((p) => p.names[0]?.givenName ?? '').sort();
}

const named = (givenName: string) => ({ names: [{ givenName }] });
const created = (givenName: string) => ({
  __typename: 'CreateContactSuccess',
  person: { names: [{ givenName }] },
});

describe('createContacts', () => {
  it('createContacts - creates every contact with one batchCreateContacts call, in input order', async () => {
    const results = await createContacts([named('Ann'), named('Bob')]);

    expect(results).toEqual([created('Ann'), created('Bob')]);
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(['POST batchCreateContacts 200']);
    expect(requests[0]?.body).toEqual({
      contacts: [{ contactPerson: named('Ann') }, { contactPerson: named('Bob') }],
      readMask: 'names',
    });
  });

  it('createContacts - refuses items before the call at no cost, and sends only the others', async () => {
    const results = await createContacts([
      { names: [{ givenName: 'One' }, { givenName: 'Two' }] },
      {},
      named('Cid'),
    ]);

    expect(results.map((r) => r.__typename)).toEqual([
      'SingletonViolation',
      'InvalidArgument',
      'CreateContactSuccess',
    ]);
    expect(results[0]).toMatchObject({ field: 'NAMES', count: 2 });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(['POST batchCreateContacts 200']);
    expect(requests[0]?.body).toMatchObject({ contacts: [{ contactPerson: named('Cid') }] });
  });

  it('createContacts - a contact Google refuses gets its own error; the others are created in a second call, once', async () => {
    const before = await givenNames();
    await stack.clearRequests();
    const unknownGroup = {
      ...named('Grouped'),
      memberships: [
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/nope1' } },
      ],
    };

    const results = await createContacts([named('Dee'), unknownGroup, named('Eve')]);

    expect(results).toEqual([
      created('Dee'),
      {
        __typename: 'InvalidArgument',
        message:
          'The People API rejected the request: Contact group "contactGroups/nope1" does not exist.',
      },
      created('Eve'),
    ]);
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([
      'POST batchCreateContacts 400',
      'POST batchCreateContacts 200',
    ]);
    expect(requests[1]?.body).toMatchObject({
      contacts: [{ contactPerson: named('Dee') }, { contactPerson: named('Eve') }],
    });
    expect(await givenNames()).toEqual([...before, 'Dee', 'Eve'].sort());
  });

  it('createContacts - never sends a create again after a lost answer: UpstreamUnavailable with mayHaveApplied', async () => {
    const before = await givenNames();
    await stack.clearRequests();
    await stack.faults({ applyThenFailRate: 1 });

    const results = await createContacts([named('Once'), named('Only')]);

    expect(results.map((r) => [r.__typename, r['mayHaveApplied']])).toEqual([
      ['UpstreamUnavailable', true],
      ['UpstreamUnavailable', true],
    ]);
    expect(summary(await stack.requests())).toEqual(['POST batchCreateContacts 503']);
    await stack.faults(null);
    expect(await givenNames()).toEqual([...before, 'Once', 'Only'].sort());
  });
});
