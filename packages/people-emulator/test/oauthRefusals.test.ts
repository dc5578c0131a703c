/** The emulator's OAuth token endpoint: refusals in Google's shape, and what it never does. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { call } from './helpers.js';
import {
  LATE_EMAIL,
  accessToken,
  account,
  b64,
  claims,
  emu,
  exchange,
  grant,
  jwt,
  rsaPair,
  stranger,
  tokenUrl,
  useTokenEndpoint,
} from './oauthSupport.js';

useTokenEndpoint();

describe('token endpoint refusals', () => {
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
