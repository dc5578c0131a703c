/**
 * Two gateway replicas on one Redis, in front of one emulator: one user's mutations reach the
 * People API one at a time whichever replica takes them, a replica killed while it holds the
 * user's lock blocks that user no longer than the lease, a persisted query registered on one
 * replica is found by hash on the other, and a write through one replica makes the other warm
 * Google's search cache up before its next search.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  DEMO_CONTACTS,
  startEmulator,
  type RunningEmulator,
  type RequestLogEntry,
} from 'people-emulator';
import { createLogger } from '../../src/logger.js';
import { startGateway } from '../../src/http/server.js';
import { hasRedisServer, startRedisServer, type RunningRedis } from './redisServer.js';
import { startReplica, type Replica } from './replicaServer.js';

const LEASE_MS = 1_000;

const UPDATE = `mutation($input: UpdateContactInput!) { updateContact(input: $input, mask: [NAMES]) {
  __typename
  ... on UpdateContactSuccess { person { names { givenName } } }
} }`;
const READ = `query($n: ID!) { person(resourceName: $n) { etag } }`;
const CONTACTS = [
  DEMO_CONTACTS.ada,
  DEMO_CONTACTS.linkedProfile,
  DEMO_CONTACTS.linkedProfile2,
  DEMO_CONTACTS.nonAscii,
  DEMO_CONTACTS.minimal,
  DEMO_CONTACTS.withPhoto,
];

let redis: RunningRedis;
let emulator: RunningEmulator;
let a: Replica;
let b: Replica;
/** A third replica in a process of its own, to be killed; it starts while the other tests run. */
let doomed: Promise<{ process: ChildProcess; url: string }>;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}

