import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summary } from '../support/contacts.js';
import { ADA, createAda, readView, updateContact } from '../support/mergeOperations.js';
import { startStack, type Stack } from '../support/stack.js';

const UPDATE_CONTACTS = /* GraphQL */ `
  mutation Update($inputs: [UpdateContactInput!]!, $mask: [UpdatablePersonField!]!) {
    updateContacts(inputs: $inputs, mask: $mask) {
      results {
        __typename
        ... on UpdateContactSuccess {
          mergedOnto
          person {
            names {
              givenName
              familyName
            }
            phoneNumbers {
              value
            }
          }
        }
        ... on EtagConflict {
          conflictingFields
          current {
            names {
              givenName
              familyName
            }
          }
        }
        ... on FieldNotInMask {
          fields
        }
      }
    }
  }
`;

type Result = Record<string, unknown> & { __typename: string };

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const newName = [{ givenName: 'Augusta Ada', familyName: 'King' }];
const newPhone = [{ value: '+44 20 7946 0002' }];

/** Ada's contact as read, then changed elsewhere in `field` (its read etag is then stale). */
async function changedElsewhere(
  field: 'phoneNumbers' | 'names',
  value: unknown,
): Promise<{ resourceName: string; etag: string }> {
  const ada = await createAda(stack);
  const mask = [field === 'names' ? 'NAMES' : 'PHONE_NUMBERS'];
  const other = await updateContact(stack, { ...ada, [field]: value }, mask);
  expect(other.__typename).toBe('UpdateContactSuccess');
  return ada;
}

describe('updateContacts with previous', () => {
  it('merges each stale contact whose masked fields are unchanged, refuses the one that changed, and sends the fresh one as is', async () => {
    const merged = await changedElsewhere('phoneNumbers', newPhone);
    const conflicted = await changedElsewhere('names', [{ givenName: 'Ada', familyName: 'Byron' }]);
    const fresh = await createAda(stack);
    await stack.clearRequests();

    const res = await stack.gql<{ updateContacts: { results: Result[] } }>(UPDATE_CONTACTS, {
      inputs: [merged, conflicted, fresh].map((c) => ({
        ...c,
        names: newName,
        previous: { names: ADA.names },
      })),
      mask: ['NAMES'],
    });

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.updateContacts.results).toEqual([
      {
        __typename: 'UpdateContactSuccess',
        mergedOnto: expect.any(String) as unknown,
        person: { names: newName, phoneNumbers: newPhone },
      },
      {
        __typename: 'EtagConflict',
        conflictingFields: ['NAMES'],
        current: { names: [{ givenName: 'Ada', familyName: 'Byron' }] },
      },
      {
        __typename: 'UpdateContactSuccess',
        mergedOnto: null,
        person: { names: newName, phoneNumbers: ADA.phoneNumbers },
      },
    ]);
    // The refused batch, the fresh contact again alone; then each stale one on its own: the
    // merged one read and re-sent (3 calls with the batch), the conflicted one read (2).
    expect(summary(await stack.requests())).toEqual([
      'POST batchUpdateContacts 400',
      'POST batchUpdateContacts 200',
      'GET batchGet 200',
      'PATCH updateContact 200',
      'GET batchGet 200',
    ]);
    // The merged contact was sent again on the etag its read returned, which mergedOnto reports.
    const requests = await stack.requests();
    expect((requests[3]?.body as { etag?: string }).etag).toBe(
      res.body.data?.updateContacts.results[0]?.['mergedOnto'],
    );
    expect((await readView(stack, conflicted.resourceName)).names).toEqual([
      { givenName: 'Ada', familyName: 'Byron' },
    ]);
  });

  it('refuses an item whose previous names a field outside the mask, before any call', async () => {
    const ada = await createAda(stack);
    await stack.clearRequests();

    const res = await stack.gql<{ updateContacts: { results: Result[] } }>(UPDATE_CONTACTS, {
      inputs: [{ ...ada, names: newName, previous: { names: ADA.names, urls: [] } }],
      mask: ['NAMES'],
    });

    expect(res.body.data?.updateContacts.results).toEqual([
      { __typename: 'FieldNotInMask', fields: ['URLS'] },
    ]);
    expect(await stack.requests()).toEqual([]);
  });
});
