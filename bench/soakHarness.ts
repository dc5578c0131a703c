/**
 * Soak: many clients over many emulator users chain `updateContact`s through the real gateway
 * while the emulator injects faults of every kind (failures before any change with 503, 500 and
 * 429 in turn, and "apply then 503"), then the emulator's final state is compared with every
 * update the gateway acknowledged.
 *
 * Each client is the only writer of its own contact and keeps one list field (`urls`) growing by
 * one unique marker per update: every update sends the whole list it last saw plus the new marker
 * and the etag of its last answer. That makes every outcome countable:
 *
 * - lost: a marker the gateway acknowledged (`UpdateContactSuccess`) missing from the final state;
 * - doubled: a marker stored more than once, or stored by more than one successful upstream PATCH;
 * - falsely conflicted: an `EtagConflict` (the client is the only writer and always sends the
 *   etag of its latest answer, so the contact cannot have changed under it: the gateway must
 *   recognise its own landed retry);
 * - gave up (allowed): `UPSTREAM_UNAVAILABLE` or `RateLimited` once retries are spent; the client
 *   re-reads its contact to resync its list and etag. Such an update may still have landed (its
 *   answers were all lost): "applied, not acknowledged" is then allowed and counted;
 * - unexpected: anything else (another error, a 5xx from the gateway, an answer whose list is not
 *   what was sent, a stored marker no client ever sent or one whose update was neither
 *   acknowledged nor given up).
 *
 * From the emulator's request log: the most mutations (PATCH/POST) of one user in flight at once,
 * which the per-user queue must keep at 1.
 */
import { startStack, type Stack } from '../test/support/stack.js';
import type { RequestLogEntry } from 'people-emulator';

export interface SoakOptions {
  users: number;
  clientsPerUser: number;
  /** How long clients keep starting updates. */
  durationMs: number;
  /** Each phase injects failures with one status; phases cycle through `failStatuses`. */
  phaseMs: number;
  failStatuses: readonly (429 | 500 | 503)[];
  /** Share of People API requests failed before any change, with the phase's status. */
  failRate: number;
  /** Share of the remaining mutations applied, then answered 503 as if the answer were lost. */
  applyThenFailRate: number;
  latencyMs: number;
  seed: number;
  /** Gateway environment (retry policy, queue bounds). */
  env: Record<string, string>;
  /** Progress lines (phases); silent by default. */
  log?: (line: string) => void;
}

export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
  users: 8,
  clientsPerUser: 4,
  durationMs: 30_000,
  phaseMs: 2_500,
  failStatuses: [503, 500, 429],
  failRate: 0.1,
  applyThenFailRate: 0.1,
  latencyMs: 5,
  seed: 42,
  env: { RETRY_MAX: '3', RETRY_BUDGET_MS: '10000', LOG_LEVEL: 'error' },
};

export interface SoakReport {
  users: number;
  clients: number;
  durationMs: number;
  /** `updateContact` operations sent to the gateway. */
  updates: number;
  acknowledged: number;
  gaveUp: number;
  appliedNotAcknowledged: number;
  lost: number;
  doubled: number;
  falselyConflicted: number;
  unexpected: number;
  /** The most mutations of one emulator user in flight at once (must be 1). */
  maxInFlightPerUser: number;
  /** People API requests the emulator received, and how many of them it failed. */
  upstreamRequests: number;
  upstreamFaults: Record<string, number>;
  /** The first few failures, described, for the person reading a red run. */
  details: string[];
}

/** The counts that must be 0 (and `maxInFlightPerUser` must be 1) for a soak to pass. */
export function soakFailures(report: SoakReport): string[] {
  const failures: string[] = [];
  for (const key of ['lost', 'doubled', 'falselyConflicted', 'unexpected'] as const) {
    if (report[key] !== 0) failures.push(`${key} = ${report[key]}`);
  }
  if (report.maxInFlightPerUser !== 1) {
    failures.push(`maxInFlightPerUser = ${report.maxInFlightPerUser}`);
  }
  if (report.acknowledged === 0) failures.push('no update was acknowledged');
  return failures;
}

const CREATE = `mutation Create($input: CreateContactInput!) {
  createContact(input: $input) {
    __typename
    ... on CreateContactSuccess { person { resourceName etag urls { value } } }
  }
}`;

