import { parseGoogleError, type GoogleError } from './googleError.js';
import { OperationBudgetExceeded } from './operationBudget.js';
import { QueueRejected } from './queue.js';

/** A failed People API call, already reduced to Google's error envelope. */
export class PeopleApiError extends Error {
  override name = 'PeopleApiError';
  constructor(readonly google: GoogleError) {
    super(`People API ${google.httpStatus}: ${google.status ?? ''} ${google.message}`);
  }
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: { name?: unknown };
  response?: { status?: unknown; data?: unknown; headers?: unknown };
}

function retryAfterOf(headers: unknown): string | null {
  return headers instanceof Headers ? headers.get('retry-after') : null;
}

/** A googleapis (gaxios) failure → PeopleApiError; no HTTP answer becomes status 0. */
export function toPeopleApiError(error: unknown): PeopleApiError {
  if (error instanceof PeopleApiError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const status = e.response?.status;
  if (typeof status === 'number') {
    return new PeopleApiError(
      parseGoogleError(status, e.response?.data, retryAfterOf(e.response?.headers)),
    );
  }
  // No HTTP answer: refused, reset, DNS or our own timeout. The name only: never the request.
  return new PeopleApiError({
    httpStatus: 0,
    status: 'UNAVAILABLE',
    // What failed (TimeoutError, ECONNREFUSED, …): gaxios wraps the transport's error as `cause`.
    message:
      [e.cause?.name, e.code, e.name].find(
        (v): v is string => typeof v === 'string' && v !== 'Error',
      ) ?? 'network error',
    reasons: [],
    fieldViolations: [],
    retryAfterSeconds: null,
  });
}

/** The gateway itself holds a mutation back (queue or rate budget): reported like Google's 429. */
export function gatewayThrottled(reason: string, retryAfterSeconds: number): PeopleApiError {
  return new PeopleApiError({
    httpStatus: 429,
    status: 'RESOURCE_EXHAUSTED',
    message: reason,
    reasons: ['gatewayThrottled'],
    fieldViolations: [],
    retryAfterSeconds,
  });
}

/**
 * A mutation the gateway held back (the operation's budget spent, the user's queue full or too
 * slow) as a 429 the mappers answer `RateLimited`; null for any other error.
 */
export function heldBack(error: unknown): PeopleApiError | null {
  if (error instanceof OperationBudgetExceeded) {
    // A union member, not a top-level error that would null the operation's earlier results;
    // a new request has a whole budget, so the client may send this mutation again at once.
    return gatewayThrottled(error.message, 0);
  }
  if (error instanceof QueueRejected) {
    return gatewayThrottled(
      `Too many updates for this user are waiting (${error.why}); the gateway sends them one at a time.`,
      error.retryAfterSeconds,
    );
  }
  return null;
}
