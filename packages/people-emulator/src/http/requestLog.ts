/** The request log of `GET|DELETE /__emulator/requests`: what each People API request was. */

/** One People API request as the admin log shows it (a fixed shape: tests and the bench read it). */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  token: string | null;
  status: number;
  start: number;
  end: number;
  /**
   * Extension to the fixed shape: the request's JSON body (its text when not JSON), present only
   * when the request carried one, so tests can assert exactly what was sent.
   */
  body?: unknown;
}

/** The answer of `GET /__emulator/requests`. */
export interface RequestLog {
  requests: RequestLogEntry[];
  /** Older entries dropped since the last `DELETE` to keep the log within its limit. */
  dropped: number;
}

/**
 * The entries of a log read from `GET /__emulator/requests`, refused if older ones were dropped:
 * counts of upstream requests taken from a log with gaps would be wrong.
 */
export function entriesWithoutGaps(log: RequestLog): RequestLogEntry[] {
  if (log.dropped > 0) throw new Error(`the emulator dropped ${log.dropped} logged requests`);
  return log.requests;
}

/** Entries kept by default (`requestLogLimit`, `EMULATOR_REQUEST_LOG_LIMIT`). */
export const DEFAULT_REQUEST_LOG_LIMIT = 10_000;

/**
 * The most recent `limit` entries of a log that would otherwise grow for as long as the emulator
 * runs (the embedded emulator of `npm start` under load, say), and how many older ones were
 * dropped. Trimmed in bulk once it holds twice the limit, so that each push costs O(1).
 */
export class BoundedLog<T> {
  private items: T[] = [];
  private droppedCount = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`a log limit must be a positive integer, not ${String(limit)}`);
    }
  }

  push(item: T): void {
    if (this.items.push(item) >= 2 * this.limit) this.trim();
  }

  /** The kept entries, oldest first. */
  entries(): T[] {
    this.trim();
    return this.items;
  }

  get dropped(): number {
    this.trim();
    return this.droppedCount;
  }

  clear(): void {
    this.items = [];
    this.droppedCount = 0;
  }

  private trim(): void {
    const excess = this.items.length - this.limit;
    if (excess <= 0) return;
    this.items = this.items.slice(excess);
    this.droppedCount += excess;
  }
}

/** Long strings (photo bytes) are shortened in the log: it keeps up to its limit of entries. */
function shortened(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > 256 ? `${value.slice(0, 32)}…(${String(value.length)} chars)` : value;
  }
  if (Array.isArray(value)) return value.map(shortened);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortened(v)]));
  }
  return value;
}

export function bodyForLog(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  try {
    return shortened(JSON.parse(text));
  } catch {
    return shortened(text);
  }
}
