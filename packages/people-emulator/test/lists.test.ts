import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CONTACTS,
  DEMO_USER_GROUPS,
  startEmulator,
  type RunningEmulator,
} from '../src/index.js';
import { call, getPerson, invalidArgument, type ErrorBody, type Person } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo', 'bob'] });
});
afterAll(async () => {
  await emu.close();
});

interface Connections {
  connections?: Person[];
  nextPageToken?: string;
  totalItems: number;
  totalPeople: number;
}

async function allConnections(sortOrder?: string, pageSize = 7): Promise<string[]> {
  const names: string[] = [];
  let pageToken: string | undefined;
  do {
    const response = await call<Connections>(emu, 'GET', 'v1/people/me/connections', {
      query: {
        personFields: 'names',
        pageSize,
        ...(sortOrder ? { sortOrder } : {}),
        ...(pageToken ? { pageToken } : {}),
      },
    });
    expect(response.status).toBe(200);
    names.push(...(response.json.connections ?? []).map((p) => p.resourceName ?? ''));
    pageToken = response.json.nextPageToken;
  } while (pageToken);
  return names;
}

describe('createContact', () => {
  it('createContact - creates a contact in myContacts and returns it with all fields by default', async () => {
    const response = await call<Person>(emu, 'POST', 'v1/people:createContact', {
      token: 'bob',
      body: {
        names: [{ givenName: 'New', familyName: 'Person' }],
        phoneNumbers: [{ value: '(650) 555-0111', type: 'home' }],
      },
    });
    expect(response.status).toBe(200);
    const person = response.json;
    expect(person.resourceName).toMatch(/^people\/c\d+$/);
    expect((person.resourceName ?? '').length).toBeLessThanOrEqual(27);
    expect(person.names?.[0]?.displayName).toBe('New Person');
    expect(person.phoneNumbers?.[0]?.canonicalForm).toBe('+16505550111');
    expect(
      person.memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName),
    ).toEqual(['contactGroups/myContacts']);
    expect(person.metadata?.sources?.map((s) => s.type)).toEqual(['CONTACT']);
    expect(person.photos?.[0]?.default).toBe(true);
    const read = await getPerson(emu, person.resourceName ?? '', 'names', 'bob');
    expect(read.names?.[0]?.givenName).toBe('New');
    const demo = await call(emu, 'GET', `v1/${person.resourceName ?? ''}`, {
      query: { personFields: 'names' },
    });
    expect(demo.status).toBe(404);
  });

  it('createContact - keeps the given memberships and honours personFields', async () => {
    const response = await call<Person>(emu, 'POST', 'v1/people:createContact', {
      query: { personFields: 'memberships' },
      body: {
        emailAddresses: [{ value: 'club@example.com' }],
        memberships: [
          { contactGroupMembership: { contactGroupResourceName: DEMO_USER_GROUPS.bookClub } },
        ],
      },
    });
    expect(Object.keys(response.json).sort()).toEqual(['etag', 'memberships', 'resourceName']);
    expect(
      response.json.memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName),
    ).toEqual([DEMO_USER_GROUPS.bookClub]);
  });

  it('createContact - rejects an empty person and singleton violations', async () => {
    const empty = await call(emu, 'POST', 'v1/people:createContact', { body: { etag: 'x' } });
    expect(empty.json).toEqual(
      invalidArgument('Must specify a non-metadata contact field on the person'),
    );
    const twoNames = await call(emu, 'POST', 'v1/people:createContact', {
      body: { names: [{ givenName: 'A' }, { givenName: 'B' }] },
    });
    expect(twoNames.json).toEqual(
      invalidArgument('Cannot have more than one person.names per source.'),
    );
    const parent = await call<ErrorBody>(emu, 'POST', 'v1/people:createContact', {
      query: { parent: 'people/me' },
      body: { names: [{ givenName: 'A' }] },
    });
    expect(parent.json.error.message).toBe(
      'Invalid JSON payload received. Unknown name "parent": Cannot bind query parameter. Field \'parent\' could not be found in request message.',
    );
  });
});

