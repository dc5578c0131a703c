import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/index.js';
import { call, getPerson, invalidArgument, type ErrorBody, type Person } from './helpers.js';

let emu: RunningEmulator;
const USER = 'batcher';

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo', USER] });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await call(emu, 'DELETE', '__emulator/faults', { token: null });
});

const STALE =
  'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.';

async function create(givenName: string): Promise<{ resourceName: string; etag: string }> {
  const res = await call<Person>(emu, 'POST', 'v1/people:createContact', {
    token: USER,
    query: { personFields: 'names' },
    body: { names: [{ givenName }] },
  });
  const { resourceName, etag } = res.json;
  if (res.status !== 200 || !resourceName || !etag) throw new Error(res.text);
  return { resourceName, etag };
}

function batchUpdate(body: unknown) {
  return call<ErrorBody & { updateResult?: Record<string, { person: Person }> }>(
    emu,
    'POST',
    'v1/people:batchUpdateContacts',
    { token: USER, body },
  );
}

function batchCreate(body: unknown) {
  return call<ErrorBody & { createdPeople?: { person: Person }[] }>(
    emu,
    'POST',
    'v1/people:batchCreateContacts',
    { token: USER, body },
  );
}

async function contactCount(): Promise<number> {
  const res = await call<{ totalItems?: number }>(emu, 'GET', 'v1/people/me/connections', {
    token: USER,
    query: { personFields: 'names', pageSize: 1000 },
  });
  return res.json.totalItems ?? 0;
}

const givenNameOf = async (name: string) =>
  (await getPerson(emu, name, 'names', USER)).names?.[0]?.givenName;

