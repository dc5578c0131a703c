import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CONTACTS,
  DEMO_USER_GROUPS,
  startEmulator,
  type RunningEmulator,
} from '../src/index.js';
import { call, type ErrorBody } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo', 'gus'], readOnlyTokens: ['viewer'] });
});
afterAll(async () => {
  await emu.close();
});

interface Group {
  resourceName: string;
  etag?: string;
  name?: string;
  formattedName?: string;
  groupType?: string;
  memberCount?: number;
  memberResourceNames?: string[];
  metadata?: { updateTime?: string };
}

async function createGroup(name: string, token = 'gus'): Promise<Group> {
  const response = await call<Group>(emu, 'POST', 'v1/contactGroups', {
    token,
    body: { contactGroup: { name } },
  });
  expect(response.status).toBe(200);
  return response.json;
}

async function getGroup(resourceName: string, token = 'gus', maxMembers = 0) {
  return call<Group & ErrorBody>(emu, 'GET', `v1/${resourceName}`, {
    token,
    query: maxMembers > 0 ? { maxMembers } : {},
  });
}

describe('contactGroups.get', () => {
  it('contactGroups.get - answers the group and, with maxMembers, that many member names', async () => {
    const plain = await getGroup(DEMO_USER_GROUPS.bookClub, 'demo');
    expect(plain.status).toBe(200);
    expect(plain.json).toEqual({
      resourceName: DEMO_USER_GROUPS.bookClub,
      etag: expect.any(String) as unknown,
      metadata: { updateTime: '2024-03-01T09:00:00.000Z' },
      groupType: 'USER_CONTACT_GROUP',
      name: 'Book club',
      formattedName: 'Book club',
      memberCount: plain.json.memberCount,
    });
    const withMembers = await getGroup(DEMO_USER_GROUPS.bookClub, 'demo', 100);
    expect(withMembers.json.memberResourceNames).toContain(DEMO_CONTACTS.multiGroup);
    expect(withMembers.json.memberResourceNames).toHaveLength(plain.json.memberCount ?? 0);
    const one = await getGroup('contactGroups/myContacts', 'demo', 1);
    expect(one.json.memberResourceNames).toEqual([DEMO_CONTACTS.ada]);
    expect(one.json.memberCount).toBeGreaterThan(1);
  });

  it('contactGroups.get - answers 404 NOT_FOUND for a group the user does not have', async () => {
    const response = await getGroup('contactGroups/0123456789abcdef');
    expect(response.status).toBe(404);
    expect(response.json.error).toMatchObject({ status: 'NOT_FOUND' });
  });
});

describe('contactGroups.create and update', () => {
  it('contactGroups.create - makes a user group with a hex id, an etag and the default read fields', async () => {
    const group = await createGroup('Climbing');
    expect(group).toEqual({
      resourceName: expect.stringMatching(/^contactGroups\/[0-9a-f]{16}$/) as unknown,
      etag: expect.any(String) as unknown,
      metadata: { updateTime: expect.any(String) as unknown },
      groupType: 'USER_CONTACT_GROUP',
      name: 'Climbing',
      formattedName: 'Climbing',
    });
    const list = await call<{ contactGroups: Group[] }>(emu, 'GET', 'v1/contactGroups', {
      token: 'gus',
    });
    expect(list.json.contactGroups.map((g) => g.name)).toContain('Climbing');
  });

  it('contactGroups.create - answers 409 ALREADY_EXISTS for a name the user already has, 400 for none', async () => {
    await createGroup('Duplicates');
    const again = await call<ErrorBody>(emu, 'POST', 'v1/contactGroups', {
      token: 'gus',
      body: { contactGroup: { name: 'Duplicates' } },
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 409, status: 'ALREADY_EXISTS' });
    const empty = await call<ErrorBody>(emu, 'POST', 'v1/contactGroups', {
      token: 'gus',
      body: { contactGroup: { name: ' ' } },
    });
    expect(empty.status).toBe(400);
    const unknown = await call<ErrorBody>(emu, 'POST', 'v1/contactGroups', {
      token: 'gus',
      body: { contactGroup: { name: 'X', colour: 'red' } },
    });
    expect(unknown.json.error.message).toBe(
      'Invalid JSON payload received. Unknown name "colour" at \'contact_group\': Cannot find field.',
    );
  });

  it('contactGroups.update - renames with the current etag and answers a new etag', async () => {
    const group = await createGroup('Before');
    const response = await call<Group>(emu, 'PUT', `v1/${group.resourceName}`, {
      token: 'gus',
      body: { contactGroup: { etag: group.etag, name: 'After' } },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ resourceName: group.resourceName, name: 'After' });
    expect(response.json.etag).not.toBe(group.etag);
  });

  it('contactGroups.update - answers 409 ABORTED "Contact group etag is outdated" for a stale etag', async () => {
    const group = await createGroup('Stale');
    const first = await call<Group>(emu, 'PUT', `v1/${group.resourceName}`, {
      token: 'gus',
      body: { contactGroup: { etag: group.etag, name: 'Stale 2' } },
    });
    expect(first.status).toBe(200);
    const second = await call<ErrorBody>(emu, 'PUT', `v1/${group.resourceName}`, {
      token: 'gus',
      body: { contactGroup: { etag: group.etag, name: 'Stale 3' } },
    });
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({
      code: 409,
      status: 'ABORTED',
      message: 'Contact group etag is outdated',
    });
    expect((await getGroup(group.resourceName)).json.name).toBe('Stale 2');
  });

  it('contactGroups.update - refuses a system group (400) and an unknown group (404)', async () => {
    const system = await call<ErrorBody>(emu, 'PUT', 'v1/contactGroups/starred', {
      token: 'gus',
      body: { contactGroup: { name: 'Favourites' } },
    });
    expect(system.status).toBe(400);
    expect(system.json.error.status).toBe('INVALID_ARGUMENT');
    const unknown = await call<ErrorBody>(emu, 'PUT', 'v1/contactGroups/00000000000000aa', {
      token: 'gus',
      body: { contactGroup: { name: 'Nobody' } },
    });
    expect(unknown.status).toBe(404);
  });

  it('contactGroups - a read-only token gets 403 naming the ContactGroupService method', async () => {
    const response = await call<ErrorBody>(emu, 'POST', 'v1/contactGroups', {
      token: 'viewer',
      body: { contactGroup: { name: 'Nope' } },
    });
    expect(response.status).toBe(403);
    expect(response.json.error.details).toEqual([
      expect.objectContaining({
        metadata: {
          service: 'people.googleapis.com',
          method: 'google.people.v1.ContactGroupService.CreateContactGroup',
        },
      }),
    ]);
  });
});
