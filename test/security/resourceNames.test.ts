/**
 * Resource names that try to steer the upstream request: each operation that takes a name must
 * refuse every string outside the grammar before any People API call, and the contact the
 * attack aims at must read the same afterwards. googleapis expands `{+resourceName}` (RFC 6570
 * reserved expansion), which leaves `?`, `#`, `:` and `/` as they are.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { createUpstreamApi, PeopleClient } from '../../src/people/client.js';
import { ContactGroupsClient } from '../../src/people/groups.js';
import { UserMutationQueue } from '../../src/people/queue.js';
import { PNG_1X1 } from '../support/images.js';
import { startStack, type Stack } from '../support/stack.js';

/** Has a photo, so a deleted photo or a deleted contact would both show in its read. */
const TARGET = DEMO_CONTACTS.withPhoto;
const TARGET_ID = TARGET.slice('people/'.length);
/** Edited by the EtagConflict test, so the target stays untouched. */
const CONFLICTED = DEMO_CONTACTS.minimal;

/** [what it tries, the name]; every one is outside the grammar. */
const ATTACKS: [string, string][] = [
  ['a method suffix (deleteContact)', `${TARGET}:deleteContact#`],
  ['a method suffix without fragment', `${TARGET}:deleteContact`],
  ['a query that replaces the mask', `${TARGET}?updatePersonFields=names#`],
  ['percent-encoded dot segments', 'people/%2e%2e/contactGroups/x'],
  ['dot segments', 'people/../x'],
  ['dot segments to another method', 'people/c1/../../v1/people:batchGet'],
  ['a percent-encoded colon', `${TARGET}%3AdeleteContact`],
  ['a Cyrillic "с" for the "c"', `people/\u0441${TARGET_ID.slice(1)}`],
  ['full-width digits', 'people/c１２３'],
  ['Arabic-Indic digits', 'people/c١٢٣'],
  ['a division slash for the slash', `people\u2215${TARGET_ID}`],
  ['a zero-width space', `${TARGET}\u200b`],
  ['a trailing newline', 'people/c1\n'],
  ['a semicolon parameter', 'people/c1;x'],
  ['a trailing slash', `${TARGET}/`],
  ['people/me with a suffix', 'people/me:deleteContact'],
  ['a contact group', 'contactGroups/myContacts'],
  ['the empty string', ''],
  ['102 characters of a valid shape', `people/c${'1'.repeat(94)}`],
];

