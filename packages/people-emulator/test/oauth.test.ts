/**
 * The emulator's OAuth token endpoint (JWT bearer grant of service accounts with domain-wide
 * delegation). JWTs are built here by hand, not with the gateway's signer: the emulator is
 * tested against Google's documented format, not against the code it stands in front of.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACTS_SCOPE, startEmulator, type RunningEmulator } from '../src/index.js';
import { call, type Person } from './helpers.js';

const CLIENT_EMAIL = 'gateway@project.iam.gserviceaccount.com';
const LATE_EMAIL = 'late@project.iam.gserviceaccount.com';

function rsaPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const account = rsaPair();
const stranger = rsaPair();

let emu: RunningEmulator;
let tokenUrl: string;

beforeAll(async () => {
  emu = await startEmulator({
    tokens: ['demo', 'carol@example.com'],
    serviceAccounts: [{ clientEmail: CLIENT_EMAIL, publicKeyPem: account.publicKey }],
  });
  tokenUrl = `${emu.url}token`;
});
afterAll(async () => {
  await emu.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(
  claims: Record<string, unknown>,
  privateKey = account.privateKey,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: CLIENT_EMAIL,
    sub: 'alice@example.com',
    scope: CONTACTS_SCOPE,
    aud: tokenUrl,
    iat,
    exp: iat + 3600,
    ...overrides,
  };
}

interface TokenAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

async function exchange(form: Record<string, string>): Promise<TokenAnswer> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

function grant(assertion: string): Promise<TokenAnswer> {
  return exchange({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
}

async function accessToken(subject: string): Promise<string> {
  const answer = await grant(jwt(claims({ sub: subject })));
  expect(answer.status).toBe(200);
  const token = answer.json['access_token'];
  if (typeof token !== 'string') throw new Error('no access_token');
  return token;
}

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

  it('token endpoint - refusals answer like Google’s token endpoint', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string, number, string, string][] = [
      [
        'bad signature',
        jwt(claims(), stranger.privateKey),
        400,
        'invalid_grant',
        'Invalid JWT Signature.',
      ],
      [
        'unknown issuer',
        jwt(claims({ iss: 'nobody@project.iam.gserviceaccount.com' })),
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      ],
      [
        'wrong audience',
        jwt(claims({ aud: 'https://oauth2.googleapis.com/token' })),
        400,
        'invalid_grant',
        'Invalid JWT: Failed audience check.',
      ],
      [
        'expired',
        jwt(claims({ iat: now - 7200, exp: now - 3600 })),
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      ],
      [
        'longer than an hour',
        jwt(claims({ iat: now, exp: now + 7200 })),
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      ],
      [
        'issued in the future',
        jwt(claims({ iat: now + 600, exp: now + 1200 })),
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      ],
      [
        'no exp',
        jwt(claims({ exp: undefined })),
        400,
        'invalid_grant',
        'Invalid JWT: exp (expiration time) is not set.',
      ],
      [
        'no scope',
        jwt(claims({ scope: undefined })),
        400,
        'invalid_scope',
        'Invalid OAuth scope or ID token audience provided.',
      ],
      [
        'no contacts scope',
        jwt(claims({ scope: 'https://www.googleapis.com/auth/contacts.readonly' })),
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      ],
      ['no sub', jwt(claims({ sub: undefined })), 400, 'invalid_grant', 'Invalid email or User ID'],
      [
        'sub not an email',
        jwt(claims({ sub: 'alice' })),
        400,
        'invalid_grant',
        'Invalid email or User ID',
      ],
      [
        'alg none',
        `${b64({ alg: 'none' })}.${b64(claims())}.`,
        400,
        'invalid_grant',
        'Invalid JWT: the assertion is not a signed JWT.',
      ],
      [
        'HS256 header over an RS256 signature',
        jwt(claims(), account.privateKey, { alg: 'HS256', typ: 'JWT' }),
        400,
        'invalid_grant',
        'Invalid JWT Signature.',
      ],
      [
        'not a JWT',
        'not-a-jwt',
        400,
        'invalid_grant',
        'Invalid JWT: the assertion is not a signed JWT.',
      ],
    ];
    for (const [name, assertion, status, error, description] of cases) {
      const answer = await grant(assertion);
      expect({ name, status: answer.status, json: answer.json }).toEqual({
        name,
        status,
        json: { error, error_description: description },
      });
    }
  });

  it('token endpoint - wrong grant types and missing assertions are refused', async () => {
    expect(await exchange({ grant_type: 'client_credentials' })).toMatchObject({
      status: 400,
      json: { error: 'unsupported_grant_type' },
    });
    expect(
      await exchange({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }),
    ).toMatchObject({
      status: 400,
      json: {
        error: 'invalid_request',
        error_description: 'Missing required parameter: assertion',
      },
    });
    const get = await fetch(tokenUrl);
    expect(get.status).toBe(405);
  });

  it('token endpoint - a token the emulator never issued is 401 on the People API', async () => {
    const answer = await call(emu, 'GET', 'v1/people/me', {
      token: 'ya29.never-issued',
      query: { personFields: 'names' },
    });
    expect(answer.status).toBe(401);
  });

  it('token endpoint - token exchanges are not People API requests: not logged', async () => {
    await call(emu, 'DELETE', '__emulator/requests', { token: null });
    const token = await accessToken('frank@example.com');
    await grant(jwt(claims(), stranger.privateKey));
    await call(emu, 'GET', 'v1/people/me', { token, query: { personFields: 'names' } });
    const log = await call<{ requests: { path: string; token: string | null }[] }>(
      emu,
      'GET',
      '__emulator/requests',
      { token: null },
    );
    expect(log.json.requests.map((r) => r.path)).toEqual(['/v1/people/me']);
  });

  it('token endpoint - is never faulted', async () => {
    const faults = await call(emu, 'PUT', '__emulator/faults', {
      token: null,
      body: { failRate: 1, failStatus: 503 },
    });
    expect(faults.status).toBe(200);
    try {
      expect((await grant(jwt(claims()))).status).toBe(200);
    } finally {
      await call(emu, 'DELETE', '__emulator/faults', { token: null });
    }
  });
});

describe('service account registration', () => {
  it('service accounts - can be registered at run time through the admin route', async () => {
    const late = rsaPair();
    const assertion = jwt(claims({ iss: LATE_EMAIL }), late.privateKey);
    expect((await grant(assertion)).status).toBe(401);
    const registered = await call(emu, 'POST', '__emulator/service-accounts', {
      token: null,
      body: { clientEmail: LATE_EMAIL, publicKeyPem: late.publicKey },
    });
    expect(registered).toMatchObject({ status: 200, json: { clientEmail: LATE_EMAIL } });
    expect((await grant(assertion)).status).toBe(200);
  });

  it('service accounts - a bad registration is a 400 that says what is wrong', async () => {
    const notPem = await call<{ error: { message: string } }>(
      emu,
      'POST',
      '__emulator/service-accounts',
      { token: null, body: { clientEmail: LATE_EMAIL, publicKeyPem: 'nope' } },
    );
    expect(notPem.status).toBe(400);
    expect(notPem.json.error.message).toBe('"publicKeyPem" is not an RSA public key in PEM.');
    const noEmail = await call<{ error: { message: string } }>(
      emu,
      'POST',
      '__emulator/service-accounts',
      { token: null, body: { publicKeyPem: account.publicKey } },
    );
    expect(noEmail.status).toBe(400);
    expect(noEmail.json.error.message).toContain('clientEmail');
  });

  it('service accounts - startEmulator refuses a key that is not an RSA public key', async () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    await expect(
      startEmulator({ serviceAccounts: [{ clientEmail: LATE_EMAIL, publicKeyPem: ec.publicKey }] }),
    ).rejects.toThrow('"publicKeyPem" is not an RSA public key in PEM.');
  });
});
