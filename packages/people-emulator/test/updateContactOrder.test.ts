/**
 * updateContact's checks in the order of docs/people-api.md#updatecontact-checks: a request with
 * several faults gets the answer of the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, startEmulator, type RunningEmulator } from '../src/index.js';
import { call, getPerson, invalidArgument, updateContact } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

describe('updateContact validation order', () => {
  const validMaskUrl =
    'Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/updateContact.';

  it('updateContact - 1. people/me is not a contact even with other errors', async () => {
    const response = await updateContact(emu, 'people/me', 'photos', {});
    expect(response.json).toEqual(
      invalidArgument('Resource name "people/me" is not a valid contact person resource.'),
    );
    const profile = await updateContact(emu, 'people/10000000000000000001', 'names', {});
    expect(profile.json.error.message).toBe(
      'Resource name "people/10000000000000000001" is not a valid contact person resource.',
    );
  });

  it('updateContact - 2. requires updatePersonFields and checks its paths', async () => {
    const missing = await call(emu, 'PATCH', 'v1/people/c1001000000000009999:updateContact', {
      body: {},
    });
    expect(missing.json).toEqual(
      invalidArgument(
        `updatePersonFields mask is required. Please specify one or more valid paths. ${validMaskUrl}`,
      ),
    );
    const photos = await updateContact(emu, 'people/c1001000000000009999', 'names,photos', {});
    expect(photos.json).toEqual(
      invalidArgument(`Invalid updatePersonFields mask path: "photos". ${validMaskUrl}`),
    );
  });

  it('updateContact - 3./4. checks personFields paths and sources values', async () => {
    const fields = await updateContact(
      emu,
      'people/c1001000000000009999',
      'names',
      {},
      {
        personFields: 'names,nope',
      },
    );
    expect(fields.json).toEqual(
      invalidArgument(`Invalid personFields mask path: "nope". ${validMaskUrl}`),
    );
    const sources = await updateContact(
      emu,
      'people/c1001000000000009999',
      'names',
      {},
      {
        sources: 'READ_SOURCE_TYPE_NOPE',
      },
    );
    expect(sources.status).toBe(400);
    expect(sources.json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('updateContact - 5. unknown contact is 404 before any etag check', async () => {
    const response = await updateContact(emu, 'people/c1001000000000009999', 'names', {});
    expect(response.status).toBe(404);
    expect(response.json.error.status).toBe('NOT_FOUND');
  });

  it('updateContact - 6. missing etag is 400 before the singleton check', async () => {
    const response = await updateContact(emu, DEMO_CONTACTS.emailOnly, 'names', {
      names: [{ givenName: 'A' }, { givenName: 'B' }],
    });
    expect(response.json).toEqual(
      invalidArgument(
        'Request must set person.etag or person.metadata.sources.etag for the source that is being updated.',
      ),
    );
  });

  it('updateContact - 7. stale etag is reported before a singleton violation', async () => {
    const response = await updateContact(emu, DEMO_CONTACTS.emailOnly, 'names', {
      etag: '%EgUBAj03LhoEAQIFByIMSnFlS0YyTG9rNzg9',
      names: [{ givenName: 'A' }, { givenName: 'B' }],
    });
    expect(response.json.error.status).toBe('FAILED_PRECONDITION');
  });

  it('updateContact - 8. more than one value in a masked singleton is rejected', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.emailOnly, 'names');
    for (const field of ['names', 'biographies', 'birthdays', 'genders'] as const) {
      const items = {
        names: [{ givenName: 'A' }, { givenName: 'B' }],
        biographies: [{ value: 'a' }, { value: 'b' }],
        birthdays: [{ date: { month: 1, day: 2 } }, { date: { month: 3, day: 4 } }],
        genders: [{ value: 'male' }, { value: 'female' }],
      }[field];
      const response = await updateContact(emu, DEMO_CONTACTS.emailOnly, `${field},memberships`, {
        etag: before.etag,
        [field]: items,
      });
      expect(response.json).toEqual(
        invalidArgument(`Cannot have more than one person.${field} per source.`),
      );
    }
  });
});