async function post(url: string, body: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function etagOf(url: string, name: string): Promise<string> {
  const res = await post(url, { query: READ, variables: { n: name } });
  const person = res.body.data?.['person'] as { etag: string } | null | undefined;
  if (!person) throw new Error(`no person ${name}`);
  return person.etag;
}

async function update(url: string, name: string, etag: string, givenName: string) {
  const res = await post(url, {
    query: UPDATE,
    variables: { input: { resourceName: name, etag, names: [{ givenName }] } },
  });
  return (res.body.data?.['updateContact'] as { __typename: string } | undefined)?.__typename;
}

/** A search for "found" through `url`; answers the queries the emulator received for it. */
async function search(url: string): Promise<unknown[]> {
  const before = (await searchRequests()).length;
  const res = await post(url, { query: '{ searchContacts(query: "found") { resourceName } }' });
  expect(res.body.errors).toBeUndefined();
  return (await searchRequests()).slice(before).map((r) => r.query['query']);
}

async function searchRequests(): Promise<RequestLogEntry[]> {
  const { requests } = (await (await emulatorAdmin('requests')).json()) as {
    requests: RequestLogEntry[];
  };
  return requests.filter((r) => r.path === '/v1/people:searchContacts');
}

async function emulatorAdmin(path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(new URL(`__emulator/${path}`, emulator.url), {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${String(res.status)}`);
  return res;
}

const latency = (latencyMs: number) =>
  emulatorAdmin('faults', { method: 'PUT', body: JSON.stringify({ latencyMs }) });

async function patches(): Promise<RequestLogEntry[]> {
  const { requests } = (await (await emulatorAdmin('requests')).json()) as {
    requests: RequestLogEntry[];
  };
  return requests.filter((r) => r.method === 'PATCH');
}

/** Pairs of PATCHes whose [start, end] intervals overlap. */
function overlapping(requests: RequestLogEntry[]): [number, number][] {
  const sorted = [...requests].sort((x, y) => x.start - y.start);
  const pairs: [number, number][] = [];
  sorted.forEach((r, i) => {
    const next = sorted[i + 1];
    if (next && next.start < r.end) pairs.push([i, i + 1]);
  });
  return pairs;
}

/** Twelve concurrent updates of one user, alternating between two gateways. */
async function burst(urls: [string, string]): Promise<(string | undefined)[]> {
  const etags = await Promise.all(CONTACTS.map((name) => etagOf(urls[0], name)));
  await emulatorAdmin('requests', { method: 'DELETE' });
  await latency(30);
  try {
    return await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        update(urls[i % 2 === 0 ? 0 : 1], CONTACTS[i % 6] ?? '', etags[i % 6] ?? '', `N${i}`),
      ),
    );
  } finally {
    await latency(0);
  }
}

describe.runIf(hasRedisServer)('two replicas on one Redis', () => {
  beforeAll(async () => {
    [redis, emulator] = await Promise.all([startRedisServer(), startEmulator({ port: 0 })]);
    doomed = spawnReplica();
    // Awaited by the test that needs it; a failed start fails that test, not an unhandled rejection.
    doomed.catch(() => undefined);
    const options = { redisUrl: redis.url, rootUrl: emulator.url, leaseMs: LEASE_MS };
    [a, b] = await Promise.all([startReplica(options), startReplica(options)]);
  });
  afterAll(async () => {
    await doomed.then((child) => child.process.kill('SIGKILL')).catch(() => undefined);
    await Promise.all([a.close(), b.close()]);
    await emulator.close();
    await redis.stop();
  });

  it('send one user’s concurrent mutations to the People API one at a time', async () => {
    const answers = await burst([a.gateway.url, b.gateway.url]);

    // One update per contact lands first; the second, with the same etag, conflicts.
    expect(answers.filter((t) => t === 'UpdateContactSuccess')).toHaveLength(6);
    expect(answers.filter((t) => t === 'EtagConflict')).toHaveLength(6);
    const sent = await patches();
    expect(sent).toHaveLength(12);
    expect(sent.every((r) => r.end >= r.start + 30)).toBe(true);
    expect(overlapping(sent)).toEqual([]);
  });

  it('(control) overlap when each replica keeps its own in-memory queue', async () => {
    const config = loadConfig({ PORT: '0' });
    const options = { rootUrl: emulator.url, logger: createLogger('silent') };
    const [x, y] = await Promise.all([
      startGateway(config, options),
      startGateway(config, options),
    ]);
    try {
      await burst([x.url, y.url]);
      expect(overlapping(await patches()).length).toBeGreaterThan(0);
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });

  it('share automatic persisted queries: registered on one, found by hash on the other', async () => {
    const query = `query Shared($n: ID!) { person(resourceName: $n) { resourceName } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const variables = { n: DEMO_CONTACTS.ada };

    const unknown = await post(b.gateway.url, { extensions, variables });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(a.gateway.url, { query, extensions, variables });
    expect(registered.body).toEqual({ data: { person: { resourceName: DEMO_CONTACTS.ada } } });
    const byHash = await post(b.gateway.url, { extensions, variables });
    expect(byHash.body).toEqual({ data: { person: { resourceName: DEMO_CONTACTS.ada } } });
  });

  it('share search stamps: a write through one replica brings the warm-up back on the other', async () => {
    await search(a.gateway.url);
    await search(b.gateway.url);
    await emulatorAdmin('requests', { method: 'DELETE' });
    const etag = await etagOf(a.gateway.url, DEMO_CONTACTS.emailOnly);
    expect(await update(a.gateway.url, DEMO_CONTACTS.emailOnly, etag, 'Found')).toBe(
      'UpdateContactSuccess',
    );
    await emulatorAdmin('requests', { method: 'DELETE' });
    expect(await search(b.gateway.url)).toEqual(['', 'found']);
    expect(await search(b.gateway.url)).toEqual(['found']);
  });

  it('(control) no warm-up on the other replica when each keeps its own search stamps', async () => {
    const config = loadConfig({ PORT: '0' });
    const options = { rootUrl: emulator.url, logger: createLogger('silent') };
    const [x, y] = await Promise.all([
      startGateway(config, options),
      startGateway(config, options),
    ]);
    try {
      await search(y.url);
      const etag = await etagOf(x.url, DEMO_CONTACTS.emailOnly);
      await update(x.url, DEMO_CONTACTS.emailOnly, etag, 'Again');
      await emulatorAdmin('requests', { method: 'DELETE' });
      expect(await search(y.url)).toEqual(['found']);
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });

  it('a replica killed while it holds a user’s lock blocks that user no more than the lease', async () => {
    const child = await doomed;
    const [held, next] = [DEMO_CONTACTS.ada, DEMO_CONTACTS.minimal];
    const [heldEtag, nextEtag] = await Promise.all([
      etagOf(b.gateway.url, held),
      etagOf(b.gateway.url, next),
    ]);
    await emulatorAdmin('requests', { method: 'DELETE' });
    // The doomed replica's PATCH stays at the emulator for 5 s: long past the lease.
    await latency(5_000);
    void update(child.url, held, heldEtag, 'Dying').catch(() => undefined);
    await until(
      async () => (await patches()).some((r) => r.end === 0),
      'the doomed replica’s PATCH',
    );
    await latency(0);
    child.process.kill('SIGKILL');
    const killed = Date.now();

    expect(await update(b.gateway.url, next, nextEtag, 'After')).toBe('UpdateContactSuccess');
    const waited = Date.now() - killed;
    // The lock was taken at most a moment before the kill, and is renewed every lease/3.
    expect(waited).toBeGreaterThanOrEqual(LEASE_MS / 2);
    expect(waited).toBeLessThan(LEASE_MS + 700);
    // Replica B went ahead on the lease's expiry, not on the end of the dead one's request.
    const [dying, after] = await patches();
    expect(dying?.end).toBe(0);
    expect(after?.status).toBe(200);
  });
});

async function until(check: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A replica as a process of its own, so that it can die without releasing anything. */
function spawnReplica(): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/redis/replica.ts'], {
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      PEOPLE_API_URL: emulator.url,
      LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica process not listening in 10 s:\n${output}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /^listening (\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica process exited (${String(code)}):\n${output}`));
    });
  });
}
