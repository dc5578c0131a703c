/** The answers `PUT /__emulator/faults` can inject, with Google's messages. */
import { ApiError } from './errors.js';
import type { FaultStatus } from './faults.js';

/**
 * `retryAfterSeconds` adds `Retry-After` to a 429 or 503. Google documents none for the People
 * API's 429s and the public captures quote only the body (docs/people-api.md#errors), so by
 * default there is none; a fault set asks for one to test clients that honour it.
 */
export function faultError(httpStatus: FaultStatus, retryAfterSeconds: number | null): ApiError {
  const headers: Record<string, string> =
    retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) };
  switch (httpStatus) {
    case 429:
      // Per-user mutate throttling as seen in rapidwebltd/php-google-people-api#45.
      return new ApiError(
        429,
        'RESOURCE_EXHAUSTED',
        'Resource has been exhausted (e.g. check quota).',
        'rateLimitExceeded',
        {
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
              violations: [{ subject: 'QUOTA_EXCEEDED', description: 'FBS quota limit exceeded' }],
            },
          ],
          headers,
        },
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
        { headers },
      );
  }
}
