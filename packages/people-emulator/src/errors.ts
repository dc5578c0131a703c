/**
 * Google's JSON error envelope.
 * Shapes follow AIP-193 (`google.rpc.Status`) plus the legacy `errors[]` array that gaxios and
 * the Go client read (`errors[0].reason`).
 */
import type { FaultStatus } from './faults.js';

export type GoogleStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'UNIMPLEMENTED';

const NUMERIC_CODE: Record<GoogleStatus, number> = {
  INVALID_ARGUMENT: 3,
  FAILED_PRECONDITION: 9,
  NOT_FOUND: 5,
  UNAUTHENTICATED: 16,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNIMPLEMENTED: 12,
};

export interface ErrorItem {
  message: string;
  domain: 'global';
  reason: string;
  location?: string;
  locationType?: string;
}

export interface ErrorEnvelope {
  error: {
    code: number;
    message: string;
    status: GoogleStatus;
    details?: Record<string, unknown>[];
    errors: ErrorItem[];
  };
}

/** An error answered in Google's envelope; thrown by handlers, caught by the router. */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: GoogleStatus,
    message: string,
    readonly reason: string,
    readonly details?: Record<string, unknown>[],
    readonly headers: Record<string, string> = {},
    readonly itemMessage: string = message,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toEnvelope(): ErrorEnvelope {
    const item: ErrorItem = { message: this.itemMessage, domain: 'global', reason: this.reason };
    if (this.status === 'UNAUTHENTICATED') {
      item.location = 'Authorization';
      item.locationType = 'header';
    }
    return {
      error: {
        code: this.httpStatus,
        message: this.message,
        status: this.status,
        ...(this.details ? { details: this.details } : {}),
        errors: [item],
      },
    };
  }
}

/** The numeric `google.rpc.Code` of a status, as used in batchGet's per-entry `status`. */
export function rpcCode(status: GoogleStatus): number {
  return NUMERIC_CODE[status];
}

export function invalidArgument(message: string, field?: string): ApiError {
  const details = field
    ? [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [{ field, description: message }],
        },
      ]
    : undefined;
  return new ApiError(400, 'INVALID_ARGUMENT', message, 'badRequest', details);
}

export function failedPrecondition(message: string): ApiError {
  return new ApiError(400, 'FAILED_PRECONDITION', message, 'failedPrecondition');
}

export const NOT_FOUND_MESSAGE = 'Requested entity was not found.';

export function notFound(): ApiError {
  return new ApiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE, 'notFound');
}

export function unauthenticated(): ApiError {
  // Google's errors[] item for a bad token says "Invalid Credentials" while error.message is long.
  return new ApiError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    'authError',
    undefined,
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
    'Invalid Credentials',
  );
}

export function unimplemented(): ApiError {
  // Emulator wording: a People API method that exists at Google but is not emulated.
  return new ApiError(
    501,
    'UNIMPLEMENTED',
    'Method not implemented by the People API emulator.',
    'notImplemented',
  );
}

/** The statuses `PUT /__emulator/faults` can inject (faults.ts), with Google's messages. */
export function faultError(httpStatus: FaultStatus): ApiError {
  switch (httpStatus) {
    case 429:
      // Per-user mutate throttling as seen in rapidwebltd/php-google-people-api#45.
      return new ApiError(
        429,
        'RESOURCE_EXHAUSTED',
        'Resource has been exhausted (e.g. check quota).',
        'rateLimitExceeded',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ subject: 'QUOTA_EXCEEDED', description: 'FBS quota limit exceeded' }],
          },
        ],
        { 'Retry-After': '1' },
      );
    case 500:
      return new ApiError(500, 'INTERNAL', 'Internal error encountered.', 'backendError');
    case 501:
      // A method Google does not serve (unsupported or not enabled): the same answer every time.
      return new ApiError(
        501,
        'UNIMPLEMENTED',
        'Operation is not implemented, or supported, or enabled.',
        'notImplemented',
      );
    case 503:
      return new ApiError(
        503,
        'UNAVAILABLE',
        'The service is currently unavailable.',
        'serviceNotAvailable',
      );
  }
}
