import { BATCH_REFUSALS, type BatchRefusal } from './batchRefusal.js';
import { invalidArgument } from './errors.js';
import { ETAG_ENVELOPES, type EtagEnvelope } from './etagFailure.js';

/** What `failStatus` may be: Google's transient answers, and 501, which retrying cannot change. */
export const FAULT_STATUSES = [429, 500, 501, 503] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

function isFaultStatus(value: unknown): value is FaultStatus {
  return (FAULT_STATUSES as readonly unknown[]).includes(value);
}

/** The fault set of `PUT /__emulator/faults`: one seeded draw per People API request. */
export interface FaultSet {
  latencyMs: number;
  failRate: number;
  failStatus: FaultStatus;
  applyThenFailRate: number;
  seed: number;
  /**
   * `Retry-After` (seconds) on injected 429 and 503 answers; null sends none, as Google's quota
   * 429s come.
   */
  retryAfterSeconds: number | null;
  /** The envelope of updateContact's stale-etag 400, one of those seen from Google. */
  etagEnvelope: EtagEnvelope;
  /**
   * How a refused batch write (`batchUpdateContacts`, `batchCreateContacts`) reports its failing
   * contacts: `named` lists them in the error details, `unnamed` does not (batchRefusal.ts).
   */
  batchRefusal: BatchRefusal;
}

/** The body of `PUT /__emulator/faults`: a field left out takes its default (no fault). */
export type FaultSetInput = Partial<FaultSet>;

/** What one draw decided for one People API request. */
export type FaultDecision = 'fail' | 'applyThenFail' | 'none';

/** mulberry32: tiny, fast, good enough for reproducible fault draws. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function noFaults(seed: number): FaultSet {
  return {
    latencyMs: 0,
    failRate: 0,
    failStatus: 503,
    applyThenFailRate: 0,
    seed,
    retryAfterSeconds: null,
    etagEnvelope: 'errors',
    batchRefusal: 'named',
  };
}

function rate(body: Record<string, unknown>, key: string): number {
  const value = body[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw invalidArgument(`Fault field "${key}" must be a number between 0 and 1.`);
  }
  return value;
}

function retryAfter(record: Record<string, unknown>): number | null {
  const value = record.retryAfterSeconds ?? null;
  if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
    throw invalidArgument(
      'Fault field "retryAfterSeconds" must be a non-negative integer or null.',
    );
  }
  return value;
}

function etagEnvelope(record: Record<string, unknown>): EtagEnvelope {
  const value = record.etagEnvelope ?? 'errors';
  const envelope = ETAG_ENVELOPES.find((known) => known === value);
  if (envelope === undefined) {
    throw invalidArgument(
      `Fault field "etagEnvelope" must be one of ${ETAG_ENVELOPES.join(', ')}.`,
    );
  }
  return envelope;
}

function batchRefusal(record: Record<string, unknown>): BatchRefusal {
  const value = record.batchRefusal ?? 'named';
  const refusal = BATCH_REFUSALS.find((known) => known === value);
  if (refusal === undefined) {
    throw invalidArgument(
      `Fault field "batchRefusal" must be one of ${BATCH_REFUSALS.join(', ')}.`,
    );
  }
  return refusal;
}

const FAULT_FIELDS: readonly (keyof FaultSet)[] = [
  'latencyMs',
  'failRate',
  'failStatus',
  'applyThenFailRate',
  'seed',
  'retryAfterSeconds',
  'etagEnvelope',
  'batchRefusal',
];

/** Validates a PUT body; unknown keys are rejected so a typo cannot silently disable a fault. */
export function parseFaultSet(body: unknown, defaultSeed: number): FaultSet {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidArgument('Fault set must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FAULT_FIELDS as readonly string[]).includes(key)) {
      throw invalidArgument(`Unknown fault field "${key}".`);
    }
  }
  const latency = record.latencyMs ?? 0;
  if (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0) {
    throw invalidArgument('Fault field "latencyMs" must be a non-negative number.');
  }
  const status = record.failStatus ?? 503;
  if (!isFaultStatus(status)) {
    throw invalidArgument('Fault field "failStatus" must be 429, 500, 501 or 503.');
  }
  const seed = record.seed ?? defaultSeed;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw invalidArgument('Fault field "seed" must be an integer.');
  }
  return {
    latencyMs: latency,
    failRate: rate(record, 'failRate'),
    failStatus: status,
    applyThenFailRate: rate(record, 'applyThenFailRate'),
    seed,
    retryAfterSeconds: retryAfter(record),
    etagEnvelope: etagEnvelope(record),
    batchRefusal: batchRefusal(record),
  };
}

/** Holds the current fault set and its generator; one `draw()` per People API request. */
export class Faults {
  private current: FaultSet;
  private random: () => number;

  constructor(private readonly defaultSeed: number) {
    this.current = noFaults(defaultSeed);
    this.random = mulberry32(defaultSeed);
  }

  get set(): FaultSet {
    return { ...this.current };
  }

  replace(next: FaultSet): void {
    this.current = next;
    this.random = mulberry32(next.seed);
  }

  clear(): void {
    this.replace(noFaults(this.defaultSeed));
  }

  /**
   * A single uniform draw decides both outcomes: below failRate → fail before any change;
   * otherwise the remainder, rescaled to [0,1), is compared with applyThenFailRate.
   */
  draw(): FaultDecision {
    const u = this.random();
    const { failRate, applyThenFailRate } = this.current;
    if (u < failRate) return 'fail';
    if (failRate < 1 && (u - failRate) / (1 - failRate) < applyThenFailRate) {
      return 'applyThenFail';
    }
    return 'none';
  }
}