const UPDATE = `mutation Append($input: UpdateContactInput!) {
  updateContact(input: $input, mask: [URLS]) {
    __typename
    ... on UpdateContactSuccess { person { etag urls { value } } }
    ... on EtagConflict { sentEtag }
    ... on RateLimited { retryAfterSeconds }
    ... on MutationError { message }
  }
}`;

const READ = `query Read($name: ID!) { person(resourceName: $name) { etag urls { value } } }`;

interface Snapshot {
  etag: string;
  urls: { value: string | null }[];
}

interface UpdateAnswer {
  updateContact: { __typename: string; person?: Snapshot; sentEtag?: string; message?: string };
}

interface Client {
  id: string;
  token: string;
  resourceName: string;
  etag: string;
  /** The list as the client last saw it (its last acknowledged update or its last re-read). */
  urls: string[];
  seq: number;
  acknowledged: Set<string>;
  gaveUp: Set<string>;
}

interface Tally {
  updates: number;
  acknowledged: number;
  gaveUp: number;
  falselyConflicted: number;
  unexpected: number;
  details: string[];
}

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

const values = (urls: readonly { value: string | null }[]) => urls.map((u) => u.value ?? '');

function note(tally: Tally, line: string): void {
  if (tally.details.length < 20) tally.details.push(line);
}

async function createClient(stack: Stack, token: string, id: string): Promise<Client> {
  const res = await stack.gql<{
    createContact: { __typename: string; person?: Snapshot & { resourceName: string } };
  }>(CREATE, { input: { names: [{ givenName: 'Soak', familyName: id }] } }, token);
  const person = res.body.data?.createContact.person;
  if (!person) throw new Error(`soak: creating ${id}'s contact failed: ${JSON.stringify(res)}`);
  return {
    id,
    token,
    resourceName: person.resourceName,
    etag: person.etag,
    urls: values(person.urls),
    seq: 0,
    acknowledged: new Set(),
    gaveUp: new Set(),
  };
}

/** Re-reads the client's contact (reads are retried too, so this loops until one gets through). */
async function resync(stack: Stack, client: Client, tally: Tally): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const res = await stack.gql<{ person: Snapshot | null }>(
      READ,
      { name: client.resourceName },
      client.token,
    );
    const person = res.body.data?.person;
    if (person) {
      client.etag = person.etag;
      client.urls = values(person.urls);
      return;
    }
    // Faults that outlast the gateway's retries: a 5xx phase, or a 429 phase (Google's 429s carry
    // no Retry-After, so the retries come quickly and may all land in it).
    const codes = (res.body.errors ?? []).map((e) => e.extensions?.['code']);
    const transient = codes.every((c) => c === 'UPSTREAM_UNAVAILABLE' || c === 'RATE_LIMITED');
    if (res.status >= 500 || !transient || attempt > 20) {
      tally.unexpected += 1;
      note(tally, `${client.id}: re-read answered HTTP ${res.status} ${JSON.stringify(res.body)}`);
      if (attempt > 20) throw new Error(`soak: ${client.id} could not re-read its contact`);
    }
    await sleep(50);
  }
}

