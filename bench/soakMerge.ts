/**
 * Merge soak: several writers share one contact per emulator user and update it with `previous`
 * on every update, through the real gateway, while the emulator injects the same faults as the
 * chain soak (bench/soakHarness.ts). Each writer owns one list field (its own edits never meet
 * anyone else's), and now and then edits a field all writers share (real conflicts happen there).
 * Every update sends the field's list as the writer last saw it plus one unique marker, with the
 * etag of the writer's last answer, so an etag is stale whenever another writer saved since:
 *
 * - merged: acknowledged with `mergedOnto` (a stale etag whose field nobody else had changed);
 * - real conflicts (allowed): `EtagConflict` on the shared field naming exactly that field;
 * - falsely conflicted: any other `EtagConflict` (a writer's own field never changes under it);
 * - overwritten unseen values: a marker the emulator stored (a PATCH it answered 200) missing
 *   from the final state: some write replaced a list it had not seen. Each write adds one marker
 *   to the list it saw, so a write that saw the whole list never removes one;
 * - lost: an acknowledged marker missing from the final state (not already counted overwritten);
 * - doubled: a marker stored twice, or applied by more than one PATCH answered 200;
 * - gave up (allowed): `UPSTREAM_UNAVAILABLE` or `RateLimited`; the writer re-reads the contact.
 */
import type { RequestLogEntry } from 'people-emulator';
import { startStack, type Stack } from '../test/support/stack.js';
import {
  DEFAULT_SOAK_OPTIONS,
  faultSummary,
  maxInFlightPerUser,
  measureTable,
  runFaultPhases,
  sleep,
  storedFields,
  upstreamFaultCounts,
  type SoakOptions,
} from './soakHarness.js';

/** The writers' own fields, one each, and the field they all edit now and then. */
const OWN_FIELDS = ['urls', 'emailAddresses', 'nicknames', 'interests'] as const;
const SHARED_FIELD = 'occupations';
type Field = (typeof OWN_FIELDS)[number] | typeof SHARED_FIELD;
const FIELDS: readonly Field[] = [...OWN_FIELDS, SHARED_FIELD];
const ENUM: Record<Field, string> = {
  urls: 'URLS',
  emailAddresses: 'EMAIL_ADDRESSES',
  nicknames: 'NICKNAMES',
  interests: 'INTERESTS',
  occupations: 'OCCUPATIONS',
};

export interface MergeSoakOptions extends SoakOptions {
  /** Share of updates that edit the shared field instead of the writer's own. */
  sharedShare: number;
}

export const DEFAULT_MERGE_SOAK_OPTIONS: MergeSoakOptions = {
  ...DEFAULT_SOAK_OPTIONS,
  clientsPerUser: OWN_FIELDS.length,
  sharedShare: 0.2,
};

export interface MergeSoakReport {
  users: number;
  writers: number;
  durationMs: number;
  updates: number;
  acknowledged: number;
  merged: number;
  realConflicts: number;
  gaveUp: number;
  appliedNotAcknowledged: number;
  lost: number;
  doubled: number;
  overwrittenUnseen: number;
  falselyConflicted: number;
  unexpected: number;
  maxInFlightPerUser: number;
  upstreamRequests: number;
  upstreamFaults: Record<string, number>;
  details: string[];
}

const VIEW = FIELDS.map((f) => `${f} { value }`).join(' ');
const UPDATE = `mutation Edit($input: UpdateContactInput!, $mask: [UpdatablePersonField!]!) {
  updateContact(input: $input, mask: $mask) {
    __typename
    ... on UpdateContactSuccess { mergedOnto person { etag ${VIEW} } }
    ... on EtagConflict { conflictingFields }
    ... on MutationError { message }
  }
}`;
const READ = `query Read($name: ID!) { person(resourceName: $name) { etag ${VIEW} } }`;
const CREATE = `mutation Create($input: CreateContactInput!) {
  createContact(input: $input) { ... on CreateContactSuccess { person { resourceName } } }
}`;

type Snapshot = { etag: string } & Partial<Record<Field, { value: string | null }[]>>;

interface Writer {
  id: string;
  token: string;
  resourceName: string;
  own: Field;
  /** Share of this writer's updates that edit the shared field. */
  sharedShare: number;
  etag: string;
  /** Every field's list as this writer last saw it. */
  view: Record<Field, string[]>;
  seq: number;
  random: () => number;
}

