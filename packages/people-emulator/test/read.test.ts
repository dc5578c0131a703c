import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, startEmulator, type RunningEmulator } from '../src/index.js';
import { call, invalidArgument, type ErrorBody, type Person } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo', 'alice'] });
});
afterAll(async () => {
  await emu.close();
});

const INVALID_CREDENTIALS =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

describe('auth', () => {
  it('auth - answers 401 UNAUTHENTICATED in Google envelope without a token', async () => {
    const response = await call(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      token: null,
      query: { personFields: 'names' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(response.json).toEqual({
      error: {
        code: 401,
        message: INVALID_CREDENTIALS,
        status: 'UNAUTHENTICATED',
        errors: [
          {
            message: 'Invalid Credentials',
            domain: 'global',
            reason: 'authError',
            location: 'Authorization',
            locationType: 'header',
          },
        ],
      },
    });
  });

  it('auth - answers 401 for a token that is not an emulator user', async () => {
    const response = await call<ErrorBody>(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      token: 'mallory',
      query: { personFields: 'names' },
    });
    expect(response.status).toBe(401);
    expect(response.json.error.status).toBe('UNAUTHENTICATED');
  });

  it('isolation - another token has its own store without the demo contacts', async () => {
    const response = await call<ErrorBody>(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      token: 'alice',
      query: { personFields: 'names' },
    });
    expect(response.status).toBe(404);
    const groups = await call<{ contactGroups: { resourceName: string }[] }>(
      emu,
      'GET',
      'v1/contactGroups',
      { token: 'alice' },
    );
    expect(groups.json.contactGroups.map((g) => g.resourceName)).toEqual([
      'contactGroups/chatBuddies',
      'contactGroups/all',
      'contactGroups/myContacts',
      'contactGroups/friends',
      'contactGroups/family',
      'contactGroups/coworkers',
      'contactGroups/blocked',
      'contactGroups/starred',
    ]);
  });
});

