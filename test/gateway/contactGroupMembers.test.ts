/**
 * Group members, group deletion and the contacts list filtered by group, through the real stack.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
const TOKEN = 'member';

beforeAll(async () => {
  stack = await startStack({ tokens: ['demo', TOKEN], env: { RETRY_MAX: '0' } });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.faults(null);
  await stack.clearRequests();
});

const MODIFY = `mutation($r: ID!, $add: [ID!], $remove: [ID!]) {
  modifyContactGroupMembers(resourceName: $r, add: $add, remove: $remove) {
    __typename
    ... on ModifyContactGroupMembersSuccess { notFoundResourceNames canNotRemoveLastContactGroupResourceNames }
    ... on ContactGroupNotFound { resourceName }
    ... on InvalidArgument { field message }
    ... on RateLimited { retryAfterSeconds }
  } }`;
const DELETE = `mutation($r: ID!, $all: Boolean) {
  deleteContactGroup(resourceName: $r, deleteContacts: $all) {
    __typename
    ... on DeleteContactGroupSuccess { resourceName }
    ... on ContactGroupNotFound { resourceName }
    ... on InvalidArgument { field }
  } }`;
const PAGE = `query($g: ID, $size: Int, $token: String) {
  contacts(group: $g, pageSize: $size, pageToken: $token) {
    persons { resourceName names { givenName } } nextPageToken totalItems } }`;
const MEMBERSHIPS = `query($n: ID!) {
  person(resourceName: $n) { memberships { contactGroupMembership { contactGroupResourceName } } } }`;

async function gql(query: string, variables: Record<string, unknown>) {
  const res = await stack.gql(query, variables, TOKEN);
  return res.body;
}

async function answer(query: string, variables: Record<string, unknown>) {
  const body = await gql(query, variables);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data ?? {})[0];
}

async function createGroup(name: string): Promise<string> {
  const created = (await answer(
    `mutation($n: String!) { createContactGroup(name: $n) { ... on ContactGroupSuccess { group { resourceName } } } }`,
    { n: name },
  )) as { group: { resourceName: string } };
  return created.group.resourceName;
}

async function createContact(givenName: string): Promise<string> {
  const created = (await answer(
    `mutation($i: CreateContactInput!) { createContact(input: $i) { ... on CreateContactSuccess { person { resourceName } } } }`,
    { i: { names: [{ givenName }] } },
  )) as { person: { resourceName: string } };
  return created.person.resourceName;
}

async function groupsOf(name: string): Promise<string[]> {
  const person = (await answer(MEMBERSHIPS, { n: name })) as {
    memberships: { contactGroupMembership: { contactGroupResourceName: string } }[];
  } | null;
  return (person?.memberships ?? []).map((m) => m.contactGroupMembership.contactGroupResourceName);
}

const summary = (requests: RequestLogEntry[]) =>
  requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('modifyContactGroupMembers', () => {
  it('modifyContactGroupMembers - adds and removes members, one call each', async () => {
    const group = await createGroup('Crew');
    const [a, b] = [await createContact('Ann'), await createContact('Bo')];
    await stack.clearRequests();
    expect(await answer(MODIFY, { r: group, add: [a, b] })).toEqual({
      __typename: 'ModifyContactGroupMembersSuccess',
      notFoundResourceNames: [],
      canNotRemoveLastContactGroupResourceNames: [],
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([`POST /v1/${group}/members:modify 200`]);
    expect(requests[0]?.body).toEqual({ resourceNamesToAdd: [a, b], resourceNamesToRemove: [] });
    expect(await groupsOf(a)).toEqual(['contactGroups/myContacts', group]);
    await answer(MODIFY, { r: group, remove: [a] });
    expect(await groupsOf(a)).toEqual(['contactGroups/myContacts']);
  });

  it('modifyContactGroupMembers - lists unknown contacts and contacts it cannot leave without a group', async () => {
    const lonely = await createContact('Lonely');
    const unknown = 'people/c9999999999';
    expect(
      await answer(MODIFY, { r: 'contactGroups/myContacts', add: [unknown], remove: [lonely] }),
    ).toEqual({
      __typename: 'ModifyContactGroupMembersSuccess',
      notFoundResourceNames: [unknown],
      canNotRemoveLastContactGroupResourceNames: [lonely],
    });
  });

  it('modifyContactGroupMembers - splits 1,500 names into calls of 1,000 and 500, in order, and merges the answers', async () => {
    const group = await createGroup('Big');
    const member = await createContact('Member');
    const unknown = Array.from({ length: 1499 }, (_, i) => `people/c${7_000_000 + i}`);
    await stack.clearRequests();
    const result = (await answer(MODIFY, { r: group, add: [member, ...unknown] })) as {
      notFoundResourceNames: string[];
    };
    expect(result.notFoundResourceNames).toEqual(unknown);
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([
      `POST /v1/${group}/members:modify 200`,
      `POST /v1/${group}/members:modify 200`,
    ]);
    const bodies = requests.map((r) => r.body as { resourceNamesToAdd: string[] });
    expect(bodies.map((b) => b.resourceNamesToAdd.length)).toEqual([1000, 500]);
    expect(bodies[0]?.resourceNamesToAdd[0]).toBe(member);
    expect(bodies[1]?.resourceNamesToAdd.at(-1)).toBe(unknown.at(-1));
    expect(requests[0]?.end).toBeLessThanOrEqual(requests[1]?.start ?? 0);
  });

  it('modifyContactGroupMembers - splits removes beyond 1,000 after the adds', async () => {
    const group = await createGroup('Churn');
    const removes = Array.from({ length: 1200 }, (_, i) => `people/c${8_000_000 + i}`);
    await stack.clearRequests();
    await answer(MODIFY, { r: group, add: ['people/c1'], remove: removes });
    const bodies = (await stack.requests()).map(
      (r) => r.body as { resourceNamesToAdd: string[]; resourceNamesToRemove: string[] },
    );
    expect(
      bodies.map((b) => [b.resourceNamesToAdd.length, b.resourceNamesToRemove.length]),
    ).toEqual([
      [1, 999],
      [0, 201],
    ]);
  });

  it.each([
    ['a member outside the grammar', 'contactGroups/myContacts', ['people/c1?x'], 'add'],
    ['people/me as a member', 'contactGroups/myContacts', ['people/me'], 'add'],
    ['a group outside the grammar', 'contactGroups/x:y', ['people/c1'], 'resourceName'],
    [
      'an add to a system group other than myContacts/starred',
      'contactGroups/friends',
      ['people/c1'],
      'resourceName',
    ],
  ])('modifyContactGroupMembers - refuses %s before any call', async (_what, r, add, field) => {
    expect(await answer(MODIFY, { r, add })).toMatchObject({
      __typename: 'InvalidArgument',
      field,
    });
    expect(await stack.requests()).toEqual([]);
  });

  it('modifyContactGroupMembers - answers ContactGroupNotFound and RateLimited', async () => {
    const r = 'contactGroups/00000000000000ab';
    expect(await answer(MODIFY, { r, add: ['people/c1'] })).toEqual({
      __typename: 'ContactGroupNotFound',
      resourceName: r,
    });
    await stack.faults({ failRate: 1, failStatus: 429 });
    expect(await answer(MODIFY, { r, add: ['people/c1'] })).toEqual({
      __typename: 'RateLimited',
      retryAfterSeconds: null,
    });
  });
});

describe('deleteContactGroup', () => {
  it('deleteContactGroup - deletes the group with one DELETE; its contacts stay', async () => {
    const group = await createGroup('Short-lived');
    const kept = await createContact('Kept');
    await answer(MODIFY, { r: group, add: [kept] });
    await stack.clearRequests();
    expect(await answer(DELETE, { r: group })).toEqual({
      __typename: 'DeleteContactGroupSuccess',
      resourceName: group,
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([`DELETE /v1/${group} 200`]);
    expect(requests[0]?.query).toEqual({});
    expect(await groupsOf(kept)).toEqual(['contactGroups/myContacts']);
  });

  it('deleteContactGroup - with deleteContacts deletes the members too', async () => {
    const group = await createGroup('Doomed');
    const doomed = await createContact('Doomed');
    await answer(MODIFY, { r: group, add: [doomed] });
    await stack.clearRequests();
    expect(await answer(DELETE, { r: group, all: true })).toMatchObject({
      __typename: 'DeleteContactGroupSuccess',
    });
    expect((await stack.requests())[0]?.query).toEqual({ deleteContacts: 'true' });
    expect(await answer(MEMBERSHIPS, { n: doomed })).toBeNull();
  });

  it('deleteContactGroup - refuses a system group before any call; an unknown group is ContactGroupNotFound', async () => {
    expect(await answer(DELETE, { r: 'contactGroups/myContacts' })).toEqual({
      __typename: 'InvalidArgument',
      field: 'resourceName',
    });
    expect(await stack.requests()).toEqual([]);
    expect(await answer(DELETE, { r: 'contactGroups/00000000000000cd' })).toEqual({
      __typename: 'ContactGroupNotFound',
      resourceName: 'contactGroups/00000000000000cd',
    });
  });
});

describe('contacts(group:)', () => {
  it('contacts - pages through a group’s members: contactGroups.get with maxMembers, then getBatchGet', async () => {
    const group = await createGroup('Paged');
    const members = [
      await createContact('P1'),
      await createContact('P2'),
      await createContact('P3'),
    ];
    await createContact('Outsider');
    await answer(MODIFY, { r: group, add: members });
    await stack.clearRequests();
    const first = (await answer(PAGE, { g: group, size: 2 })) as {
      persons: { resourceName: string }[];
      nextPageToken: string;
      totalItems: number;
    };
    expect(first).toEqual({
      persons: [
        { resourceName: members[0], names: [{ givenName: 'P1' }] },
        { resourceName: members[1], names: [{ givenName: 'P2' }] },
      ],
      nextPageToken: expect.any(String) as unknown,
      totalItems: 3,
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([`GET /v1/${group} 200`, 'GET /v1/people:batchGet 200']);
    expect(requests[0]?.query).toMatchObject({ maxMembers: '2' });
    const second = await answer(PAGE, { g: group, size: 2, token: first.nextPageToken });
    expect(second).toEqual({
      persons: [{ resourceName: members[2], names: [{ givenName: 'P3' }] }],
      nextPageToken: null,
      totalItems: 3,
    });
  });

  it('contacts - refuses a token of another listing, a group outside the grammar and an unknown group', async () => {
    const group = await createGroup('Tokens');
    const other = await createGroup('Other tokens');
    await answer(MODIFY, { r: group, add: [await createContact('T1'), await createContact('T2')] });
    const first = (await answer(PAGE, { g: group, size: 1 })) as { nextPageToken: string };
    const cases: [Record<string, unknown>, string][] = [
      [{ g: other, size: 1, token: first.nextPageToken }, 'pageToken'],
      [{ g: 'contactGroups/a/b' }, 'group'],
      [{ g: 'contactGroups/00000000000000ef' }, 'group'],
    ];
    for (const [variables, field] of cases) {
      const body = await gql(PAGE, variables);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
