import { people } from 'googleapis/build/src/apis/people/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CONTACTS,
  DEMO_USER_GROUPS,
  startEmulator,
  type RunningEmulator,
} from '../src/index.js';
import { call, getPerson, invalidArgument, updateContact, type ErrorBody } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

const STALE =
  'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.';

function sourceIdOf(resourceName: string): string {
  return BigInt(resourceName.slice('people/c'.length)).toString(16);
}

describe('updateContact', () => {
  it('updateContact - replaces masked fields and returns the person with a new etag', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.minimal, 'names');
    const response = await updateContact(
      emu,
      DEMO_CONTACTS.minimal,
      'names,emailAddresses',
      {
        etag: before.etag,
        names: [{ givenName: 'Minerva', familyName: 'Mal', displayName: 'ignored output-only' }],
        emailAddresses: [{ value: 'min@example.com', type: 'work', formattedType: 'dropped' }],
        phoneNumbers: [{ value: '+1 650 555 0101' }],
      },
      { personFields: 'names,emailAddresses,phoneNumbers' },
    );
    expect(response.status).toBe(200);
    const id = sourceIdOf(DEMO_CONTACTS.minimal);
    expect(response.json).toEqual({
      resourceName: DEMO_CONTACTS.minimal,
      etag: expect.stringMatching(/^%/) as unknown,
      names: [
        {
          metadata: { primary: true, sourcePrimary: true, source: { type: 'CONTACT', id } },
          familyName: 'Mal',
          givenName: 'Minerva',
          displayName: 'Minerva Mal',
          displayNameLastFirst: 'Mal, Minerva',
          unstructuredName: 'Minerva Mal',
        },
      ],
      emailAddresses: [
        {
          metadata: { primary: true, sourcePrimary: true, source: { type: 'CONTACT', id } },
          type: 'work',
          value: 'min@example.com',
          formattedType: 'Work',
        },
      ],
    });
    const after = await getPerson(emu, DEMO_CONTACTS.minimal, 'names');
    expect(after.etag).not.toBe(before.etag);
  });

  it('updateContact - bumps the CONTACT source etag and updateTime', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.nonAscii, 'metadata');
    const response = await updateContact(emu, DEMO_CONTACTS.nonAscii, 'nicknames', {
      etag: before.etag,
      nicknames: [{ value: 'Pepe' }],
    });
    const [beforeSource] = before.metadata?.sources ?? [];
    const [afterSource] = response.json.metadata?.sources ?? [];
    expect(afterSource?.etag).not.toBe(beforeSource?.etag);
    expect(Date.parse(afterSource?.updateTime ?? '')).toBeGreaterThan(
      Date.parse(beforeSource?.updateTime ?? ''),
    );
  });

  it('updateContact - a masked field absent from the body is cleared, unmasked ones are kept', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.ada, 'names');
    const response = await updateContact(
      emu,
      DEMO_CONTACTS.ada,
      'urls,biographies',
      { etag: before.etag, urls: [], names: [{ givenName: 'Ignored' }] },
      { personFields: 'urls,biographies,names' },
    );
    expect(response.status).toBe(200);
    expect(response.json.urls).toBeUndefined();
    expect(response.json.biographies).toBeUndefined();
    expect(response.json.names?.[0]?.givenName).toBe('Ada');
  });

  it('updateContact - leaves PROFILE data untouched and ignores non-CONTACT items', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.linkedProfile, 'names,emailAddresses');
    const profileItems = before.emailAddresses?.filter(
      (e) => e.metadata?.source?.type === 'PROFILE',
    );
    expect(profileItems).toHaveLength(1);
    const response = await updateContact(
      emu,
      DEMO_CONTACTS.linkedProfile,
      'emailAddresses,names',
      {
        etag: before.etag,
        names: [{ givenName: 'Amazing', familyName: 'Grace' }],
        emailAddresses: [
          { value: 'new@navy.example' },
          {
            value: 'sneaky@gmail.example',
            metadata: { source: { type: 'PROFILE', id: '11000000000000000001' } },
          },
        ],
      },
      { personFields: 'names,emailAddresses' },
    );
    expect(response.status).toBe(200);
    expect(response.json.emailAddresses?.map((e) => [e.metadata?.source?.type, e.value])).toEqual([
      ['CONTACT', 'new@navy.example'],
      ['PROFILE', 'grace.hopper@gmail.example'],
    ]);
    expect(
      response.json.emailAddresses?.filter((e) => e.metadata?.source?.type === 'PROFILE'),
    ).toEqual(profileItems);
    expect(response.json.names?.map((n) => n.displayName)).toEqual([
      'Amazing Grace',
      'Grace Brewster Murray Hopper',
    ]);
  });

  it('updateContact - accepts an etag read with other personFields, and a CONTACT source etag', async () => {
    const readWithUrls = await getPerson(emu, DEMO_CONTACTS.work, 'urls');
    const first = await updateContact(emu, DEMO_CONTACTS.work, 'nicknames', {
      etag: readWithUrls.etag,
      nicknames: [{ value: 'TimBL' }],
    });
    expect(first.status).toBe(200);
    const source = first.json.metadata?.sources?.find((s) => s.type === 'CONTACT');
    const second = await updateContact(emu, DEMO_CONTACTS.work, 'nicknames', {
      metadata: { sources: [{ type: 'CONTACT', id: source?.id, etag: source?.etag }] },
      nicknames: [{ value: 'Sir Tim' }],
    });
    expect(second.status).toBe(200);
    expect(second.json.nicknames?.[0]?.value).toBe('Sir Tim');
  });

  it('updateContact - rejects a stale etag with FAILED_PRECONDITION', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.starred, 'names');
    const ok = await updateContact(emu, DEMO_CONTACTS.starred, 'occupations', {
      etag: before.etag,
      occupations: [{ value: 'Engineer' }],
    });
    expect(ok.status).toBe(200);
    const stale = await updateContact(emu, DEMO_CONTACTS.starred, 'occupations', {
      etag: before.etag,
      occupations: [{ value: 'Director' }],
    });
    expect(stale.status).toBe(400);
    expect(stale.json).toEqual({
      error: {
        code: 400,
        message: STALE,
        status: 'FAILED_PRECONDITION',
        errors: [{ message: STALE, domain: 'global', reason: 'failedPrecondition' }],
      },
    });
  });

  it('updateContact - an etag that cannot be decoded is stale, not malformed', async () => {
    const response = await updateContact(emu, DEMO_CONTACTS.starred, 'names', {
      etag: 'not-an-etag',
      names: [{ givenName: 'X' }],
    });
    expect(response.json.error.status).toBe('FAILED_PRECONDITION');
  });

  it('updateContact - an etag of another contact at the same version is stale', async () => {
    const other = await getPerson(emu, DEMO_CONTACTS.emailOnly, 'names');
    const response = await updateContact(emu, DEMO_CONTACTS.cjk, 'names', {
      etag: other.etag,
      names: [{ givenName: 'X' }],
    });
    expect(response.json.error.status).toBe('FAILED_PRECONDITION');
  });

  it('updateContact - replaces memberships and rejects a mask without any group membership', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.multiGroup, 'memberships');
    const missing = await updateContact(emu, DEMO_CONTACTS.multiGroup, 'memberships', {
      etag: before.etag,
      memberships: [],
    });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual(
      invalidArgument(
        'Request must specify at least one contact group membership when updating memberships.',
      ),
    );
    const replaced = await updateContact(emu, DEMO_CONTACTS.multiGroup, 'memberships', {
      etag: before.etag,
      memberships: [
        { contactGroupMembership: { contactGroupResourceName: DEMO_USER_GROUPS.work } },
      ],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.memberships?.map((m) => m.contactGroupMembership)).toEqual([
      {
        contactGroupId: DEMO_USER_GROUPS.work.slice('contactGroups/'.length),
        contactGroupResourceName: DEMO_USER_GROUPS.work,
      },
    ]);
  });

  it('updateContact - rejects unknown body fields like Google JSON binding', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.cjk, 'names');
    const response = await updateContact(emu, DEMO_CONTACTS.cjk, 'names', {
      etag: before.etag,
      names: [{ givenName: 'X', __typename: 'Name' }],
    });
    expect(response.status).toBe(400);
    expect(response.json.error.message).toBe(
      'Invalid JSON payload received. Unknown name "__typename" at \'person.names[0]\': Cannot find field.',
    );
  });

  it('updateContact - answers 400 INVALID_ARGUMENT for a body that is not JSON', async () => {
    const response = await call<ErrorBody>(emu, 'PATCH', `v1/${DEMO_CONTACTS.cjk}:updateContact`, {
      query: { updatePersonFields: 'names' },
      rawBody: '{"names": [',
    });
    expect(response.status).toBe(400);
    expect(response.json.error.status).toBe('INVALID_ARGUMENT');
    expect(response.json.error.message).toMatch(/^Invalid JSON payload received\./);
  });
});