describe('people.connections.list', () => {
  it('people.connections.list - pages return every contact exactly once, in each sort order', async () => {
    const first = await call<Connections>(emu, 'GET', 'v1/people/me/connections', {
      query: { personFields: 'names' },
    });
    const total = first.json.totalItems;
    expect(total).toBeGreaterThanOrEqual(24);
    expect(first.json.totalPeople).toBe(total);
    expect(first.json.connections).toHaveLength(total);
    expect(first.json.nextPageToken).toBeUndefined();
    for (const order of [
      undefined,
      'LAST_MODIFIED_DESCENDING',
      'FIRST_NAME_ASCENDING',
      'LAST_NAME_ASCENDING',
    ]) {
      const names = await allConnections(order);
      expect(names).toHaveLength(total);
      expect(new Set(names).size).toBe(total);
    }
  });

  it('people.connections.list - page tokens are deterministic', async () => {
    const query = { personFields: 'names', pageSize: 5 };
    const a = await call<Connections>(emu, 'GET', 'v1/people/me/connections', { query });
    const b = await call<Connections>(emu, 'GET', 'v1/people/me/connections', { query });
    expect(a.json.nextPageToken).toBeDefined();
    expect(a.json.nextPageToken).toBe(b.json.nextPageToken);
  });

  it('people.connections.list - sorts by first name when asked', async () => {
    const response = await call<Connections>(emu, 'GET', 'v1/people/me/connections', {
      query: { personFields: 'names', sortOrder: 'FIRST_NAME_ASCENDING', pageSize: 3 },
    });
    expect(response.json.connections?.map((p) => p.names?.[0]?.givenName)).toEqual([
      'Ada',
      'Alan',
      'Barbara',
    ]);
  });

  it('people.connections.list - validates resource, personFields and pageSize', async () => {
    const other = await call<ErrorBody>(emu, 'GET', `v1/${DEMO_CONTACTS.ada}/connections`, {
      query: { personFields: 'names' },
    });
    expect(other.status).toBe(400);
    const noFields = await call<ErrorBody>(emu, 'GET', 'v1/people/me/connections');
    expect(noFields.json.error.message).toMatch(/^personFields mask is required/);
    const big = await call<ErrorBody>(emu, 'GET', 'v1/people/me/connections', {
      query: { personFields: 'names', pageSize: 1001 },
    });
    expect(big.status).toBe(400);
    const zero = await call<Connections>(emu, 'GET', 'v1/people/me/connections', {
      query: { personFields: 'names', pageSize: 0 },
    });
    expect(zero.status).toBe(200);
  });
});

describe('contactGroups.list', () => {
  it('contactGroups.list - lists system and user groups with Google shapes', async () => {
    const response = await call<{ contactGroups: Record<string, unknown>[]; totalItems: number }>(
      emu,
      'GET',
      'v1/contactGroups',
    );
    expect(response.status).toBe(200);
    expect(response.json.totalItems).toBe(11);
    const byName = new Map(response.json.contactGroups.map((g) => [g.resourceName, g]));
    expect(byName.get('contactGroups/friends')).toEqual({
      resourceName: 'contactGroups/friends',
      groupType: 'SYSTEM_CONTACT_GROUP',
      name: 'friends',
      formattedName: 'Friends',
    });
    expect(byName.get('contactGroups/starred')).toEqual({
      resourceName: 'contactGroups/starred',
      groupType: 'SYSTEM_CONTACT_GROUP',
      name: 'starred',
      formattedName: 'Starred',
      memberCount: 1,
    });
    expect(byName.get(DEMO_USER_GROUPS.work)).toEqual({
      resourceName: DEMO_USER_GROUPS.work,
      etag: expect.stringMatching(/^[A-Za-z0-9+/]{11}=$/) as unknown,
      metadata: { updateTime: '2024-03-01T09:00:00.000Z' },
      groupType: 'USER_CONTACT_GROUP',
      name: 'Work',
      formattedName: 'Work',
      memberCount: 2,
    });
    expect(DEMO_USER_GROUPS.work).toMatch(/^contactGroups\/[0-9a-f]{16}$/);
  });

  it('contactGroups.list - pages with pageSize and honours groupFields', async () => {
    const first = await call<{ contactGroups: unknown[]; nextPageToken?: string }>(
      emu,
      'GET',
      'v1/contactGroups',
      { query: { pageSize: 8, groupFields: 'name' } },
    );
    expect(first.json.contactGroups).toHaveLength(8);
    expect(first.json.contactGroups[0]).toEqual({
      resourceName: 'contactGroups/chatBuddies',
      name: 'chatBuddies',
      formattedName: 'Chat contacts',
    });
    const second = await call<{ contactGroups: unknown[]; nextPageToken?: string }>(
      emu,
      'GET',
      'v1/contactGroups',
      { query: { pageSize: 8, pageToken: first.json.nextPageToken ?? '' } },
    );
    expect(second.json.contactGroups).toHaveLength(3);
    expect(second.json.nextPageToken).toBeUndefined();
    const bad = await call<ErrorBody>(emu, 'GET', 'v1/contactGroups', {
      query: { groupFields: 'members' },
    });
    expect(bad.json.error.message).toBe(
      'Invalid groupFields mask path: "members". Valid paths are documented at https://developers.google.com/people/api/rest/v1/contactGroups/list.',
    );
  });
});
