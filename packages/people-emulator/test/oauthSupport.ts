/**
 * Shared by the token endpoint's tests: a service account's keys, JWTs built here by hand (not
 * with the gateway's signer: the emulator is tested against Google's documented format, not
 * against the code it stands in front of) and the exchange at `POST /token`.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { CONTACTS_SCOPE, startEmulator, type RunningEmulator } from '../src/index.js';

export const CLIENT_EMAIL = 'gateway@project.iam.gserviceaccount.com';
export const LATE_EMAIL = 'late@project.iam.gserviceaccount.com';

export function rsaPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export const account = rsaPair();
export const stranger = rsaPair();

/** The calling test file's emulator (live bindings, set by `useTokenEndpoint`). */
export let emu: RunningEmulator;
export let tokenUrl: string;

/** Starts an emulator that knows the service account for the calling test file. */
export function useTokenEndpoint(): void {
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
}

export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function jwt(
  claims: Record<string, unknown>,
  privateKey = account.privateKey,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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

export interface TokenAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

export async function exchange(form: Record<string, string>): Promise<TokenAnswer> {
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

export function grant(assertion: string): Promise<TokenAnswer> {
  return exchange({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
}

export async function accessToken(subject: string): Promise<string> {
  const answer = await grant(jwt(claims({ sub: subject })));
  expect(answer.status).toBe(200);
  const token = answer.json['access_token'];
  if (typeof token !== 'string') throw new Error('no access_token');
  return token;
}
