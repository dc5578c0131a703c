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
  /**
   * A refused batch write's failing contacts, when Google names them: its
   * `BatchUpdateContactsErrorDetails` (keyed by resource name) or `BatchCreateContactsErrorDetails`
   * (keyed by the contact's index) detail, each `google.rpc.Status` read as an error of its own.
   * Absent when the answer names none.
   */
  contactErrors?: Readonly<Record<string, GoogleError>>;
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
  const retryAfter = retryAfterHeader === null ? NaN : Number(retryAfterHeader);
  return {
    ...readError(httpStatus, error),
    retryAfterSeconds: Number.isFinite(retryAfter) ? Math.max(0, Math.ceil(retryAfter)) : null,
  };
}

/** An `error` object (or a `google.rpc.Status`): its status, message, reasons and details. */
function readError(httpStatus: number, error: Record<string, unknown>): GoogleError {
  const details = records(error['details']);
  const reasons = [
    ...records(error['errors']).map((e) => asString(e['reason'])),
    ...details.map((d) => asString(d['reason'])),
  ].filter((r): r is string => r !== null);
  const fieldViolations = details
    .flatMap((d) => records(d['fieldViolations']))
    .map((v) => asString(v['field']))
    .filter((f): f is string => f !== null);
  const named = details.map((d) => d['contactErrors']).find(isRecord);
  return {
    httpStatus,
    status: asString(error['status']),
    message: asString(error['message']) ?? `HTTP ${httpStatus}`,
    reasons,
    fieldViolations,
    retryAfterSeconds: null,
    ...(named ? { contactErrors: contactErrorsOf(named) } : {}),
  };
}

/**
 * `google.rpc.Code` by number, and the HTTP status each maps to
 * (https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto).
 */
const RPC_CODES: readonly (readonly [string, number])[] = [
  ['OK', 200],
  ['CANCELLED', 499],
  ['UNKNOWN', 500],
  ['INVALID_ARGUMENT', 400],
  ['DEADLINE_EXCEEDED', 504],
  ['NOT_FOUND', 404],
  ['ALREADY_EXISTS', 409],
  ['PERMISSION_DENIED', 403],
  ['RESOURCE_EXHAUSTED', 429],
  ['FAILED_PRECONDITION', 400],
  ['ABORTED', 409],
  ['OUT_OF_RANGE', 400],
  ['UNIMPLEMENTED', 501],
  ['INTERNAL', 500],
  ['UNAVAILABLE', 503],
  ['DATA_LOSS', 500],
  ['UNAUTHENTICATED', 401],
];

/** Each `google.rpc.Status` of a `contactErrors` map as the error it would be on its own. */
function contactErrorsOf(map: Record<string, unknown>): Record<string, GoogleError> {
  return Object.fromEntries(
    Object.entries(map).map(([key, value]) => {
      const status = isRecord(value) ? value : {};
      const code = typeof status['code'] === 'number' ? status['code'] : 2;
      const [name, httpStatus] = RPC_CODES[code] ?? ['UNKNOWN', 500];
      return [key, { ...readError(httpStatus, status), status: name }];
    }),
  );
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
