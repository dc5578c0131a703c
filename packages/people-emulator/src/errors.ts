/**
 * Google's JSON error envelope. Shapes follow AIP-193 (`google.rpc.Status`) plus, on most
 * answers, the legacy `errors[]` array that gaxios and the Go client read (`errors[0].reason`).
 */

export type GoogleStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'ABORTED'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'UNIMPLEMENTED';

const NUMERIC_CODE: Record<GoogleStatus, number> = {
  INVALID_ARGUMENT: 3,
  FAILED_PRECONDITION: 9,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  ABORTED: 10,
  UNAUTHENTICATED: 16,
  PERMISSION_DENIED: 7,
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
    errors?: ErrorItem[];
  };
}

/** What an answer carries besides status and message. */
export interface ApiErrorExtras {
  details?: Record<string, unknown>[];
  headers?: Record<string, string>;
  /** The `errors[]` item's message when it differs from `error.message`. */
  itemMessage?: string;
}

/** An error answered in Google's envelope; thrown by handlers, caught by the router. */
export class ApiError extends Error {
  readonly details: Record<string, unknown>[] | undefined;
  readonly headers: Record<string, string>;
  private readonly itemMessage: string;

  /** `reason` null: an envelope without the legacy `errors[]`, as some answers come. */
  constructor(
    readonly httpStatus: number,
    readonly status: GoogleStatus,
    message: string,
    readonly reason: string | null,
    extras: ApiErrorExtras = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.details = extras.details;
    this.headers = extras.headers ?? {};
    this.itemMessage = extras.itemMessage ?? message;
  }

  toEnvelope(): ErrorEnvelope {
    return {
      error: {
        code: this.httpStatus,
        message: this.message,
        status: this.status,
        ...(this.details ? { details: this.details } : {}),
        ...(this.reason === null ? {} : { errors: [this.errorItem(this.reason)] }),
      },
    };
  }

  private errorItem(reason: string): ErrorItem {
    const item: ErrorItem = { message: this.itemMessage, domain: 'global', reason };
    if (this.status === 'UNAUTHENTICATED') {
      item.location = 'Authorization';
      item.locationType = 'header';
    }
    return item;
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
  return new ApiError(400, 'INVALID_ARGUMENT', message, 'badRequest', details ? { details } : {});
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
    {
      headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
      itemMessage: 'Invalid Credentials',
    },
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
