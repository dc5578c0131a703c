import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, DEMO_USER_GROUPS } from 'people-emulator';
import { startStack, type GraphQLResult, type Stack } from '../support/stack.js';

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

interface Page {
  persons: { resourceName: string; names: { displayName: string | null }[] }[];
  nextPageToken: string | null;
  totalItems: number;
}

const PAGE = `query($size: Int, $token: String) { contacts(pageSize: $size, pageToken: $token) { persons { resourceName names { displayName } } nextPageToken totalItems } }`;

describe('contacts', () => {
  it('pages through every demo contact exactly once', async () => {
    const seen: string[] = [];
    let token: string | null = null;
    let total = 0;
    let pages = 0;
    do {
      const res: GraphQLResult<{ contacts: Page }> = await stack.gql(PAGE, { size: 7, token });
      expect(res.body.errors).toBeUndefined();
      const page: Page | undefined = res.body.data?.contacts;
      if (!page) throw new Error('no page');
      expect(page.persons.length).toBeLessThanOrEqual(7);
      seen.push(...page.persons.map((p) => p.resourceName));
      total = page.totalItems;
      token = page.nextPageToken;
      pages += 1;
    } while (token !== null && pages < 50);

    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual(expect.arrayContaining(Object.values(DEMO_CONTACTS)));
    expect(total).toBeGreaterThanOrEqual(20);
    const requests = await stack.requests();
    expect(requests).toHaveLength(pages);
    expect(requests[0]?.query).toEqual({ pageSize: '7', personFields: 'names' });
  });

  it('refuses a pageSize outside 1 to 1000 without an upstream call', async () => {
    const res = await stack.gql(PAGE, { size: 1001 });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await stack.requests()).toEqual([]);
  });
});

describe('contactGroups', () => {
  it('lists system and user groups', async () => {
    const res = await stack.gql<{
      contactGroups: {
        contactGroups: { resourceName: string; groupType: string; name: string }[];
        totalItems: number;
      };
    }>(
      `{ contactGroups(pageSize: 1000) { contactGroups { resourceName groupType name memberCount } totalItems nextPageToken } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const groups = res.body.data?.contactGroups.contactGroups ?? [];
    expect(groups.map((g) => g.resourceName)).toEqual(
      expect.arrayContaining([
        'contactGroups/myContacts',
        'contactGroups/starred',
        ...Object.values(DEMO_USER_GROUPS),
      ]),
    );
    expect(groups.find((g) => g.resourceName === 'contactGroups/myContacts')?.groupType).toBe(
      'SYSTEM_CONTACT_GROUP',
    );
    expect(groups.find((g) => g.resourceName === DEMO_USER_GROUPS.work)).toMatchObject({
      groupType: 'USER_CONTACT_GROUP',
      name: 'Work',
    });
  });
});

describe('createContact', () => {
  const CREATE = `mutation($input: CreateContactInput!) { createContact(input: $input) { __typename
    ... on CreateContactSuccess { person { resourceName etag names { givenName familyName } emailAddresses { value } memberships { contactGroupMembership { contactGroupResourceName } } } }
    ... on SingletonViolation { field count }
    ... on InvalidArgument { argument: field message } } }`;

  it('creates, updates and reads back a contact', async () => {
    const created = await stack.gql<{
      createContact: { __typename: string; person: { resourceName: string; etag: string } };
    }>(CREATE, {
      input: {
        names: [{ givenName: 'Nova', familyName: 'Contact' }],
        emailAddresses: [{ value: 'nova@example.com' }],
      },
    });
    const person = created.body.data?.createContact.person;
    expect(created.body.data?.createContact).toEqual({
      __typename: 'CreateContactSuccess',
      person: {
        resourceName: expect.stringMatching(/^people\/c\d+$/) as unknown,
        etag: expect.any(String) as unknown,
        names: [{ givenName: 'Nova', familyName: 'Contact' }],
        emailAddresses: [{ value: 'nova@example.com' }],
        memberships: [
          { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
        ],
      },
    });
    if (!person) throw new Error('not created');

    const updated = await stack.gql<{ updateContact: { __typename: string } }>(
      `mutation($input: UpdateContactInput!) { updateContact(input: $input, mask: [EMAIL_ADDRESSES]) { __typename } }`,
      {
        input: {
          resourceName: person.resourceName,
          etag: person.etag,
          emailAddresses: [{ value: 'nova@work.example' }],
        },
      },
    );
    expect(updated.body.data?.updateContact.__typename).toBe('UpdateContactSuccess');

    const read = await stack.gql(
      `query($n: ID!) { person(resourceName: $n) { names { givenName } emailAddresses { value } } }`,
      {
        n: person.resourceName,
      },
    );
    expect(read.body).toEqual({
      data: {
        person: {
          names: [{ givenName: 'Nova' }],
          emailAddresses: [{ value: 'nova@work.example' }],
        },
      },
    });
  });

  it('refuses an empty contact and two names without an upstream call', async () => {
    const empty = await stack.gql(CREATE, { input: { names: [], urls: null } });
    expect(empty.body.data?.['createContact']).toMatchObject({ __typename: 'InvalidArgument' });
    const twoNames = await stack.gql(CREATE, {
      input: { names: [{ givenName: 'A' }, { givenName: 'B' }] },
    });
    expect(twoNames.body.data?.['createContact']).toEqual({
      __typename: 'SingletonViolation',
      field: 'NAMES',
      count: 2,
    });
    expect(await stack.requests()).toEqual([]);
  });
});