interface Tally {
  updates: number;
  acknowledged: number;
  merged: number;
  realConflicts: number;
  falselyConflicted: number;
  unexpected: number;
  acknowledgedMarkers: Set<string>;
  gaveUpMarkers: Set<string>;
  details: string[];
}

function note(tally: Tally, line: string): void {
  if (tally.details.length < 20) tally.details.push(line);
}

/** A small seeded generator (mulberry32), one per writer: the same run for the same seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function viewOf(person: Snapshot): Record<Field, string[]> {
  return Object.fromEntries(
    FIELDS.map((f) => [f, (person[f] ?? []).map((v) => v.value ?? '')]),
  ) as Record<Field, string[]>;
}

/** Whether `value` is a marker made for `field` (no value moves to another field). */
function marks(field: Field, value: string): boolean {
  if (field === 'urls') return value.startsWith('https://soak.example/');
  if (field === 'emailAddresses') return value.endsWith('@soak.example');
  return value.startsWith(`${field}-`);
}

/** A marker shaped like a value of `field` (an email address for emailAddresses, …). */
function marker(field: Field, writer: Writer): string {
  const id = `${writer.id}-${writer.seq}`;
  if (field === 'urls') return `https://soak.example/${id}`;
  if (field === 'emailAddresses') return `${id}@soak.example`;
  return `${field}-${id}`;
}

/** Re-reads the contact until a read gets through the faults. */
async function resync(stack: Stack, writer: Writer, tally: Tally): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const res = await stack.gql<{ person: Snapshot | null }>(
      READ,
      { name: writer.resourceName },
      writer.token,
    );
    const person = res.body.data?.person;
    if (person) {
      writer.etag = person.etag;
      writer.view = viewOf(person);
      return;
    }
    const codes = (res.body.errors ?? []).map((e) => e.extensions?.['code']);
    if (
      res.status >= 500 ||
      !codes.every((c) => c === 'UPSTREAM_UNAVAILABLE' || c === 'RATE_LIMITED')
    ) {
      tally.unexpected += 1;
      note(tally, `${writer.id}: re-read answered HTTP ${res.status} ${JSON.stringify(res.body)}`);
    }
    await sleep(50);
  }
  throw new Error(`soak: ${writer.id} could not re-read its contact`);
}

interface EditAnswer {
  __typename: string;
  mergedOnto?: string | null;
  person?: Snapshot;
  conflictingFields?: string[] | null;
}

/** One update of one field: the list last seen plus a marker, with `previous` and the last etag. */
async function editOnce(stack: Stack, writer: Writer, tally: Tally): Promise<void> {
  const field =
    writer.random() < DEFAULT_MERGE_SOAK_OPTIONS.sharedShare ? SHARED_FIELD : writer.own;
  writer.seq += 1;
  const added = marker(field, writer);
  const sent = [...writer.view[field], added];
  const values = (list: string[]) => list.map((value) => ({ value }));
  tally.updates += 1;
  const res = await stack.gql<{ updateContact: EditAnswer }>(
    UPDATE,
    {
      input: {
        resourceName: writer.resourceName,
        etag: writer.etag,
        [field]: values(sent),
        previous: { [field]: values(writer.view[field]) },
      },
      mask: [ENUM[field]],
    },
    writer.token,
  );
  const answer = res.body.data?.updateContact;
  if (answer?.__typename === 'UpdateContactSuccess' && answer.person) {
    const got = viewOf(answer.person)[field];
    if (JSON.stringify(got) !== JSON.stringify(sent)) {
      tally.unexpected += 1;
      note(tally, `${writer.id}#${writer.seq}: ${field} answered ${JSON.stringify(got)}`);
    }
    tally.acknowledged += 1;
    if (answer.mergedOnto) tally.merged += 1;
    tally.acknowledgedMarkers.add(added);
    writer.etag = answer.person.etag;
    writer.view = viewOf(answer.person);
    return;
  }
  settleFailure(writer, tally, field, added, answer, res.body.errors);
  await resync(stack, writer, tally);
}

