import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/index.js';
import { call, invalidArgument, type ErrorBody, type Person } from './helpers.js';

let emu: RunningEmulator;
const USER = 'deleter';

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo', USER] });
});
afterAll(async () => {
  await emu.close();
});

const NOT_FOUND = {
  error: {
    code: 404,
    message: 'Requested entity was not found.',
    status: 'NOT_FOUND',
    errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
  },
};

async function create(givenName: string): Promise<string> {
  const res = await call<Person>(emu, 'POST', 'v1/people:createContact', {
    token: USER,
    query: { personFields: 'names' },
    body: { names: [{ givenName }] },
  });
  if (res.status !== 200 || !res.json.resourceName) throw new Error(res.text);
  return res.json.resourceName;
}

const exists = async (name: string) =>
  (await call(emu, 'GET', `v1/${name}`, { token: USER, query: { personFields: 'names' } }))
    .status === 200;

const batchDelete = (resourceNames: unknown) =>
  call<ErrorBody>(emu, 'POST', 'v1/people:batchDeleteContacts', {
    token: USER,
    body: { resourceNames },
  });

describe('deleteContact', () => {
  it('deleteContact - deletes the contact and answers an empty body; a second delete is 404', async () => {
    const name = await create('Doomed');
    const first = await call(emu, 'DELETE', `v1/${name}:deleteContact`, { token: USER });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({});
    expect(await exists(name)).toBe(false);
    const again = await call(emu, 'DELETE', `v1/${name}:deleteContact`, { token: USER });
    expect(again.status).toBe(404);
    expect(again.json).toEqual(NOT_FOUND);
  });

  it('deleteContact - refuses people/me as not a contact', async () => {
    const res = await call(emu, 'DELETE', 'v1/people/me:deleteContact', { token: USER });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(
      invalidArgument('Resource name "people/me" is not a valid contact person resource.'),
    );
  });
});

describe('batchDeleteContacts', () => {
  it('batchDeleteContacts - deletes every named contact and answers an empty body', async () => {
    const [one, two] = [await create('One'), await create('Two')];
    const res = await batchDelete([one, two]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    expect(await exists(one)).toBe(false);
    expect(await exists(two)).toBe(false);
  });

  it('batchDeleteContacts - refuses the whole batch with 404 when one contact is unknown, deleting none', async () => {
    const kept = await create('Kept');
    const res = await batchDelete([kept, 'people/c999999']);
    expect(res.status).toBe(404);
    expect(res.json).toEqual(NOT_FOUND);
    expect(await exists(kept)).toBe(true);
  });

  it('batchDeleteContacts - refuses more than 500 names, or none', async () => {
    const names = Array.from({ length: 501 }, (_, i) => `people/c${i + 1}`);
    const tooMany = await batchDelete(names);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toBe(
      'Too many resource names: 501. Allows up to 500 resource names in a single request.',
    );
    expect((await batchDelete([])).json.error.message).toBe(
      'Request must specify at least one resource name.',
    );
  });
});
