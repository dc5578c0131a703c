import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/errors.js';
import { parseFields, project } from '../src/http/partialResponse.js';
import { DEMO_CONTACTS, startEmulator, type RunningEmulator } from '../src/index.js';
import { call, getPerson, type ErrorBody, type Person } from './helpers.js';

const PERSON = {
  resourceName: 'people/c1',
  etag: '%E1',
  names: [
    { metadata: { primary: true, source: { type: 'CONTACT', id: '1' } }, givenName: 'Ada' },
    { metadata: { source: { type: 'CONTACT', id: '1' } }, familyName: 'Byron' },
  ],
  emailAddresses: [{ value: 'ada@example.com', type: 'work', formattedType: 'Work' }],
};

describe('parseFields and project', () => {
  it('partial response - a(b,c), a/b and repeated selections of one field select the same', () => {
    const nested = project(PERSON, parseFields('names(givenName,metadata/source/type)'));
    const slashes = project(PERSON, parseFields('names/givenName, names/metadata(source(type))'));

    expect(nested).toEqual({
      names: [
        { metadata: { source: { type: 'CONTACT' } }, givenName: 'Ada' },
        { metadata: { source: { type: 'CONTACT' } } },
      ],
    });
    expect(slashes).toEqual(nested);
  });

  it('partial response - a list keeps every item, as an empty object when it has none of the fields', () => {
    expect(project(PERSON, parseFields('resourceName,names(givenName)'))).toEqual({
      resourceName: 'people/c1',
      names: [{ givenName: 'Ada' }, {}],
    });
  });

  it('partial response - * selects every field of its level; a field named alone, all of it', () => {
    expect(project(PERSON, parseFields('*'))).toEqual(PERSON);
    expect(project(PERSON, parseFields('emailAddresses,etag'))).toEqual({
      etag: '%E1',
      emailAddresses: PERSON.emailAddresses,
    });
    expect(project(PERSON, parseFields('names/*'))).toEqual({ names: PERSON.names });
  });

  it('partial response - a malformed selection is a 400 INVALID_ARGUMENT naming it', () => {
    for (const fields of ['names(', 'names()', 'a,,b', '(a)', 'a)', 'a/', 'a b', 'a(b))', 'a-b']) {
      let thrown: unknown;
      try {
        parseFields(fields);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, fields).toBeInstanceOf(ApiError);
      expect((thrown as ApiError).message, fields).toBe(`Invalid field selection ${fields}`);
      expect((thrown as ApiError).httpStatus, fields).toBe(400);
    }
  });

  it('partial response - a selection nested deeper than 32 levels is refused, not recursed into', () => {
    const deep = `${'a('.repeat(40)}b${')'.repeat(40)}`;
    expect(() => parseFields(deep)).toThrow(ApiError);
  });
});

describe('fields on the People API', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startEmulator({ tokens: ['demo'] });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('partial response - connections.list answers only the fields selected, the page token with them', async () => {
    const response = await call<{ connections: Person[]; nextPageToken?: string }>(
      emu,
      'GET',
      'v1/people/me/connections',
      {
        query: {
          personFields: 'names,emailAddresses',
          pageSize: 2,
          fields: 'connections(resourceName,names(givenName)),nextPageToken',
        },
      },
    );

    expect(response.status).toBe(200);
    expect(Object.keys(response.json).sort()).toEqual(['connections', 'nextPageToken']);
    expect(response.json.connections).toHaveLength(2);
    for (const person of response.json.connections) {
      expect(Object.keys(person).sort()).toEqual(['names', 'resourceName']);
      for (const name of person.names ?? []) expect(Object.keys(name)).toEqual(['givenName']);
    }
  });

  it('partial response - an update with a malformed selection is refused and changes nothing', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.ada, 'names');
    const response = await call<ErrorBody>(emu, 'PATCH', `v1/${DEMO_CONTACTS.ada}:updateContact`, {
      query: { updatePersonFields: 'names', fields: 'names(' },
      body: { etag: before.etag, names: [{ givenName: 'Changed' }] },
    });
    const after = await getPerson(emu, DEMO_CONTACTS.ada, 'names');

    expect(response.status).toBe(400);
    expect(response.json.error.message).toBe('Invalid field selection names(');
    expect(after).toEqual(before);
  });
});
