/**
 * Resource names that try to steer the upstream request, against the contact writes and batches:
 * `deleteContact` puts the name in the path (googleapis' `{+resourceName}` leaves `?`, `#`, `:`
 * and `/` as they are), the batches put names in the body. Each must refuse every string outside
 * the grammar before any People API call, and the contact the attack aims at must read the same.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { batchUpdateContacts } from '../../src/people/batchContacts.js';
import { createUpstreamApi, PeopleClient } from '../../src/people/client.js';
import { batchDeleteContacts, deleteContact } from '../../src/people/deleteContacts.js';
import { UserMutationQueue } from '../../src/people/queue.js';
import { startStack, type Stack } from '../support/stack.js';

const TARGET = DEMO_CONTACTS.withPhoto;
const TARGET_ID = TARGET.slice('people/'.length);

/** [what it tries, the name]; every one is outside the grammar. */
const ATTACKS: [string, string][] = [
  ['a method suffix (deleteContactPhoto)', `${TARGET}:deleteContactPhoto#`],
  ['a query', `${TARGET}?personFields=names#`],
  ['dot segments to another method', 'people/c1/../../v1/people:batchDeleteContacts'],
  ['percent-encoded dot segments', 'people/%2e%2e/contactGroups/x'],
  ['a percent-encoded colon', `${TARGET}%3AdeleteContact`],
  ['a Cyrillic "с" for the "c"', `people/\u0441${TARGET_ID.slice(1)}`],
  ['a trailing newline', 'people/c1\n'],
  ['people/me with a suffix', 'people/me:deleteContact'],
  ['a contact group', 'contactGroups/myContacts'],
  ['the empty string', ''],
  ['102 characters of a valid shape', `people/c${'1'.repeat(94)}`],
];

const READ_TARGET = `query($n: ID!) { person(resourceName: $n) { resourceName etag photos { url } } }`;
const REFUSAL = `... on InvalidArgument { field message }`;

let stack: Stack;
let targetBefore: unknown;

async function readTarget(): Promise<unknown> {
  const res = await stack.gql<{ person: unknown }>(READ_TARGET, { n: TARGET });
  return res.body.data?.person ?? null;
}

async function expectNoCallAndTargetWhole(): Promise<void> {
  expect(await stack.requests()).toEqual([]);
  expect(await readTarget()).toEqual(targetBefore);
  await stack.clearRequests();
}

/** The gateway's own client, straight at the emulator: no resolver or mapper check in front. */
function directClient(): PeopleClient {
  return new PeopleClient(
    {
      ...createUpstreamApi(stack.emulator.url, 5_000),
      queue: new UserMutationQueue({ maxWaiting: 10, maxWaitMs: 5_000 }),
      retryPolicy: { retries: 0, budgetMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
    },
    { authorization: 'Bearer demo', userKey: 'direct' },
  );
}

beforeAll(async () => {
  stack = await startStack();
  targetBefore = await readTarget();
  expect(targetBefore).toMatchObject({ resourceName: TARGET });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

describe('contact writes and batches with names outside the grammar', () => {
  it.each(ATTACKS)(
    'deleteContact, updateContacts and deleteContacts - answer InvalidArgument for %s, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql(
        `mutation($n: ID!, $inputs: [UpdateContactInput!]!, $names: [ID!]!) {
          deleteContact(resourceName: $n) { __typename ${REFUSAL} }
          updateContacts(inputs: $inputs, mask: [NAMES]) { results { __typename ${REFUSAL} } }
          deleteContacts(resourceNames: $names) { __typename ${REFUSAL} }
        }`,
        {
          n: name,
          inputs: [{ resourceName: name, etag: 'e', names: [{ givenName: 'Mallory' }] }],
          names: [DEMO_CONTACTS.minimal, name],
        },
      );
      expect(res.body.errors).toBeUndefined();
      const refusal = (field: string) => ({
        __typename: 'InvalidArgument',
        field,
        message: expect.stringMatching(/people\/c/) as unknown,
      });
      expect(res.body.data).toEqual({
        deleteContact: refusal('resourceName'),
        updateContacts: { results: [refusal('resourceName')] },
        deleteContacts: refusal('resourceNames'),
      });
      if (name !== '') expect(JSON.stringify(res.body.data)).not.toContain(name);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    'the upstream functions - throw for %s and send nothing',
    async (_what, name) => {
      const client = directClient();
      await expect(deleteContact(client, name)).rejects.toThrow(/resource name/i);
      await expect(batchDeleteContacts(client, [DEMO_CONTACTS.minimal, name])).rejects.toThrow(
        /resource name/i,
      );
      await expect(
        batchUpdateContacts(client, {
          updateMask: 'names',
          readMask: 'names',
          contacts: [{ resourceName: name, person: { etag: 'e', names: [{ givenName: 'M' }] } }],
        }),
      ).rejects.toThrow(/resource name/i);
      await expectNoCallAndTargetWhole();
    },
  );
});