const UPDATE = `mutation($input: UpdateContactInput!) {
  updateContact(input: $input, mask: [NAMES]) {
    __typename
    ... on InvalidArgument { field message }
  }
}`;
const SET_PHOTO = `mutation($input: UpdateContactPhotoInput!) {
  updateContactPhoto(input: $input) {
    __typename
    ... on InvalidArgument { field message }
  }
}`;
const DELETE_PHOTO = `mutation($n: ID!) {
  deleteContactPhoto(resourceName: $n) {
    __typename
    ... on InvalidArgument { field message }
  }
}`;
const PERSON = `query($n: ID!) { person(resourceName: $n) { resourceName etag } }`;
const PEOPLE = `query($n: [ID!]!) { people(resourceNames: $n) { resourceName etag } }`;
const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Person { resourceName etag } }
}`;
const READ_TARGET = `query($n: ID!) {
  person(resourceName: $n) { resourceName etag names { displayName } photos { url } }
}`;

interface Refusal {
  __typename: string;
  field?: string | null;
  message?: string;
}

let stack: Stack;
let targetBefore: unknown;

async function readTarget(): Promise<unknown> {
  const res = await stack.gql<{ person: unknown }>(READ_TARGET, { n: TARGET });
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.person ?? null;
}

/** Nothing reached the People API, and the target reads as before the attack. */
async function expectNoCallAndTargetWhole(): Promise<void> {
  expect(await stack.requests()).toEqual([]);
  expect(await readTarget()).toEqual(targetBefore);
  await stack.clearRequests();
}

/** The message states the grammar and never repeats the caller's string. */
function expectGrammarMessage(message: string | undefined, name: string): void {
  expect(message).toMatch(/people\/c/);
  if (name !== '') expect(message).not.toContain(name);
  expect(message?.length).toBeLessThan(300);
}

beforeAll(async () => {
  stack = await startStack();
  targetBefore = await readTarget();
  expect(targetBefore).toMatchObject({
    resourceName: TARGET,
    photos: [{ url: expect.any(String) as unknown }],
  });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

describe('resource names outside the grammar, through the gateway', () => {
  it.each(ATTACKS)(
    'updateContact - answers InvalidArgument on resourceName for %s, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql<{ updateContact: Refusal }>(UPDATE, {
        input: { resourceName: name, etag: 'e', names: [{ givenName: 'Mallory' }] },
      });
      expect(res.body.errors).toBeUndefined();
      const result = res.body.data?.updateContact;
      expect(result).toEqual({
        __typename: 'InvalidArgument',
        field: 'resourceName',
        message: expect.any(String) as unknown,
      });
      expectGrammarMessage(result?.message, name);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    'updateContactPhoto - answers InvalidArgument on resourceName for %s, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql<{ updateContactPhoto: Refusal }>(SET_PHOTO, {
        input: { resourceName: name, photoBytes: PNG_1X1.toString('base64') },
      });
      expect(res.body.errors).toBeUndefined();
      const result = res.body.data?.updateContactPhoto;
      expect(result).toEqual({
        __typename: 'InvalidArgument',
        field: 'resourceName',
        message: expect.any(String) as unknown,
      });
      expectGrammarMessage(result?.message, name);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    'deleteContactPhoto - answers InvalidArgument on resourceName for %s, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql<{ deleteContactPhoto: Refusal }>(DELETE_PHOTO, { n: name });
      expect(res.body.errors).toBeUndefined();
      const result = res.body.data?.deleteContactPhoto;
      expect(result).toEqual({
        __typename: 'InvalidArgument',
        field: 'resourceName',
        message: expect.any(String) as unknown,
      });
      expectGrammarMessage(result?.message, name);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    'person - answers BAD_USER_INPUT on resourceName for %s, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql<{ person: unknown }>(PERSON, { n: name });
      expect(res.body.data).toEqual({ person: null });
      expect(
        res.body.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['field']]),
      ).toEqual([['BAD_USER_INPUT', 'resourceName']]);
      expectGrammarMessage(res.body.errors?.[0]?.message, name);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    'people - refuses the whole field with BAD_USER_INPUT on resourceNames for %s among good names, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql<{ people: unknown }>(PEOPLE, { n: [TARGET, name, CONFLICTED] });
      expect(res.body.data).toBeNull(); // people is non-null: the error reaches the root
      expect(
        res.body.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['field']]),
      ).toEqual([['BAD_USER_INPUT', 'resourceNames']]);
      expectGrammarMessage(res.body.errors?.[0]?.message, name);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    '_entities - resolves a Person reference of %s to null, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql(ENTITIES, {
        r: [{ __typename: 'Person', resourceName: name }],
      });
      expect(res.body).toEqual({ data: { _entities: [null] } });
      await expectNoCallAndTargetWhole();
    },
  );

  it('_entities - a reference outside the grammar does not fail the others in the list', async () => {
    const res = await stack.gql<{ _entities: ({ resourceName: string } | null)[] }>(ENTITIES, {
      r: [
        { __typename: 'Person', resourceName: `${TARGET}:deleteContact#` },
        { __typename: 'Person', resourceName: TARGET },
        { __typename: 'Person', resourceName: 42 },
      ],
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities.map((p) => p?.resourceName ?? null)).toEqual([
      null,
      TARGET,
      null,
    ]);
    expect((await stack.requests()).map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/v1/people:batchGet', { personFields: 'metadata', resourceNames: TARGET }],
    ]);
  });

  it('EtagConflict.current - reads the contact by its checked name after a real conflict', async () => {
    const first = await stack.gql<{ person: { etag: string } }>(PERSON, { n: CONFLICTED });
    const staleEtag = first.body.data?.person.etag;
    if (!staleEtag) throw new Error('seed contact missing');
    const changed = await stack.gql<{ updateContact: Refusal }>(UPDATE, {
      input: { resourceName: CONFLICTED, etag: staleEtag, names: [{ givenName: 'Meanwhile' }] },
    });
    expect(changed.body.data?.updateContact.__typename).toBe('UpdateContactSuccess');
    await stack.clearRequests();

    const res = await stack.gql<{ updateContact: unknown }>(
      `mutation($input: UpdateContactInput!) {
        updateContact(input: $input, mask: [NAMES]) {
          __typename
          ... on EtagConflict { resourceName current { resourceName names { givenName } } }
        }
      }`,
      { input: { resourceName: CONFLICTED, etag: staleEtag, names: [{ givenName: 'Mine' }] } },
    );
    expect(res.body).toEqual({
      data: {
        updateContact: {
          __typename: 'EtagConflict',
          resourceName: CONFLICTED,
          current: { resourceName: CONFLICTED, names: [{ givenName: 'Meanwhile' }] },
        },
      },
    });
    expect((await stack.requests()).map((r) => [r.method, r.path])).toEqual([
      ['PATCH', `/v1/${CONFLICTED}:updateContact`],
      ['GET', '/v1/people:batchGet'],
    ]);
  });
});