/** What a failed update counts as; the writer re-reads the contact afterwards. */
function settleFailure(
  writer: Writer,
  tally: Tally,
  field: Field,
  added: string,
  answer: EditAnswer | undefined,
  errors: { extensions?: Record<string, unknown> }[] | undefined,
): void {
  const codes = (errors ?? []).map((e) => e.extensions?.['code']);
  if (
    answer?.__typename === 'RateLimited' ||
    (codes.length > 0 && codes.every((c) => c === 'UPSTREAM_UNAVAILABLE'))
  ) {
    tally.gaveUpMarkers.add(added);
  } else if (answer?.__typename === 'EtagConflict') {
    const real =
      field === SHARED_FIELD &&
      JSON.stringify(answer.conflictingFields) === JSON.stringify([ENUM[field]]);
    if (real) {
      tally.realConflicts += 1;
    } else {
      tally.falselyConflicted += 1;
      note(
        tally,
        `${writer.id}#${writer.seq}: EtagConflict on ${field}, conflictingFields ${JSON.stringify(answer.conflictingFields)}`,
      );
    }
  } else {
    tally.unexpected += 1;
    note(tally, `${writer.id}#${writer.seq}: ${JSON.stringify(answer ?? errors)}`);
  }
}

/** Markers per field carried by the PATCHes the emulator answered 200 (applied and answered). */
function appliedMarkers(requests: readonly RequestLogEntry[]): Map<string, number> {
  const applied = new Map<string, number>();
  for (const r of requests) {
    if (r.method !== 'PATCH' || r.status !== 200 || !r.path.endsWith(':updateContact')) continue;
    const body = r.body as Partial<Record<Field, { value?: string }[]>> | undefined;
    for (const field of FIELDS) {
      const last = body?.[field]?.at(-1)?.value;
      if (last !== undefined) applied.set(last, (applied.get(last) ?? 0) + 1);
    }
  }
  return applied;
}

interface StateCounts {
  lost: number;
  doubled: number;
  overwrittenUnseen: number;
  appliedNotAcknowledged: number;
  unexpected: number;
}

/** Compares one contact's final state with what was applied and acknowledged. */
async function checkContact(
  stack: Stack,
  writers: readonly Writer[],
  tally: Tally,
  applied: ReadonlyMap<string, number>,
  counts: StateCounts,
): Promise<void> {
  const first = writers[0];
  if (!first) return;
  const stored = await storedFields(stack, first.token, first.resourceName);
  const ours = (value: string) => writers.some((w) => value.includes(`${w.id}-`));
  const held = new Map<string, number>();
  for (const field of FIELDS) {
    for (const { value = '' } of stored[field] ?? []) {
      held.set(value, (held.get(value) ?? 0) + 1);
      if (!marks(field, value)) {
        counts.unexpected += 1;
        note(tally, `${first.resourceName}: ${value} is stored in ${field}`);
      }
    }
  }
  for (const [value, times] of applied) {
    if (!ours(value) || held.has(value)) continue;
    counts.overwrittenUnseen += 1;
    note(tally, `${first.resourceName}: ${value} was stored (${times}× answered 200) and is gone`);
  }
  for (const value of tally.acknowledgedMarkers) {
    if (!ours(value) || held.has(value) || applied.has(value)) continue;
    counts.lost += 1;
    note(tally, `${first.resourceName}: acknowledged ${value} is not stored`);
  }
  for (const [value, count] of held) {
    const times = Math.max(count, applied.get(value) ?? 0);
    if (times > 1) {
      counts.doubled += times - 1;
      note(
        tally,
        `${first.resourceName}: ${value} stored ${count}×, applied ${applied.get(value)}×`,
      );
    }
    if (tally.acknowledgedMarkers.has(value)) continue;
    if (tally.gaveUpMarkers.has(value)) counts.appliedNotAcknowledged += 1;
    else {
      counts.unexpected += 1;
      note(
        tally,
        `${first.resourceName}: ${value} is stored but was neither acknowledged nor given up`,
      );
    }
  }
}

async function startWriters(
  stack: Stack,
  token: string,
  options: MergeSoakOptions,
  seed: number,
): Promise<Writer[]> {
  const count = Math.min(options.clientsPerUser, OWN_FIELDS.length);
  const res = await stack.gql<{ createContact: { person?: { resourceName: string } } }>(
    CREATE,
    { input: { names: [{ givenName: 'Merge soak', familyName: token }] } },
    token,
  );
  const resourceName = res.body.data?.createContact.person?.resourceName;
  if (!resourceName) throw new Error(`soak: creating ${token}'s contact failed`);
  const empty = Object.fromEntries(FIELDS.map((f) => [f, []])) as unknown as Record<
    Field,
    string[]
  >;
  return Array.from({ length: count }, (_, i) => ({
    id: `${token}w${i + 1}`,
    token,
    resourceName,
    own: OWN_FIELDS[i] ?? 'urls',
    sharedShare: options.sharedShare,
    etag: '',
    view: empty,
    seq: 0,
    random: seeded(seed * 1000 + i),
  }));
}

