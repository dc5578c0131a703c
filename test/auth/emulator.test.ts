/**
 * The gateway's service account code against the emulator's token endpoint, end to end: a fake
 * key file, a real JWT exchange over HTTP, and the People API through the googleapis client.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { people } from 'googleapis/build/src/apis/people/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTACTS_SCOPE,
  DelegationError,
  createDelegatedTokenSource,
  loadServiceAccountKey,
  type DelegatedTokenSource,
} from '../../src/auth/serviceAccount.js';
import { startEmulator, type RunningEmulator } from 'people-emulator';

const CLIENT_EMAIL = 'gateway@people-gateway.iam.gserviceaccount.com';

let emu: RunningEmulator;
let dir: string;
let keyPath: string;
let source: DelegatedTokenSource;

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo'] });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  dir = mkdtempSync(join(tmpdir(), 'sa-e2e-'));
  keyPath = join(dir, 'key.json');
  writeFileSync(
    keyPath,
    JSON.stringify({
      type: 'service_account',
      project_id: 'people-gateway',
      private_key_id: 'e2e',
      private_key: privateKey,
      client_email: CLIENT_EMAIL,
      token_uri: `${emu.url}token`,
    }),
  );
  // Registered the way `npm run emulator` users do, over the admin route.
  const registered = await fetch(new URL('__emulator/service-accounts', emu.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientEmail: CLIENT_EMAIL, publicKeyPem: publicKey }),
  });
  expect(registered.status).toBe(200);
  source = createDelegatedTokenSource({
    key: loadServiceAccountKey(keyPath),
    scopes: [CONTACTS_SCOPE],
  });
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

function peopleApi() {
  return people({ version: 'v1', rootUrl: emu.url, fetchImplementation: fetch });
}

async function me(token: string) {
  return peopleApi().people.get(
    { resourceName: 'people/me', personFields: 'names,emailAddresses' },
    { headers: { Authorization: `Bearer ${token}` }, retry: false },
  );
}

describe('service account against the emulator', () => {
  it('e2e - a delegated token for alice@example.com reads her profile through googleapis', async () => {
    const token = await source.tokenFor('alice@example.com');
    const response = await me(token);
    expect(response.status).toBe(200);
    expect(response.data.emailAddresses?.map((e) => e.value)).toEqual(['alice@example.com']);
    expect(response.data.names?.[0]?.displayName).toBe('Alice User');
  });

  it('e2e - the token is reused, and writes land in the subject’s own contacts', async () => {
    const token = await source.tokenFor('alice@example.com');
    expect(await source.tokenFor('alice@example.com')).toBe(token);
    const created = await peopleApi().people.createContact(
      { personFields: 'names', requestBody: { names: [{ givenName: 'Grace' }] } },
      { headers: { Authorization: `Bearer ${token}` }, retry: false },
    );
    expect(created.status).toBe(200);
    const bobToken = await source.tokenFor('bob@example.com');
    expect(bobToken).not.toBe(token);
    const bobReads = peopleApi().people.get(
      { resourceName: created.data.resourceName ?? '', personFields: 'names' },
      { headers: { Authorization: `Bearer ${bobToken}` }, retry: false },
    );
    await expect(bobReads).rejects.toMatchObject({ status: 404 });
  });

  it('e2e - a key the emulator does not know is refused as unauthorized_client', async () => {
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const strangerPath = join(dir, 'stranger.json');
    writeFileSync(
      strangerPath,
      JSON.stringify({
        type: 'service_account',
        private_key: other.privateKey,
        client_email: 'stranger@people-gateway.iam.gserviceaccount.com',
        token_uri: `${emu.url}token`,
      }),
    );
    const stranger = createDelegatedTokenSource({
      key: loadServiceAccountKey(strangerPath),
      scopes: [CONTACTS_SCOPE],
    });
    const error: unknown = await stranger.tokenFor('alice@example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DelegationError);
    expect(error).toMatchObject({
      reason: 'refused',
      oauthError: 'unauthorized_client',
      status: 401,
    });
  });

  it('e2e - without the contacts scope the emulator refuses delegation', async () => {
    const readonly = createDelegatedTokenSource({
      key: loadServiceAccountKey(keyPath),
      scopes: ['https://www.googleapis.com/auth/contacts.readonly'],
    });
    await expect(readonly.tokenFor('alice@example.com')).rejects.toMatchObject({
      reason: 'refused',
      oauthError: 'unauthorized_client',
    });
  });

  it('e2e - a token endpoint that is down is unavailable, not refused', async () => {
    const down = await startEmulator();
    const url = `${down.url}token`;
    await down.close();
    const key = { ...loadServiceAccountKey(keyPath), tokenUri: url };
    const unreachable = createDelegatedTokenSource({ key, scopes: [CONTACTS_SCOPE] });
    await expect(unreachable.tokenFor('alice@example.com')).rejects.toMatchObject({
      reason: 'unavailable',
      message: 'Token endpoint: the request failed.',
    });
  });
});
