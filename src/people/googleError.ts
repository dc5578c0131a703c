/**
 * What a People API error says, read from Google's error envelope: the HTTP status,
 * `error.status` and the reasons of `errors[]` and `details[]`. The client decides retries with
 * it; `src/mappers/googleError.ts` turns it into a union member or a coded GraphQL error.
 */
import { isRecord } from '../isRecord.js';

/**
 * A People API error as the wire shows it (`{"error":{code,message,status,errors,details}}`,
 * Google's AIP-193 envelope), reduced to what decides the mapping. `httpStatus` 0 means no answer
 * (connection refused, reset or timed out).
 */
export interface GoogleError {
  httpStatus: number;
  status: string | null;
  message: string;
  reasons: string[];
  fieldViolations: string[];
  retryAfterSeconds: number | null;
}

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const records = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter(isRecord) : [];

/** Reads Google's error envelope; an HTML or empty body (Google's front-end 404) still gives a status. */
export function parseGoogleError(
  httpStatus: number,
  body: unknown,
  retryAfterHeader: string | null,
): GoogleError {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : {};
  const details = records(error['details']);
  const reasons = [
    ...records(error['errors']).map((e) => asString(e['reason'])),
    ...details.map((d) => asString(d['reason'])),
  ].filter((r): r is string => r !== null);
  const fieldViolations = details
    .flatMap((d) => records(d['fieldViolations']))
    .map((v) => asString(v['field']))
    .filter((f): f is string => f !== null);
  const retryAfter = retryAfterHeader === null ? NaN : Number(retryAfterHeader);
  return {
    httpStatus,
    status: asString(error['status']),
    message: asString(error['message']) ?? `HTTP ${httpStatus}`,
    reasons,
    fieldViolations,
    retryAfterSeconds: Number.isFinite(retryAfter) ? Math.max(0, Math.ceil(retryAfter)) : null,
  };
}

/**
 * HTTP statuses a second try may change: quota (429), an internal error, and the front end's or
 * backend's unavailability or time-out (500, 502, 503, 504). Not 501: UNIMPLEMENTED means "not
 * implemented or not supported/enabled in this service"
 * (https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto), every time.
 */
const TRANSIENT_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/** No answer at all, or an answer that may differ on a second try. */
export function isTransient(error: GoogleError): boolean {
  return error.httpStatus === 0 || TRANSIENT_STATUSES.includes(error.httpStatus);
}

/** Google's answer to a stale etag: 400 FAILED_PRECONDITION, reason `failedPrecondition`. */
export function isEtagFailure(error: GoogleError): boolean {
  return (
    error.httpStatus === 400 &&
    (error.status === 'FAILED_PRECONDITION' || error.reasons.includes('failedPrecondition'))
  );
}