/** One chained update: the last seen list plus a new marker, with the last seen etag. */
async function appendOne(stack: Stack, client: Client, tally: Tally): Promise<void> {
  client.seq += 1;
  const marker = `https://soak.example/${client.id}/${client.seq}`;
  const sent = [...client.urls, marker];
  const sentEtag = client.etag;
  tally.updates += 1;
  const res = await stack.gql<UpdateAnswer>(
    UPDATE,
    {
      input: {
        resourceName: client.resourceName,
        etag: sentEtag,
        urls: sent.map((value) => ({ value })),
      },
    },
    client.token,
  );
  const answer = res.body.data?.updateContact;
  if (answer?.__typename === 'UpdateContactSuccess' && answer.person) {
    const got = values(answer.person.urls);
    if (JSON.stringify(got) !== JSON.stringify(sent)) {
      tally.unexpected += 1;
      note(
        tally,
        `${client.id}#${client.seq}: success answered ${got.length} urls, sent ${sent.length}`,
      );
    }
    tally.acknowledged += 1;
    client.acknowledged.add(marker);
    client.etag = answer.person.etag;
    client.urls = sent;
    return;
  }
  const codes = (res.body.errors ?? []).map((e) => e.extensions?.['code']);
  if (
    answer?.__typename === 'RateLimited' ||
    (codes.length > 0 && codes.every((c) => c === 'UPSTREAM_UNAVAILABLE'))
  ) {
    tally.gaveUp += 1;
    client.gaveUp.add(marker);
  } else if (answer?.__typename === 'EtagConflict') {
    tally.falselyConflicted += 1;
    note(tally, `${client.id}#${client.seq}: EtagConflict for its own latest etag ${sentEtag}`);
  } else {
    tally.unexpected += 1;
    note(tally, `${client.id}#${client.seq}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }
  await resync(stack, client, tally);
}

/** The most intervals open at once; one ending exactly when another starts does not overlap. */
export function maxOverlap(intervals: readonly { start: number; end: number }[]): number {
  const events = intervals.flatMap((i) => [
    { at: i.start, delta: 1 },
    { at: i.end, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let max = 0;
  for (const e of events) {
    open += e.delta;
    max = Math.max(max, open);
  }
  return max;
}

const isMutation = (r: RequestLogEntry) => r.method === 'PATCH' || r.method === 'POST';

export function maxInFlightPerUser(requests: readonly RequestLogEntry[]): number {
  const byToken = new Map<string, RequestLogEntry[]>();
  for (const r of requests.filter(isMutation)) {
    const key = r.token ?? '';
    byToken.set(key, [...(byToken.get(key) ?? []), r]);
  }
  return Math.max(0, ...[...byToken.values()].map(maxOverlap));
}

/** Markers of the PATCHes the emulator answered 200, i.e. applied and acknowledged upstream. */
function appliedMarkers(requests: readonly RequestLogEntry[]): Map<string, number> {
  const applied = new Map<string, number>();
  for (const r of requests) {
    if (r.method !== 'PATCH' || r.status !== 200 || !r.path.endsWith(':updateContact')) continue;
    const body = r.body as { urls?: { value?: string }[] } | undefined;
    const last = body?.urls?.at(-1)?.value;
    if (last !== undefined) applied.set(last, (applied.get(last) ?? 0) + 1);
  }
  return applied;
}

/** The values of a contact's list fields as the emulator stores them (its admin state route). */
export type StoredFields = Partial<Record<string, { value?: string }[]>>;

export async function storedFields(
  stack: Stack,
  token: string,
  resourceName: string,
): Promise<StoredFields> {
  const id = resourceName.slice('people/'.length);
  const url = new URL(
    `__emulator/state/${encodeURIComponent(token)}/${encodeURIComponent(id)}`,
    stack.emulator.url,
  );
  const res = await fetch(url);
  if (!res.ok) throw new Error(`soak: no stored contact ${resourceName} (${res.status})`);
  return ((await res.json()) as { fields: StoredFields }).fields;
}

async function storedUrls(stack: Stack, client: Client): Promise<string[]> {
  const fields = await storedFields(stack, client.token, client.resourceName);
  return (fields['urls'] ?? []).map((u) => u.value ?? '');
}

/**
 * Replaces the emulator's fault set every `phaseMs` until `deadline`, cycling through the
 * options' fail statuses; each phase starts only with time left to run requests in it.
 */
export async function runFaultPhases(
  stack: Stack,
  options: SoakOptions,
  started: number,
  deadline: number,
): Promise<void> {
  const log = options.log ?? (() => undefined);
  for (let phase = 0; deadline - Date.now() > 100; phase += 1) {
    const failStatus = options.failStatuses[phase % options.failStatuses.length] ?? 503;
    await stack.faults({
      latencyMs: options.latencyMs,
      failRate: options.failRate,
      failStatus,
      applyThenFailRate: options.applyThenFailRate,
      seed: options.seed + phase,
    });
    log(`phase ${phase + 1}: failStatus ${failStatus} at ${Date.now() - started} ms`);
    await sleep(Math.min(options.phaseMs, Math.max(0, deadline - Date.now())));
  }
}

/** The People API requests answered 429 or 5xx, by method and status. */
export function upstreamFaultCounts(requests: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) {
    if (r.status === 429 || r.status >= 500) {
      const key = `${r.method} ${r.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

export async function runSoak(overrides: Partial<SoakOptions> = {}): Promise<SoakReport> {
  const options = { ...DEFAULT_SOAK_OPTIONS, ...overrides };
  const tokens = Array.from({ length: options.users }, (_, i) => `u${i + 1}`);
  const stack = await startStack({ tokens, env: options.env });
  try {
    const clients = await Promise.all(
      tokens.flatMap((token) =>
        Array.from({ length: options.clientsPerUser }, (_, c) =>
          createClient(stack, token, `${token}-c${c + 1}`),
        ),
      ),
    );
    await stack.clearRequests();
    const tally: Tally = {
      updates: 0,
      acknowledged: 0,
      gaveUp: 0,
      falselyConflicted: 0,
      unexpected: 0,
      details: [],
    };
    const started = Date.now();
    const deadline = started + options.durationMs;

    await Promise.all([
      runFaultPhases(stack, options, started, deadline),
      ...clients.map(async (client) => {
        while (Date.now() < deadline) await appendOne(stack, client, tally);
      }),
    ]);
    const durationMs = Date.now() - started;
    await stack.faults(null);

    const requests = await stack.requests();
    const applied = appliedMarkers(requests);
    let lost = 0;
    let doubled = 0;
    let appliedNotAcknowledged = 0;
    for (const client of clients) {
      const stored = await storedUrls(stack, client);
      const counts = new Map<string, number>();
      for (const value of stored) counts.set(value, (counts.get(value) ?? 0) + 1);
      for (const marker of client.acknowledged) {
        if (!counts.has(marker)) {
          lost += 1;
          note(tally, `${client.id}: acknowledged ${marker} is not stored`);
        }
      }
      for (const [value, count] of counts) {
        const times = Math.max(count, applied.get(value) ?? 0);
        if (times > 1) {
          doubled += times - 1;
          note(tally, `${client.id}: ${value} stored ${count}×, applied ${applied.get(value)}×`);
        }
        if (client.acknowledged.has(value)) continue;
        if (client.gaveUp.has(value)) {
          appliedNotAcknowledged += 1;
        } else {
          tally.unexpected += 1;
          note(tally, `${client.id}: ${value} is stored but was neither acknowledged nor given up`);
        }
      }
      // The gateway, faults removed, must read back what the emulator holds.
      const res = await stack.gql<{ person: Snapshot | null }>(
        READ,
        { name: client.resourceName },
        client.token,
      );
      const read = res.body.data?.person ? values(res.body.data.person.urls) : null;
      if (JSON.stringify(read) !== JSON.stringify(stored)) {
        tally.unexpected += 1;
        note(
          tally,
          `${client.id}: the gateway reads ${read === null ? 'no person' : `${read.length} urls`}, the emulator holds ${stored.length}`,
        );
      }
    }

    return {
      users: options.users,
      clients: clients.length,
      durationMs,
      updates: tally.updates,
      acknowledged: tally.acknowledged,
      gaveUp: tally.gaveUp,
      appliedNotAcknowledged,
      lost,
      doubled,
      falselyConflicted: tally.falselyConflicted,
      unexpected: tally.unexpected,
      maxInFlightPerUser: maxInFlightPerUser(requests),
      upstreamRequests: requests.length,
      upstreamFaults: upstreamFaultCounts(requests),
      details: tally.details,
    };
  } finally {
    await stack.close();
  }
}

/** Upstream faults by method and status, e.g. `PATCH 503: 12, GET 429: 1`. */
export function faultSummary(faults: Record<string, number>): string {
  return Object.entries(faults)
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** Rows of measure, value and expectation as a markdown table. */
export function measureTable(rows: readonly (readonly [string, string, string])[]): string {
  return [
    '| measure | value | expected |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The report as a markdown table. */
export function soakTable(report: SoakReport): string {
  const rows: [string, string, string][] = [
    ['users × clients', `${report.users} × ${report.clients / report.users}`, ''],
    ['duration', `${(report.durationMs / 1000).toFixed(1)} s`, ''],
    ['updates sent', String(report.updates), ''],
    ['acknowledged', String(report.acknowledged), ''],
    ['gave up (UPSTREAM_UNAVAILABLE / RateLimited)', String(report.gaveUp), 'allowed'],
    [
      'applied, not acknowledged (after giving up)',
      String(report.appliedNotAcknowledged),
      'allowed',
    ],
    ['lost', String(report.lost), 'must be 0'],
    ['doubled', String(report.doubled), 'must be 0'],
    ['falsely conflicted', String(report.falselyConflicted), 'must be 0'],
    ['unexpected answers', String(report.unexpected), 'must be 0'],
    ['max in-flight mutations per user', String(report.maxInFlightPerUser), 'must be 1'],
    ['upstream requests', String(report.upstreamRequests), ''],
    ['upstream faults', faultSummary(report.upstreamFaults), ''],
  ];
  return measureTable(rows);
}