describe('updateContact through the googleapis client', () => {
  it('updateContact - works through googleapis People v1 with a bearer header', async () => {
    const client = people({ version: 'v1', rootUrl: emu.url });
    const headers = { headers: { Authorization: 'Bearer demo' } };
    const read = await client.people.get(
      { resourceName: DEMO_CONTACTS.linkedProfile2, personFields: 'names,birthdays' },
      headers,
    );
    expect(read.status).toBe(200);
    const updated = await client.people.updateContact(
      {
        resourceName: DEMO_CONTACTS.linkedProfile2,
        updatePersonFields: 'birthdays',
        personFields: 'birthdays',
        sources: ['READ_SOURCE_TYPE_CONTACT'],
        requestBody: {
          etag: read.data.etag,
          birthdays: [{ date: { year: 1912, month: 6, day: 24 } }],
        },
      },
      headers,
    );
    expect(updated.data.birthdays).toEqual([
      {
        metadata: {
          primary: true,
          sourcePrimary: true,
          source: { type: 'CONTACT', id: sourceIdOf(DEMO_CONTACTS.linkedProfile2) },
        },
        date: { year: 1912, month: 6, day: 24 },
      },
    ]);
    const error: unknown = await client.people
      .updateContact(
        {
          resourceName: DEMO_CONTACTS.linkedProfile2,
          updatePersonFields: 'birthdays',
          requestBody: { etag: read.data.etag, birthdays: [] },
        },
        headers,
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, message: STALE });
    const batch = await client.people.getBatchGet(
      {
        resourceNames: [DEMO_CONTACTS.ada, DEMO_CONTACTS.linkedProfile2],
        personFields: 'names',
      },
      headers,
    );
    expect(batch.data.responses?.map((r) => r.person?.resourceName)).toEqual([
      DEMO_CONTACTS.ada,
      DEMO_CONTACTS.linkedProfile2,
    ]);
  });
});