describe('resource names outside the grammar, at the upstream client', () => {
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

  it.each(ATTACKS)(
    'PeopleClient.deleteContactPhoto - throws for %s and sends nothing',
    async (_what, name) => {
      await expect(directClient().deleteContactPhoto(name, null)).rejects.toThrow(/resource name/i);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    'PeopleClient.updateContact and updateContactPhoto - throw for %s and send nothing',
    async (_what, name) => {
      const client = directClient();
      await expect(
        client.updateContact({
          resourceName: name,
          updatePersonFields: 'names',
          personFields: 'names',
          requestBody: { etag: 'e', names: [{ givenName: 'Mallory' }] },
        }),
      ).rejects.toThrow(/resource name/i);
      await expect(
        client.updateContactPhoto({
          resourceName: name,
          requestBody: { photoBytes: PNG_1X1.toString('base64') },
        }),
      ).rejects.toThrow(/resource name/i);
      await expectNoCallAndTargetWhole();
    },
  );

  it('PeopleClient.deleteContactPhoto - sends exactly one DELETE to the intended path for a good name', async () => {
    await directClient().deleteContactPhoto(CONFLICTED, null);
    expect((await stack.requests()).map((r) => [r.method, r.path, r.query])).toEqual([
      ['DELETE', `/v1/${CONFLICTED}:deleteContactPhoto`, {}],
    ]);
  });
});

/** [what it tries, the name]: contact group names outside the grammar. */
const GROUP_ATTACKS: [string, string][] = [
  ['a method suffix', 'contactGroups/myContacts:delete'],
  ['a query that adds deleteContacts', 'contactGroups/abc?deleteContacts=true#'],
  ['dot segments to a contact', `contactGroups/../${TARGET}`],
  ['percent-encoded dot segments', 'contactGroups/%2e%2e/x'],
  ['a members:modify suffix', 'contactGroups/abc/members:modify'],
  ['a person', TARGET],
  ['a Cyrillic "а"', 'contactGroups/\u0430bc'],
  ['a trailing newline', 'contactGroups/abc\n'],
  ['the empty string', ''],
  ['104 characters of a valid shape', `contactGroups/${'a'.repeat(90)}`],
];

const GROUP_REFUSAL = `... on InvalidArgument { field message }`;
const GROUP_OPERATIONS: [string, string, (name: string) => Record<string, unknown>][] = [
  [
    'updateContactGroup',
    `mutation($n: ID!) { updateContactGroup(resourceName: $n, etag: "e", name: "M") { __typename ${GROUP_REFUSAL} } }`,
    (n) => ({ n }),
  ],
  [
    'deleteContactGroup',
    `mutation($n: ID!) { deleteContactGroup(resourceName: $n, deleteContacts: true) { __typename ${GROUP_REFUSAL} } }`,
    (n) => ({ n }),
  ],
  [
    'modifyContactGroupMembers',
    `mutation($n: ID!, $m: [ID!]) { modifyContactGroupMembers(resourceName: $n, remove: $m) { __typename ${GROUP_REFUSAL} } }`,
    (n) => ({ n, m: [TARGET] }),
  ],
];

describe('contact group names outside the grammar, through the gateway', () => {
  describe.each(GROUP_OPERATIONS)('%s', (operation, query, variables) => {
    it.each(GROUP_ATTACKS)(
      `${operation} - answers InvalidArgument on resourceName for %s, with no upstream call`,
      async (_what, name) => {
        const res = await stack.gql<Record<string, Refusal>>(query, variables(name));
        expect(res.body.errors).toBeUndefined();
        const result = res.body.data?.[operation];
        expect(result).toEqual({
          __typename: 'InvalidArgument',
          field: 'resourceName',
          message: expect.stringContaining('contactGroups/') as unknown,
        });
        if (name !== '') expect(result?.message).not.toContain(name);
        await expectNoCallAndTargetWhole();
      },
    );
  });

  it.each(GROUP_ATTACKS)(
    'contacts(group:) - answers BAD_USER_INPUT on group for %s, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql(`query($g: ID) { contacts(group: $g) { totalItems } }`, {
        g: name,
      });
      expect(res.body.errors?.map((e) => e.extensions?.['field'])).toEqual(['group']);
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(ATTACKS)(
    'modifyContactGroupMembers - answers InvalidArgument on add for a member %s, with no upstream call',
    async (_what, name) => {
      const res = await stack.gql<{ modifyContactGroupMembers: Refusal }>(
        `mutation($m: [ID!]) { modifyContactGroupMembers(resourceName: "contactGroups/myContacts", add: $m) { __typename ${GROUP_REFUSAL} } }`,
        { m: [CONFLICTED, name] },
      );
      expect(res.body.data?.modifyContactGroupMembers).toMatchObject({
        __typename: 'InvalidArgument',
        field: 'add',
      });
      await expectNoCallAndTargetWhole();
    },
  );

  it.each(GROUP_ATTACKS)(
    'ContactGroupsClient.delete - throws for %s and sends nothing',
    async (_what, name) => {
      const client = new PeopleClient(
        {
          ...createUpstreamApi(stack.emulator.url, 5_000),
          queue: new UserMutationQueue({ maxWaiting: 10, maxWaitMs: 5_000 }),
          retryPolicy: { retries: 0, budgetMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
        },
        { authorization: 'Bearer demo', userKey: 'direct' },
      );
      await expect(new ContactGroupsClient(client.calls).delete(name, true)).rejects.toThrow(
        /resource name/i,
      );
      await expectNoCallAndTargetWhole();
    },
  );
});