describe('batchUpdateContacts', () => {
  it('batchUpdateContacts - replaces the masked fields of every contact and answers updateResult keyed by resource name', async () => {
    const [a, b] = [await create('A'), await create('B')];
    const res = await batchUpdate({
      contacts: {
        [a.resourceName]: { etag: a.etag, names: [{ givenName: 'A2' }] },
        [b.resourceName]: { etag: b.etag, names: [{ givenName: 'B2' }] },
      },
      updateMask: 'names',
      readMask: 'names',
    });
    expect(res.status).toBe(200);
    const result = res.json.updateResult ?? {};
    expect(Object.keys(result)).toEqual([a.resourceName, b.resourceName]);
    expect(result[a.resourceName]).toMatchObject({
      requestedResourceName: a.resourceName,
      status: {},
      person: { resourceName: a.resourceName, names: [{ givenName: 'A2' }] },
    });
    expect(result[a.resourceName]?.person.etag).not.toBe(a.etag);
    expect(await givenNameOf(b.resourceName)).toBe('B2');
  });

  it('batchUpdateContacts - refuses the whole batch when one etag is stale, names only that contact, and applies nothing', async () => {
    const [a, b] = [await create('Fresh'), await create('Stale')];
    await batchUpdate({
      contacts: { [b.resourceName]: { etag: b.etag, names: [{ givenName: 'Moved' }] } },
      updateMask: 'names',
    });
    const res = await batchUpdate({
      contacts: {
        [a.resourceName]: { etag: a.etag, names: [{ givenName: 'Never' }] },
        [b.resourceName]: { etag: b.etag, names: [{ givenName: 'Never' }] },
      },
      updateMask: 'names',
      readMask: 'names',
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        code: 400,
        message: STALE,
        status: 'FAILED_PRECONDITION',
        details: [
          {
            '@type': 'type.googleapis.com/google.people.v1.BatchUpdateContactsErrorDetails',
            contactErrors: { [b.resourceName]: { code: 9, message: STALE } },
          },
        ],
        errors: [{ message: STALE, domain: 'global', reason: 'failedPrecondition' }],
      },
    });
    expect(await givenNameOf(a.resourceName)).toBe('Fresh');
    expect((await getPerson(emu, a.resourceName, 'names', USER)).etag).toBe(a.etag);
  });

  it('batchUpdateContacts - with the fault batchRefusal "unnamed", refuses without naming the failing contacts', async () => {
    const [a, b] = [await create('Fresh'), await create('Gone')];
    await call(emu, 'DELETE', `v1/${b.resourceName}:deleteContact`, { token: USER });
    await call(emu, 'PUT', '__emulator/faults', { token: null, body: { batchRefusal: 'unnamed' } });
    const res = await batchUpdate({
      contacts: {
        [a.resourceName]: { etag: a.etag, names: [{ givenName: 'Never' }] },
        [b.resourceName]: { etag: b.etag, names: [{ givenName: 'Never' }] },
      },
      updateMask: 'names',
    });
    expect(res.status).toBe(404);
    expect(res.json.error).toEqual({
      code: 404,
      message: 'Requested entity was not found.',
      status: 'NOT_FOUND',
      errors: [
        { message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' },
      ],
    });
    expect(await givenNameOf(a.resourceName)).toBe('Fresh');
  });

  it('batchUpdateContacts - an unknown batchRefusal fault value is refused', async () => {
    const refused = await call(emu, 'PUT', '__emulator/faults', {
      token: null,
      body: { batchRefusal: 'silent' },
    });
    expect(refused.json).toEqual(
      invalidArgument('Fault field "batchRefusal" must be one of named, unnamed.'),
    );
  });

  it('batchUpdateContacts - refuses more than 200 contacts, or none, before looking at any', async () => {
    const contacts = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [`people/c${9000 + i}`, { etag: 'x' }]),
    );
    const tooMany = await batchUpdate({ contacts, updateMask: 'names' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toBe(
      'Too many contacts: 201. Allows up to 200 contacts in a single request.',
    );
    const none = await batchUpdate({ contacts: {}, updateMask: 'names' });
    expect(none.json.error.message).toBe('Request must specify at least one contact.');
  });

  it('batchUpdateContacts - refuses a missing updateMask and an unknown body field', async () => {
    const a = await create('Masked');
    const contacts = { [a.resourceName]: { etag: a.etag, names: [{ givenName: 'X' }] } };
    const noMask = await batchUpdate({ contacts });
    expect(noMask.json).toEqual(
      invalidArgument(
        'updateMask mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/batchUpdateContacts.',
      ),
    );
    const unknown = await batchUpdate({ contacts, updateMask: 'names', personFields: 'names' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toBe(
      'Invalid JSON payload received. Unknown name "personFields": Cannot find field.',
    );
    expect(await givenNameOf(a.resourceName)).toBe('Masked');
  });

  it('batchUpdateContacts - skips the post-mutate read when readMask is empty, and still applies', async () => {
    const a = await create('Quiet');
    const res = await batchUpdate({
      contacts: { [a.resourceName]: { etag: a.etag, names: [{ givenName: 'Loud' }] } },
      updateMask: 'names',
      readMask: '',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    expect(await givenNameOf(a.resourceName)).toBe('Loud');
  });
});

describe('batchCreateContacts', () => {
  it('batchCreateContacts - creates every contact and answers createdPeople in request order', async () => {
    const before = await contactCount();
    const res = await batchCreate({
      contacts: [
        { contactPerson: { names: [{ givenName: 'First' }] } },
        { contactPerson: { names: [{ givenName: 'Second' }] } },
      ],
      readMask: 'names,memberships',
    });
    expect(res.status).toBe(200);
    const people = (res.json.createdPeople ?? []).map((r) => r.person);
    expect(people.map((p) => p.names?.[0]?.givenName)).toEqual(['First', 'Second']);
    expect(people[0]?.memberships?.[0]?.contactGroupMembership?.contactGroupResourceName).toBe(
      'contactGroups/myContacts',
    );
    expect(await contactCount()).toBe(before + 2);
  });

  it('batchCreateContacts - refuses the whole batch, naming the failing contacts by index, and creates none', async () => {
    const before = await contactCount();
    const singleton = 'Cannot have more than one person.names per source.';
    const res = await batchCreate({
      contacts: [
        { contactPerson: { names: [{ givenName: 'Fine' }] } },
        { contactPerson: { names: [{ givenName: 'One' }, { givenName: 'Two' }] } },
        { contactPerson: {} },
      ],
      readMask: 'names',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe(singleton);
    expect(res.json.error.details).toEqual([
      {
        '@type': 'type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails',
        contactErrors: {
          '1': { code: 3, message: singleton },
          '2': { code: 3, message: 'Must specify a non-metadata contact field on the person' },
        },
      },
    ]);
    expect(await contactCount()).toBe(before);
  });

  it('batchCreateContacts - refuses more than 200 contacts', async () => {
    const contacts = Array.from({ length: 201 }, () => ({
      contactPerson: { names: [{ givenName: 'N' }] },
    }));
    const res = await batchCreate({ contacts, readMask: 'names' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe(
      'Too many contacts: 201. Allows up to 200 contacts in a single request.',
    );
  });
});
