import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, startEmulator, type RunningEmulator } from '../src/index.js';
import { call, type ErrorBody, type Person } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo', 'sam', 'pat'] });
});
afterAll(async () => {
  await emu.close();
});

interface SearchResponse {
  results?: { person: Person }[];
}

async function search(
  query: string,
  token = 'demo',
  extra: Record<string, string | number> = {},
): Promise<SearchResponse> {
  const response = await call<SearchResponse>(emu, 'GET', 'v1/people:searchContacts', {
    token,
    query: { query, readMask: 'names', ...extra },
  });
  expect(response.status).toBe(200);
  return response.json;
}

async function found(query: string, token = 'demo'): Promise<string[]> {
  return ((await search(query, token)).results ?? []).map((r) => r.person.resourceName ?? '');
}

async function create(token: string, person: Person): Promise<string> {
  const response = await call<Person>(emu, 'POST', 'v1/people:createContact', {
    token,
    body: person,
  });
  expect(response.status).toBe(200);
  return response.json.resourceName ?? '';
}

describe('searchContacts - matching', () => {
  it('searchContacts - matches prefix phrases from the start of a word, not inside one', async () => {
    expect(await found('lovel')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('countess ada l')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('LOVELACE')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('ovelace')).toEqual([]);
    expect(await found('ountess ada')).toEqual([]);
  });

  it('searchContacts - matches nicknames, email addresses, phone numbers and organizations', async () => {
    expect(await found('enchantress of')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('analytical.example')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('ada.lovelace@')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('+1650555010')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('650-555-0100')).toEqual([DEMO_CONTACTS.ada]);
    expect(await found('analytical engine soc')).toEqual([DEMO_CONTACTS.ada]);
  });

  it('searchContacts - answers {} when nothing matches, and persons with the readMask fields only', async () => {
    expect(await search('zzzz-no-such-contact')).toEqual({});
    const { results } = await search('lovel');
    expect(results).toEqual([
      {
        person: {
          resourceName: DEMO_CONTACTS.ada,
          etag: expect.any(String) as unknown,
          names: [expect.objectContaining({ givenName: 'Ada', familyName: 'Lovelace' })],
        },
      },
    ]);
  });

  it('searchContacts - returns the CONTACT source only unless sources asks for more', async () => {
    const { results } = await search('grace hop', 'demo', { readMask: 'names,metadata' });
    const person = results?.[0]?.person;
    expect(person?.resourceName).toBe(DEMO_CONTACTS.linkedProfile);
    expect(person?.metadata?.sources?.map((s) => s.type)).toEqual(['CONTACT']);
    expect(person?.names?.every((n) => n.metadata?.source?.type === 'CONTACT')).toBe(true);
  });
});

describe('searchContacts - the cache and its warm-up', () => {
  it('searchContacts - does not find a contact created after the last warm-up until an empty query warms the cache', async () => {
    const name = await create('sam', { names: [{ givenName: 'Quincy', familyName: 'Newcomer' }] });
    expect(await found('quincy', 'sam')).toEqual([]);
    expect(await search('', 'sam')).toEqual({});
    expect(await found('quincy', 'sam')).toEqual([name]);
    // Another user's cache is their own.
    expect(await found('quincy')).toEqual([]);
  });

  it('searchContacts - matches a renamed contact by its cached values but answers its current data', async () => {
    const name = await create('sam', { names: [{ givenName: 'Old', familyName: 'Surname' }] });
    await search('', 'sam');
    const read = await call<Person>(emu, 'GET', `v1/${name}`, {
      token: 'sam',
      query: { personFields: 'names' },
    });
    const updated = await call(emu, 'PATCH', `v1/${name}:updateContact`, {
      token: 'sam',
      query: { updatePersonFields: 'names' },
      body: { etag: read.json.etag, names: [{ givenName: 'New', familyName: 'Surname' }] },
    });
    expect(updated.status).toBe(200);
    const byOld = await search('old surname', 'sam');
    expect(byOld.results?.map((r) => r.person.names?.[0]?.givenName)).toEqual(['New']);
    expect(await found('new surname', 'sam')).toEqual([]);
    await search('', 'sam');
    expect(await found('old surname', 'sam')).toEqual([]);
    expect(await found('new surname', 'sam')).toEqual([name]);
  });

  it('searchContacts - takes a missing query as the warm-up', async () => {
    await create('sam', { names: [{ givenName: 'Missing', familyName: 'Query' }] });
    const response = await call(emu, 'GET', 'v1/people:searchContacts', {
      token: 'sam',
      query: { readMask: 'names' },
    });
    expect(response.status).toBe(200);
    expect(await found('missing q', 'sam')).toHaveLength(1);
  });
});

describe('searchContacts - parameters', () => {
  it('searchContacts - answers 10 by default and caps pageSize at 30', async () => {
    for (let i = 0; i < 35; i += 1) {
      await create('pat', { names: [{ givenName: 'Many', familyName: `Person${i}` }] });
    }
    await search('', 'pat');
    expect((await search('many', 'pat')).results).toHaveLength(10);
    expect((await search('many', 'pat', { pageSize: 0 })).results).toHaveLength(10);
    expect((await search('many', 'pat', { pageSize: 12 })).results).toHaveLength(12);
    expect((await search('many', 'pat', { pageSize: 50 })).results).toHaveLength(30);
  });

  it('searchContacts - refuses a missing readMask, an unknown path and a negative pageSize', async () => {
    const cases: [Record<string, string>, string][] = [
      [
        { query: 'ada' },
        'readMask mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/searchContacts.',
      ],
      [
        { query: 'ada', readMask: 'names,nope' },
        'Invalid readMask mask path: "nope". Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/searchContacts.',
      ],
      [
        { query: 'ada', readMask: 'names', pageSize: '-1' },
        'Page size must not be negative (got -1).',
      ],
    ];
    for (const [query, message] of cases) {
      const response = await call<ErrorBody>(emu, 'GET', 'v1/people:searchContacts', { query });
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({ status: 'INVALID_ARGUMENT', message });
    }
  });
});