export async function runMergeSoak(
  overrides: Partial<MergeSoakOptions> = {},
): Promise<MergeSoakReport> {
  const options = { ...DEFAULT_MERGE_SOAK_OPTIONS, ...overrides };
  const tokens = Array.from({ length: options.users }, (_, i) => `u${i + 1}`);
  const stack = await startStack({ tokens, env: options.env });
  const tally: Tally = {
    updates: 0,
    acknowledged: 0,
    merged: 0,
    realConflicts: 0,
    falselyConflicted: 0,
    unexpected: 0,
    acknowledgedMarkers: new Set(),
    gaveUpMarkers: new Set(),
    details: [],
  };
  try {
    const groups = await Promise.all(
      tokens.map((token, i) => startWriters(stack, token, options, options.seed + i)),
    );
    const writers = groups.flat();
    for (const writer of writers) await resync(stack, writer, tally);
    await stack.clearRequests();
    const started = Date.now();
    const deadline = started + options.durationMs;
    await Promise.all([
      runFaultPhases(stack, options, started, deadline),
      ...writers.map(async (writer) => {
        while (Date.now() < deadline) await editOnce(stack, writer, tally);
      }),
    ]);
    const durationMs = Date.now() - started;
    await stack.faults(null);
    const requests = await stack.requests();
    const applied = appliedMarkers(requests);
    const counts: StateCounts = {
      lost: 0,
      doubled: 0,
      overwrittenUnseen: 0,
      appliedNotAcknowledged: 0,
      unexpected: 0,
    };
    for (const group of groups) await checkContact(stack, group, tally, applied, counts);
    return {
      users: options.users,
      writers: writers.length,
      durationMs,
      updates: tally.updates,
      acknowledged: tally.acknowledged,
      merged: tally.merged,
      realConflicts: tally.realConflicts,
      gaveUp: tally.gaveUpMarkers.size,
      appliedNotAcknowledged: counts.appliedNotAcknowledged,
      lost: counts.lost,
      doubled: counts.doubled,
      overwrittenUnseen: counts.overwrittenUnseen,
      falselyConflicted: tally.falselyConflicted,
      unexpected: tally.unexpected + counts.unexpected,
      maxInFlightPerUser: maxInFlightPerUser(requests),
      upstreamRequests: requests.length,
      upstreamFaults: upstreamFaultCounts(requests),
      details: tally.details,
    };
  } finally {
    await stack.close();
  }
}

/** The counts that must be 0 (one mutation per user in flight; merges must have happened). */
export function mergeSoakFailures(report: MergeSoakReport): string[] {
  const failures: string[] = [];
  for (const key of [
    'lost',
    'doubled',
    'overwrittenUnseen',
    'falselyConflicted',
    'unexpected',
  ] as const) {
    if (report[key] !== 0) failures.push(`${key} = ${report[key]}`);
  }
  if (report.maxInFlightPerUser !== 1)
    failures.push(`maxInFlightPerUser = ${report.maxInFlightPerUser}`);
  if (report.merged === 0) failures.push('no update was merged');
  return failures;
}

export function mergeSoakTable(report: MergeSoakReport): string {
  const rows: [string, string, string][] = [
    ['users × writers per contact', `${report.users} × ${report.writers / report.users}`, ''],
    ['duration', `${(report.durationMs / 1000).toFixed(1)} s`, ''],
    ['updates sent (all with previous)', String(report.updates), ''],
    ['acknowledged', String(report.acknowledged), ''],
    ['merged onto a newer etag (mergedOnto)', String(report.merged), 'more than 0'],
    ['real conflicts refused (shared field)', String(report.realConflicts), 'allowed'],
    ['gave up (UPSTREAM_UNAVAILABLE / RateLimited)', String(report.gaveUp), 'allowed'],
    [
      'applied, not acknowledged (after giving up)',
      String(report.appliedNotAcknowledged),
      'allowed',
    ],
    ['lost', String(report.lost), 'must be 0'],
    ['doubled', String(report.doubled), 'must be 0'],
    ['overwritten unseen values', String(report.overwrittenUnseen), 'must be 0'],
    ['falsely conflicted', String(report.falselyConflicted), 'must be 0'],
    ['unexpected answers', String(report.unexpected), 'must be 0'],
    ['max in-flight mutations per user', String(report.maxInFlightPerUser), 'must be 1'],
    ['upstream requests', String(report.upstreamRequests), ''],
    ['upstream faults', faultSummary(report.upstreamFaults), ''],
  ];
  return measureTable(rows);
}