describe('people.get', () => {
  it('people.get - returns the contact restricted to personFields with computed fields', async () => {
    const response = await call<Person>(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      query: { personFields: 'names,phoneNumbers' },
    });
    expect(response.status).toBe(200);
    const person = response.json;
    expect(Object.keys(person).sort()).toEqual(['etag', 'names', 'phoneNumbers', 'resourceName']);
    expect(person.etag).toMatch(/^%[A-Za-z0-9+/]+=*$/);
    const sourceId = BigInt(DEMO_CONTACTS.ada.slice('people/c'.length)).toString(16);
    expect(person.names).toEqual([
      {
        metadata: { primary: true, sourcePrimary: true, source: { type: 'CONTACT', id: sourceId } },
        familyName: 'Lovelace',
        givenName: 'Ada',
        honorificPrefix: 'Countess',
        displayName: 'Countess Ada Lovelace',
        displayNameLastFirst: 'Lovelace, Countess Ada',
        unstructuredName: 'Countess Ada Lovelace',
      },
    ]);
    expect(person.phoneNumbers).toEqual([
      {
        metadata: { primary: true, sourcePrimary: true, source: { type: 'CONTACT', id: sourceId } },
        type: 'mobile',
        value: '+1 650-555-0100',
        canonicalForm: '+16505550100',
        formattedType: 'Mobile',
      },
      {
        metadata: { source: { type: 'CONTACT', id: sourceId } },
        type: 'home',
        value: '+44 20 7946 0958',
        canonicalForm: '+442079460958',
        formattedType: 'Home',
      },
    ]);
  });

  it('people.get - requires personFields with Google message', async () => {
    const response = await call(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`);
    expect(response.status).toBe(400);
    expect(response.json).toEqual(
      invalidArgument(
        'personFields mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/get.',
      ),
    );
  });

  it('people.get - rejects an unknown personFields path', async () => {
    const response = await call(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      query: { personFields: 'names,emails' },
    });
    expect(response.json).toEqual(
      invalidArgument(
        'Invalid personFields mask path: "emails". Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/get.',
      ),
    );
  });

  it('people.get - answers 404 NOT_FOUND for an unknown contact', async () => {
    const response = await call(emu, 'GET', 'v1/people/c1001000000000009999', {
      query: { personFields: 'names' },
    });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        status: 'NOT_FOUND',
        errors: [
          { message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' },
        ],
      },
    });
  });

  it('people.get - people/me returns the profile under its account id with a PROFILE source only', async () => {
    const me = await call<Person>(emu, 'GET', 'v1/people/me', {
      query: { personFields: 'names,metadata' },
    });
    expect(me.status).toBe(200);
    expect(me.json.resourceName).toBe('people/10000000000000000001');
    expect(me.json.metadata?.sources?.map((s) => s.type)).toEqual(['PROFILE']);
    expect(me.json.names?.[0]?.displayName).toBe('Demo User');
    const byId = await call<Person>(emu, 'GET', 'v1/people/10000000000000000001', {
      query: { personFields: 'names,metadata' },
    });
    expect(byId.json).toEqual(me.json);
  });

  it('people.get - accepts sources and sources[] and filters by source', async () => {
    const contactOnly = await call<Person>(emu, 'GET', `v1/${DEMO_CONTACTS.linkedProfile}`, {
      query: { personFields: 'emailAddresses', 'sources[]': 'READ_SOURCE_TYPE_CONTACT' },
    });
    expect(contactOnly.json.emailAddresses?.map((e) => e.metadata?.source?.type)).toEqual([
      'CONTACT',
    ]);
    const both = await call<Person>(emu, 'GET', `v1/${DEMO_CONTACTS.linkedProfile}`, {
      query: {
        personFields: 'emailAddresses',
        sources: ['READ_SOURCE_TYPE_CONTACT', 'READ_SOURCE_TYPE_PROFILE'],
      },
    });
    expect(both.json.emailAddresses?.map((e) => e.metadata?.source?.type)).toEqual([
      'CONTACT',
      'PROFILE',
    ]);
  });

  it('people.get - a contact without a photo shows a fetchable default photo', async () => {
    const person = await call<Person>(emu, 'GET', `v1/${DEMO_CONTACTS.minimal}`, {
      query: { personFields: 'photos' },
    });
    const photo = person.json.photos?.[0];
    expect(photo?.default).toBe(true);
    const image = await fetch(photo?.url ?? '');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('people.get - a read with other personFields gives another etag for the same version', async () => {
    const a = await call<Person>(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      query: { personFields: 'names' },
    });
    const b = await call<Person>(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      query: { personFields: 'urls' },
    });
    const a2 = await call<Person>(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      query: { personFields: 'names' },
    });
    expect(a.json.etag).not.toBe(b.json.etag);
    expect(a.json.etag).toBe(a2.json.etag);
  });
});

describe('people.getBatchGet', () => {
  it('people.getBatchGet - keeps request order and reports missing names per entry', async () => {
    const missing = 'people/c1001000000000008888';
    const response = await call<{ responses: unknown[] }>(emu, 'GET', 'v1/people:batchGet', {
      query: {
        personFields: 'names',
        resourceNames: [DEMO_CONTACTS.minimal, missing, DEMO_CONTACTS.ada],
      },
    });
    expect(response.status).toBe(200);
    expect(response.json.responses).toEqual([
      {
        requestedResourceName: DEMO_CONTACTS.minimal,
        httpStatusCode: 200,
        person: expect.objectContaining({ resourceName: DEMO_CONTACTS.minimal }) as unknown,
        status: {},
      },
      {
        requestedResourceName: missing,
        httpStatusCode: 404,
        status: { code: 5, message: 'Requested entity was not found.' },
      },
      {
        requestedResourceName: DEMO_CONTACTS.ada,
        httpStatusCode: 200,
        person: expect.objectContaining({ resourceName: DEMO_CONTACTS.ada }) as unknown,
        status: {},
      },
    ]);
  });

  it('people.getBatchGet - accepts 200 names and rejects 201 with INVALID_ARGUMENT', async () => {
    const names = (n: number): string[] => Array.from({ length: n }, () => DEMO_CONTACTS.ada);
    const ok = await call<{ responses: unknown[] }>(emu, 'GET', 'v1/people:batchGet', {
      query: { personFields: 'names', resourceNames: names(200) },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.responses).toHaveLength(200);
    const tooMany = await call<ErrorBody>(emu, 'GET', 'v1/people:batchGet', {
      query: { personFields: 'names', resourceNames: names(201) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('people.getBatchGet - requires personFields', async () => {
    const response = await call<ErrorBody>(emu, 'GET', 'v1/people:batchGet', {
      query: { resourceNames: DEMO_CONTACTS.ada },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.message).toMatch(/^personFields mask is required\./);
  });
});

describe('front end', () => {
  it('routing - unknown query parameters are rejected like Google binds them', async () => {
    const response = await call(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      query: { personFields: 'names', parent: 'x', prettyPrint: 'false', alt: 'json' },
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual(
      invalidArgument(
        'Invalid JSON payload received. Unknown name "parent": Cannot bind query parameter. Field \'parent\' could not be found in request message.',
      ),
    );
  });

  it('routing - unknown routes and wrong verbs get the HTML 404 of Google front end', async () => {
    for (const [method, path] of [
      ['GET', 'v1/people/'],
      ['GET', 'v2/people/me'],
      ['POST', `v1/${DEMO_CONTACTS.ada}`],
    ] as const) {
      const response = await call(emu, method, path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      expect(response.text).toContain('<b>404.</b> <ins>That’s an error.</ins>');
    }
  });

  it('routing - People methods the emulator does not implement answer 501 UNIMPLEMENTED', async () => {
    const response = await call<ErrorBody>(emu, 'GET', 'v1/otherContacts:search', {
      query: { query: 'ada', readMask: 'names' },
    });
    expect(response.status).toBe(501);
    expect(response.json.error.status).toBe('UNIMPLEMENTED');
  });
});
