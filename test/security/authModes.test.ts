/**
 * What the gateway retries, and what it tells the caller, when the People API refuses the
 * credentials. AUTH_MODE=service-account: the gateway owns the token, so a refused one is replaced
 * once, and what still fails is the operator's to fix. Bearer mode: the token is the caller's.
 * Through the whole pipeline: GraphQL over HTTP → gateway → the emulator's token endpoint and
 * People API.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  startEmulator,
  type RequestLog,
  type RunningEmulator,
  type TokenRequestLogEntry,
} from 'people-emulator';
import { createLogger } from '../../src/logger.js';
import { startGateway, type RunningGateway } from '../../src/http/server.js';
import { leaksIn } from '../support/globalSetup.js';
import type { GraphQLResult } from '../support/stack.js';

const CLIENT_EMAIL = 'gateway@people-gateway.iam.gserviceaccount.com';
const STRANGER_EMAIL = 'stranger@people-gateway.iam.gserviceaccount.com';
const HEADER = 'x-delegated-subject';
const ME = '{ person(resourceName: "people/me") { emailAddresses { value } } }';
const CREATE = `mutation {
  createContact(input: { names: [{ givenName: "Grace" }] }) {
    __typename
    ... on CreateContactSuccess { person { names { givenName } } }
  }
}`;

const OPERATOR_CHECKS =
  'check the service account’s domain-wide delegation (its client ID and the contacts scope in the Admin console) and that the user exists';
const TOKEN_REFUSED = `The token endpoint refused to act as this user: ${OPERATOR_CHECKS}.`;
const API_REFUSED = `The People API refused a fresh delegated token for this user: ${OPERATOR_CHECKS}.`;
const BEARER_REFUSED = 'The People API refused the credentials: send a valid bearer token.';

function rsaKeyPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const registered = rsaKeyPair();
const stranger = rsaKeyPair();

/** Every log line of every gateway here, to search for credentials. */
const logLines: string[] = [];
/** Every response body, to search for credentials. */
const bodies: string[] = [];
/** Every token the People API saw. */
const tokensSeen = new Set<string>();

const logger = createLogger(
  'debug',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  }),
);

let dir: string;
/** People API and token endpoint. */
let emu: RunningEmulator;
/** Another emulator's token endpoint: its tokens mean nothing to `emu`'s People API. */
let elsewhere: RunningEmulator;
const gateways: RunningGateway[] = [];

function keyFile(name: string, clientEmail: string, privateKey: string, tokenUri: string): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      private_key: privateKey,
      client_email: clientEmail,
      token_uri: tokenUri,
    }),
  );
  return path;
}

async function gateway(env: Record<string, string>): Promise<RunningGateway> {
  // Production: answers carry no stack trace.
  const config = loadConfig({ PORT: '0', NODE_ENV: 'production', PEOPLE_API_URL: emu.url, ...env });
  const running = await startGateway(config, { rootUrl: emu.url, logger });
  gateways.push(running);
  return running;
}

function delegatedGateway(keyPath: string): Promise<RunningGateway> {
  return gateway({
    AUTH_MODE: 'service-account',
    GOOGLE_APPLICATION_CREDENTIALS: keyPath,
    DELEGATION_ALLOWED_DOMAINS: 'example.com',
  });
}

async function gql(
  target: RunningGateway,
  query: string,
  headers: Record<string, string>,
): Promise<GraphQLResult> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: JSON.parse(text) as GraphQLResult['body'] };
}

async function admin<T>(on: RunningEmulator, path: string, method = 'GET'): Promise<T> {
  const res = await fetch(new URL(`__emulator/${path}`, on.url), { method });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** The People API requests `emu` received since the last call, as (status, token) pairs. */
async function peopleRequests(): Promise<{ status: number; token: string | null }[]> {
  const { requests } = await admin<RequestLog>(emu, 'requests');
  await admin(emu, 'requests', 'DELETE');
  for (const { token } of requests) if (token !== null) tokensSeen.add(token);
  return requests.map(({ status, token }) => ({ status, token }));
}

/** The token exchanges `on` answered since the last call. */
async function tokenRequests(on: RunningEmulator = emu): Promise<TokenRequestLogEntry[]> {
  const { requests } = await admin<{ requests: TokenRequestLogEntry[] }>(on, 'token-requests');
  await admin(on, 'token-requests', 'DELETE');
  return requests;
}

/** An UNAUTHENTICATED answer of a read, as the gateway sends it. */
function unauthenticated(message: string) {
  return {
    status: 401,
    body: {
      data: { person: null },
      errors: [
        {
          message,
          locations: [{ line: 1, column: 3 }],
          path: ['person'],
          extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) as unknown },
        },
      ],
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auth-modes-'));
  const account = { clientEmail: CLIENT_EMAIL, publicKeyPem: registered.publicKey };
  emu = await startEmulator({ tokens: ['demo'], serviceAccounts: [account] });
  elsewhere = await startEmulator({ serviceAccounts: [account] });
});

