import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/index.js';
import { call, getPerson, type ErrorBody, type Person } from './helpers.js';

let emu: RunningEmulator;
const TOKEN = 'mia';

beforeAll(async () => {
  emu = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await emu.close();
});

interface Group {
  resourceName: string;
  memberCount?: number;
  memberResourceNames?: string[];
}

interface ModifyResponse {
  notFoundResourceNames?: string[];
  canNotRemoveLastContactGroupResourceNames?: string[];
}

async function createGroup(name: string): Promise<string> {
  const response = await call<Group>(emu, 'POST', 'v1/contactGroups', {
    token: TOKEN,
    body: { contactGroup: { name } },
  });
  expect(response.status).toBe(200);
  return response.json.resourceName;
}

async function createContact(givenName: string): Promise<string> {
  const response = await call<Person>(emu, 'POST', 'v1/people:createContact', {
    token: TOKEN,
    body: { names: [{ givenName }] },
  });
  expect(response.status).toBe(200);
  return response.json.resourceName ?? '';
}

function modify(group: string, body: unknown) {
  return call<ModifyResponse & ErrorBody>(emu, 'POST', `v1/${group}/members:modify`, {
    token: TOKEN,
    body,
  });
}

async function members(group: string): Promise<string[]> {
  const response = await call<Group>(emu, 'GET', `v1/${group}`, {
    token: TOKEN,
    query: { maxMembers: 5000 },
  });
  return response.json.memberResourceNames ?? [];
}

async function groupsOf(resourceName: string): Promise<string[]> {
  const person = await getPerson(emu, resourceName, 'memberships', TOKEN);
  return (person.memberships ?? []).map(
    (m) => m.contactGroupMembership?.contactGroupResourceName ?? '',
  );
}

describe('contactGroups.members.modify', () => {
  it('members.modify - adds and removes members and moves their etags', async () => {
    const group = await createGroup('Team');
    const [a, b] = [await createContact('Ann'), await createContact('Ben')];
    const before = await getPerson(emu, a, 'memberships', TOKEN);
    const added = await modify(group, { resourceNamesToAdd: [a, b] });
    expect(added.status).toBe(200);
    expect(added.json).toEqual({});
    expect(await members(group)).toEqual([a, b]);
    expect(await groupsOf(a)).toEqual(['contactGroups/myContacts', group]);
    expect((await getPerson(emu, a, 'memberships', TOKEN)).etag).not.toBe(before.etag);
    const removed = await modify(group, { resourceNamesToRemove: [a] });
    expect(removed.json).toEqual({});
    expect(await members(group)).toEqual([b]);
  });

  it('members.modify - lists names it does not know and contacts it cannot leave without a group', async () => {
    const lonely = await createContact('Lonely');
    const unknown = 'people/c99999999999';
    const response = await modify('contactGroups/myContacts', {
      resourceNamesToAdd: [unknown],
      resourceNamesToRemove: [lonely],
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      notFoundResourceNames: [unknown],
      canNotRemoveLastContactGroupResourceNames: [lonely],
    });
    expect(await groupsOf(lonely)).toEqual(['contactGroups/myContacts']);
  });

  it('members.modify - adds to myContacts and starred only among system groups, removes from any', async () => {
    const c = await createContact('Sys');
    expect((await modify('contactGroups/starred', { resourceNamesToAdd: [c] })).status).toBe(200);
    const friends = await modify('contactGroups/friends', { resourceNamesToAdd: [c] });
    expect(friends.status).toBe(400);
    expect(friends.json.error.status).toBe('INVALID_ARGUMENT');
    const removeFromFriends = await modify('contactGroups/friends', { resourceNamesToRemove: [c] });
    expect(removeFromFriends.status).toBe(200);
    expect(await groupsOf(c)).toEqual(['contactGroups/myContacts', 'contactGroups/starred']);
  });

  it('members.modify - refuses more than 1000 names in both lists together, applying none', async () => {
    const group = await createGroup('Big');
    const c = await createContact('Big');
    const names = [c, ...Array.from({ length: 1000 }, (_, i) => `people/c${5000 + i}`)];
    const response = await modify(group, {
      resourceNamesToAdd: names.slice(0, 600),
      resourceNamesToRemove: names.slice(600),
    });
    expect(response.status).toBe(400);
    expect(response.json.error.status).toBe('INVALID_ARGUMENT');
    expect(await members(group)).toEqual([]);
    const exactly = await modify(group, { resourceNamesToAdd: names.slice(0, 1000) });
    expect(exactly.status).toBe(200);
    expect(exactly.json.notFoundResourceNames).toHaveLength(999);
    expect(await members(group)).toEqual([c]);
  });

  it('members.modify - answers 404 for an unknown group and 400 for an unknown body field', async () => {
    expect((await modify('contactGroups/00000000000000ff', {})).status).toBe(404);
    const bad = await modify('contactGroups/myContacts', { add: ['people/c1'] });
    expect(bad.status).toBe(400);
  });
});

describe('contactGroups.delete', () => {
  it('contactGroups.delete - removes the group and its memberships, keeping the contacts', async () => {
    const group = await createGroup('Temporary');
    const c = await createContact('Keeper');
    await modify(group, { resourceNamesToAdd: [c] });
    const response = await call(emu, 'DELETE', `v1/${group}`, { token: TOKEN });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({});
    expect((await call(emu, 'GET', `v1/${group}`, { token: TOKEN })).status).toBe(404);
    expect(await groupsOf(c)).toEqual(['contactGroups/myContacts']);
  });

  it('contactGroups.delete - with deleteContacts=true deletes the members too', async () => {
    const group = await createGroup('Doomed');
    const [c, other] = [await createContact('Doomed'), await createContact('Spared')];
    await modify(group, { resourceNamesToAdd: [c] });
    const response = await call(emu, 'DELETE', `v1/${group}`, {
      token: TOKEN,
      query: { deleteContacts: 'true' },
    });
    expect(response.status).toBe(200);
    const read = await call(emu, 'GET', `v1/${c}`, {
      token: TOKEN,
      query: { personFields: 'names' },
    });
    expect(read.status).toBe(404);
    expect((await getPerson(emu, other, 'names', TOKEN)).resourceName).toBe(other);
  });

  it('contactGroups.delete - refuses a system group (400) and an unknown group (404)', async () => {
    const system = await call<ErrorBody>(emu, 'DELETE', 'v1/contactGroups/myContacts', {
      token: TOKEN,
    });
    expect(system.status).toBe(400);
    const unknown = await call(emu, 'DELETE', 'v1/contactGroups/00000000000000ee', {
      token: TOKEN,
    });
    expect(unknown.status).toBe(404);
  });
});
