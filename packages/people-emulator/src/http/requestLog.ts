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
}

/** Long strings (photo bytes) are shortened in the log: it is kept for the whole run. */
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