afterAll(async () => {
  for (const running of gateways) await running.close();
  await emu.close();
  await elsewhere.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AUTH_MODE=service-account', () => {
  let delegated: RunningGateway;

  beforeAll(async () => {
    delegated = await delegatedGateway(
      keyFile('key', CLIENT_EMAIL, registered.privateKey, `${emu.url}token`),
    );
  });

  it('service-account - a delegated token revoked mid-life is replaced once and the request succeeds', async () => {
    const alice = { [HEADER]: 'alice@example.com' };
    expect((await gql(delegated, ME, alice)).status).toBe(200);
    const [first] = await peopleRequests();
    await tokenRequests();

    await admin(emu, 'tokens', 'DELETE');
    const answer = await gql(delegated, ME, alice);
    expect(answer).toEqual({
      status: 200,
      body: { data: { person: { emailAddresses: [{ value: 'alice@example.com' }] } } },
    });
    const requests = await peopleRequests();
    expect(requests).toEqual([
      { status: 401, token: first?.token },
      { status: 200, token: expect.stringMatching(/^ya29\./) as unknown },
    ]);
    expect(requests[1]?.token).not.toBe(first?.token);
    expect(await tokenRequests()).toEqual([
      { subject: 'alice@example.com', status: 200, error: null },
    ]);

    // The new token is the cached one: no exchange, and the People API sees it again.
    expect((await gql(delegated, ME, alice)).status).toBe(200);
    expect(await peopleRequests()).toEqual([{ status: 200, token: requests[1]?.token }]);
    expect(await tokenRequests()).toEqual([]);
  });

  it('service-account - a mutation refused with a 401 is sent again with a fresh token and lands once', async () => {
    const bob = { [HEADER]: 'bob@example.com' };
    expect((await gql(delegated, ME, bob)).status).toBe(200);
    await peopleRequests();
    await tokenRequests();

    await admin(emu, 'tokens', 'DELETE');
    expect((await gql(delegated, CREATE, bob)).body).toEqual({
      data: {
        createContact: {
          __typename: 'CreateContactSuccess',
          person: { names: [{ givenName: 'Grace' }] },
        },
      },
    });
    expect((await peopleRequests()).map((r) => r.status)).toEqual([401, 200]);
    expect(await tokenRequests()).toEqual([
      { subject: 'bob@example.com', status: 200, error: null },
    ]);
  });

  it('service-account - a subject the token endpoint refuses is UNAUTHENTICATED with what the operator should check', async () => {
    const refusing = await delegatedGateway(
      keyFile('stranger', STRANGER_EMAIL, stranger.privateKey, `${emu.url}token`),
    );
    await peopleRequests();
    await tokenRequests();

    expect(await gql(refusing, ME, { [HEADER]: 'carol@example.com' })).toEqual({
      status: 401,
      body: {
        errors: [
          {
            message: TOKEN_REFUSED,
            extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) as unknown },
          },
        ],
      },
    });
    expect(await tokenRequests()).toEqual([
      { subject: 'carol@example.com', status: 401, error: 'unauthorized_client' },
    ]);
    expect(await peopleRequests()).toEqual([]);
  });

  it('service-account - a 401 that a fresh token does not cure is retried exactly once, then UNAUTHENTICATED for the operator', async () => {
    const misdirected = await delegatedGateway(
      keyFile('elsewhere', CLIENT_EMAIL, registered.privateKey, `${elsewhere.url}token`),
    );
    await peopleRequests();
    await tokenRequests(elsewhere);

    expect(await gql(misdirected, ME, { [HEADER]: 'dave@example.com' })).toEqual(
      unauthenticated(API_REFUSED),
    );
    const requests = await peopleRequests();
    expect(requests.map((r) => r.status)).toEqual([401, 401]);
    expect(requests[0]?.token).not.toBe(requests[1]?.token);
    const exchange = { subject: 'dave@example.com', status: 200, error: null };
    expect(await tokenRequests(elsewhere)).toEqual([exchange, exchange]);
  });
});

describe('AUTH_MODE=bearer', () => {
  it('bearer - a bearer token the People API refuses is UNAUTHENTICATED asking for a valid one, without a retry', async () => {
    const bearer = await gateway({});
    await peopleRequests();

    expect(await gql(bearer, ME, { authorization: 'Bearer ya29.not-a-real-token' })).toEqual(
      unauthenticated(BEARER_REFUSED),
    );
    expect(await peopleRequests()).toEqual([{ status: 401, token: 'ya29.not-a-real-token' }]);
  });
});

describe('credentials stay out of answers and logs', () => {
  it('no token, key or assertion is in any response body or log line of the tests above', async () => {
    await peopleRequests();
    const keyLines = [registered.privateKey, stranger.privateKey].flatMap((pem) =>
      pem.split('\n').filter((line) => line.length > 40),
    );
    const secrets = [...tokensSeen, ...keyLines];
    expect(tokensSeen.size).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(0);
    expect(bodies.length).toBeGreaterThan(0);
    const text = [...logLines, ...bodies];
    expect(text.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
    // Assertions are JWTs: base64url JSON headers start with "eyJ".
    expect(text.filter((line) => /eyJ[\w-]{10,}\.[\w-]{10,}/.test(line))).toEqual([]);
    expect(leaksIn(logLines.join('\n'))).toEqual([]);
  });
});
