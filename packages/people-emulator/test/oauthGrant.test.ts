/** The emulator's OAuth token endpoint: what a good JWT bearer grant gets, and whom it acts as. */
import { describe, expect, it } from 'vitest';
import { call, type Person } from './helpers.js';
import { accessToken, claims, emu, grant, jwt, useTokenEndpoint } from './oauthSupport.js';

useTokenEndpoint();

describe('token endpoint', () => {
  it('token endpoint - a good JWT gets a one-hour bearer token in Google’s shape', async () => {
    const answer = await grant(jwt(claims()));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.json).toEqual({
      access_token: expect.stringMatching(/^ya29\.[\w-]{20,}$/) as unknown,
      expires_in: 3599,
      token_type: 'Bearer',
    });
  });

  it('token endpoint - the token acts as the subject: its own profile and system groups only', async () => {
    const token = await accessToken('Alice@Example.com');
    const me = await call<Person>(emu, 'GET', 'v1/people/me', {
      token,
      query: { personFields: 'names,emailAddresses' },
    });
    expect(me.status).toBe(200);
    expect(me.json.emailAddresses?.map((e) => e.value)).toEqual(['alice@example.com']);
    expect(me.json.names?.[0]?.displayName).toBe('Alice User');
    const contacts = await call<{ connections?: unknown[]; totalItems?: number }>(
      emu,
      'GET',
      'v1/people/me/connections',
      { token, query: { personFields: 'names' } },
    );
    expect(contacts.status).toBe(200);
    expect(contacts.json.connections ?? []).toEqual([]);
    const groups = await call<{ contactGroups: { groupType: string }[] }>(
      emu,
      'GET',
      'v1/contactGroups',
      { token },
    );
    expect(groups.json.contactGroups.every((g) => g.groupType === 'SYSTEM_CONTACT_GROUP')).toBe(
      true,
    );
  });

  it('token endpoint - two tokens for one subject (any case) share the user; other subjects do not', async () => {
    const first = await accessToken('bob@example.com');
    const second = await accessToken('BOB@example.com');
    expect(second).not.toBe(first);
    const created = await call<Person>(emu, 'POST', 'v1/people:createContact', {
      token: first,
      query: { personFields: 'names' },
      body: { names: [{ givenName: 'Shared' }] },
    });
    expect(created.status).toBe(200);
    const resourceName = created.json.resourceName ?? '';
    const seen = await call(emu, 'GET', `v1/${resourceName}`, {
      token: second,
      query: { personFields: 'names' },
    });
    expect(seen.status).toBe(200);
    const stored = await call(
      emu,
      'GET',
      `__emulator/state/bob@example.com/${resourceName.slice('people/'.length)}`,
      { token: null },
    );
    expect(stored.status).toBe(200);
    const other = await call(emu, 'GET', `v1/${resourceName}`, {
      token: await accessToken('dave@example.com'),
      query: { personFields: 'names' },
    });
    expect(other.status).toBe(404);
  });

  it('token endpoint - a subject equal to a configured token acts as that configured user', async () => {
    const token = await accessToken('carol@example.com');
    const created = await call<Person>(emu, 'POST', 'v1/people:createContact', {
      token,
      query: { personFields: 'names' },
      body: { names: [{ givenName: 'Via delegation' }] },
    });
    const seen = await call(emu, 'GET', `v1/${created.json.resourceName ?? ''}`, {
      token: 'carol@example.com',
      query: { personFields: 'names' },
    });
    expect(seen.status).toBe(200);
  });

  it('token endpoint - a subject address is not itself a bearer token', async () => {
    await accessToken('erin@example.com');
    const answer = await call(emu, 'GET', 'v1/people/me', {
      token: 'erin@example.com',
      query: { personFields: 'names' },
    });
    expect(answer.status).toBe(401);
  });
});
