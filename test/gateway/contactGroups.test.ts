/**
 * Contact group mutations through the real stack: each answer, and what the emulator received.
 * Checks the gateway can make (system groups, the grammar, empty names) cost no upstream call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
const TOKEN = 'grouper';

beforeAll(async () => {
  // No retries: a 429 is answered at once.
  stack = await startStack({ tokens: ['demo', TOKEN], env: { RETRY_MAX: '0' } });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.faults(null);
  await stack.clearRequests();
});

const RESULT = `__typename
  ... on ContactGroupSuccess { group { resourceName etag name groupType memberCount } }
  ... on GroupEtagConflict { resourceName sentEtag message current { etag name } }
  ... on ContactGroupNotFound { resourceName message }
  ... on InvalidArgument { field message }
  ... on RateLimited { retryAfterSeconds }`;
const CREATE = `mutation($name: String!) { createContactGroup(name: $name) { ${RESULT} } }`;
const UPDATE = `mutation($r: ID!, $e: String!, $name: String!) {
  updateContactGroup(resourceName: $r, etag: $e, name: $name) { ${RESULT} } }`;

interface Group {
  resourceName: string;
  etag: string;
  name: string;
  groupType: string;
  memberCount: number;
}
type Answer = { __typename: string; group?: Group } & Record<string, unknown>;

async function run(query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await stack.gql<Record<string, Answer>>(query, variables, TOKEN);
  expect(res.body.errors).toBeUndefined();
  const answer = Object.values(res.body.data ?? {})[0];
  if (!answer) throw new Error('no answer');
  return answer;
}

async function createGroup(name: string): Promise<Group> {
  const answer = await run(CREATE, { name });
  if (!answer.group) throw new Error(`not created: ${JSON.stringify(answer)}`);
  return answer.group;
}

const summary = (requests: RequestLogEntry[]) =>
  requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('createContactGroup', () => {
  it('createContactGroup - creates a user group with one POST', async () => {
    const answer = await run(CREATE, { name: 'Climbers' });
    expect(answer).toEqual({
      __typename: 'ContactGroupSuccess',
      group: {
        resourceName: expect.stringMatching(/^contactGroups\/[0-9a-f]{16}$/) as unknown,
        etag: expect.any(String) as unknown,
        name: 'Climbers',
        groupType: 'USER_CONTACT_GROUP',
        memberCount: 0,
      },
    });
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(['POST /v1/contactGroups 200']);
    expect(requests[0]?.body).toEqual({
      contactGroup: { name: 'Climbers' },
      readGroupFields: 'groupType,metadata,name',
    });
  });

  it('createContactGroup - answers InvalidArgument on name for a name in use (Google’s 409)', async () => {
    await createGroup('Twice');
    await stack.clearRequests();
    expect(await run(CREATE, { name: 'Twice' })).toEqual({
      __typename: 'InvalidArgument',
      field: 'name',
      message: 'The caller already has a contact group with this name: group names are unique.',
    });
    expect(summary(await stack.requests())).toEqual(['POST /v1/contactGroups 409']);
  });

  it('createContactGroup - refuses an empty name before any call', async () => {
    expect(await run(CREATE, { name: '  ' })).toEqual({
      __typename: 'InvalidArgument',
      field: 'name',
      message: 'A contact group name must not be empty.',
    });
    expect(await stack.requests()).toEqual([]);
  });

  it('createContactGroup - answers RateLimited when Google keeps answering 429', async () => {
    await stack.faults({ failRate: 1, failStatus: 429 });
    expect(await run(CREATE, { name: 'Throttled' })).toEqual({
      __typename: 'RateLimited',
      retryAfterSeconds: null,
    });
    expect(summary(await stack.requests())).toEqual(['POST /v1/contactGroups 429']);
  });
});

describe('updateContactGroup', () => {
  it('updateContactGroup - renames with the etag and answers the new etag, with one PUT', async () => {
    const group = await createGroup('Before rename');
    await stack.clearRequests();
    const answer = await run(UPDATE, { r: group.resourceName, e: group.etag, name: 'After' });
    expect(answer).toEqual({
      __typename: 'ContactGroupSuccess',
      group: { ...group, name: 'After', etag: expect.any(String) as unknown },
    });
    expect(answer.group?.etag).not.toBe(group.etag);
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([`PUT /v1/${group.resourceName} 200`]);
    expect(requests[0]?.body).toEqual({
      contactGroup: { etag: group.etag, name: 'After' },
      updateGroupFields: 'name',
      readGroupFields: 'groupType,memberCount,metadata,name',
    });
  });

  it('updateContactGroup - returns GroupEtagConflict with the current group when the etag is stale', async () => {
    const group = await createGroup('Contested');
    const first = await run(UPDATE, { r: group.resourceName, e: group.etag, name: 'Winner' });
    await stack.clearRequests();
    const answer = await run(UPDATE, { r: group.resourceName, e: group.etag, name: 'Loser' });
    expect(answer).toEqual({
      __typename: 'GroupEtagConflict',
      resourceName: group.resourceName,
      sentEtag: group.etag,
      message: `${group.resourceName} changed since etag "${group.etag}" was read. Read the group again and rename it with its current etag.`,
      current: { etag: first.group?.etag, name: 'Winner' },
    });
    expect(summary(await stack.requests())).toEqual([
      `PUT /v1/${group.resourceName} 409`,
      `GET /v1/${group.resourceName} 200`,
    ]);
  });

  it.each([
    ['contactGroups/myContacts', 'resourceName', 'is a system contact group'],
    ['contactGroups/starred', 'resourceName', 'is a system contact group'],
    ['contactGroups/../people/c1', 'resourceName', 'Refused resourceName'],
    ['contactGroups/a b', 'resourceName', 'Refused resourceName'],
  ])('updateContactGroup - refuses %s before any call', async (r, field, text) => {
    const answer = await run(UPDATE, { r, e: 'etag', name: 'Renamed' });
    expect(answer).toMatchObject({ __typename: 'InvalidArgument', field });
    expect(answer['message']).toContain(text);
    expect(await stack.requests()).toEqual([]);
  });

  it('updateContactGroup - refuses an empty etag or name before any call', async () => {
    const r = 'contactGroups/0123456789abcdef';
    expect(await run(UPDATE, { r, e: '', name: 'X' })).toMatchObject({ field: 'etag' });
    expect(await run(UPDATE, { r, e: 'e', name: '' })).toMatchObject({ field: 'name' });
    expect(await stack.requests()).toEqual([]);
  });

  it('updateContactGroup - answers ContactGroupNotFound for a group the caller does not have', async () => {
    const r = 'contactGroups/0123456789abcdef';
    expect(await run(UPDATE, { r, e: 'etag', name: 'Ghost' })).toEqual({
      __typename: 'ContactGroupNotFound',
      resourceName: r,
      message: `No contact group ${r} exists for the caller.`,
    });
    expect(summary(await stack.requests())).toEqual([`PUT /v1/${r} 404`]);
  });

  it('updateContactGroup - answers InvalidArgument on name when another group has it', async () => {
    await createGroup('Taken');
    const group = await createGroup('Free');
    const answer = await run(UPDATE, { r: group.resourceName, e: group.etag, name: 'Taken' });
    expect(answer).toMatchObject({ __typename: 'InvalidArgument', field: 'name' });
  });
});

describe('RateLimited', () => {
  it.each([
    ['updateContactGroup', UPDATE, 'PUT'],
    [
      'deleteContactGroup',
      `mutation($r: ID!) { deleteContactGroup(resourceName: $r) { __typename ... on RateLimited { retryAfterSeconds } } }`,
      'DELETE',
    ],
  ])('%s - answers RateLimited when Google keeps answering 429', async (_name, query, method) => {
    const group = await createGroup(`Throttled ${method}`);
    await stack.clearRequests();
    await stack.faults({ failRate: 1, failStatus: 429 });
    const answer = await run(query, { r: group.resourceName, e: group.etag, name: 'Later' });
    expect(answer).toEqual({ __typename: 'RateLimited', retryAfterSeconds: null });
    expect(summary(await stack.requests())).toEqual([`${method} /v1/${group.resourceName} 429`]);
  });
});
