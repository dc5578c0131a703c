/**
 * AUTH_MODE=service-account through the whole pipeline: GraphQL over HTTP → gateway (subject
 * header → delegated token from the emulator's token endpoint) → googleapis → emulator.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startEmulator, type RequestLog, type RunningEmulator } from 'people-emulator';
import { createLogger } from '../../src/logger.js';
import { startGateway, type RunningGateway } from '../../src/http/server.js';

const CLIENT_EMAIL = 'gateway@people-gateway.iam.gserviceaccount.com';
const HEADER = 'x-delegated-subject';

let emu: RunningEmulator;
let gateway: RunningGateway;
let dir: string;

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

async function gql(query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const ME = '{ person(resourceName: "people/me") { emailAddresses { value } } }';

describe('AUTH_MODE=service-account', () => {
  beforeAll(async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    emu = await startEmulator({
      tokens: ['demo'],
      serviceAccounts: [{ clientEmail: CLIENT_EMAIL, publicKeyPem: publicKey }],
    });
    dir = mkdtempSync(join(tmpdir(), 'sa-gateway-'));
    const keyPath = join(dir, 'key.json');
    writeFileSync(
      keyPath,
      JSON.stringify({
        type: 'service_account',
        private_key: privateKey,
        client_email: CLIENT_EMAIL,
        token_uri: `${emu.url}token`,
      }),
    );
    const config = loadConfig({
      PORT: '0',
      AUTH_MODE: 'service-account',
      PEOPLE_API_URL: emu.url,
      GOOGLE_APPLICATION_CREDENTIALS: keyPath,
      DELEGATION_ALLOWED_DOMAINS: 'example.com',
    });
    const logFile = process.env['GATEWAY_TEST_LOG'];
    gateway = await startGateway(config, {
      rootUrl: emu.url,
      // The run's log file is searched for tokens and keys at the end (test/support/globalSetup).
      logger: logFile
        ? createLogger('debug', pino.destination({ dest: logFile, append: true, sync: true }))
        : createLogger('silent'),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('service-account - configuration names the variable that is missing or wrong', () => {
    expect(() =>
      loadConfig({ AUTH_MODE: 'service-account', DELEGATION_ALLOWED_DOMAINS: 'example.com' }),
    ).toThrow(/needs PEOPLE_API_URL/);
    const base = {
      AUTH_MODE: 'service-account',
      PEOPLE_API_URL: emu.url,
      DELEGATION_ALLOWED_DOMAINS: 'example.com',
    };
    expect(() => loadConfig(base)).toThrow(/GOOGLE_APPLICATION_CREDENTIALS/);
    const missingKey = { ...base, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'absent.json') };
    expect(() => loadConfig(missingKey)).toThrow(/GOOGLE_APPLICATION_CREDENTIALS.*absent\.json/);
    const key = { ...base, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'key.json') };
    expect(() => loadConfig({ ...key, DELEGATION_ALLOWED_DOMAINS: '' })).toThrow(
      /DELEGATION_ALLOWED_DOMAINS/,
    );
    expect(() => loadConfig({ ...key, DELEGATION_ALLOWED_DOMAINS: '*.example.com' })).toThrow(
      /DELEGATION_ALLOWED_DOMAINS/,
    );
    expect(() => loadConfig({ ...key, DELEGATION_SUBJECT_HEADER: 'authorization' })).toThrow(
      /DELEGATION_SUBJECT_HEADER/,
    );
  });

  it('service-account - acts as the user the subject header names', async () => {
    const alice = await gql(ME, { [HEADER]: 'Alice@Example.com' });
    expect(alice.body).toEqual({
      data: { person: { emailAddresses: [{ value: 'alice@example.com' }] } },
    });
    const bob = await gql(ME, { [HEADER]: 'bob@example.com' });
    expect(bob.body.data).toEqual({ person: { emailAddresses: [{ value: 'bob@example.com' }] } });
  });

  it('service-account - the caller’s own bearer token is ignored', async () => {
    const answer = await gql(ME, { [HEADER]: 'alice@example.com', authorization: 'Bearer demo' });
    expect(answer.body.data).toEqual({
      person: { emailAddresses: [{ value: 'alice@example.com' }] },
    });
  });

  it('service-account - one token per user, reused across requests', async () => {
    await fetch(new URL('__emulator/requests', emu.url), { method: 'DELETE' });
    await gql(ME, { [HEADER]: 'carol@example.com' });
    await gql(ME, { [HEADER]: 'carol@example.com' });
    const res = await fetch(new URL('__emulator/requests', emu.url));
    const { requests } = (await res.json()) as RequestLog;
    expect(requests).toHaveLength(2);
    expect(requests[0]?.token).toMatch(/^ya29\./);
    expect(requests[1]?.token).toBe(requests[0]?.token);
  });

  it('service-account - no subject is UNAUTHENTICATED, a foreign domain FORBIDDEN, no upstream call', async () => {
    await fetch(new URL('__emulator/requests', emu.url), { method: 'DELETE' });
    const missing = await gql(ME);
    expect(missing.status).toBe(401);
    expect(missing.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const foreign = await gql(ME, { [HEADER]: 'mallory@evil-example.com' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const res = await fetch(new URL('__emulator/requests', emu.url));
    expect(((await res.json()) as { requests: unknown[] }).requests).toEqual([]);
  });
});
