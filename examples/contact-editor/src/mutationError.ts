/** Messages for the failures every mutation shares. */
import { isUnauthenticated } from './apollo';

/** When to try again after `RateLimited`. */
export function retryText(seconds: number | null): string {
  if (seconds === null) return 'Try again in a moment.';
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString();
  return `Try again in ${seconds} s (after ${at}).`;
}

/** A request that failed outright (not a union member), for a person to read. */
export function failureText(prefix: string, error: unknown): string {
  if (error instanceof Error && isUnauthenticated(error)) {
    return `${prefix}: the gateway needs a valid bearer token (paste one above).`;
  }
  return `${prefix}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A union's error member: its message, and when to try again after `RateLimited`. */
export function errorText(
  result: { __typename: string; message?: string; retryAfterSeconds?: number | null },
  prefix = '',
): string {
  const message = `${prefix}${result.message ?? result.__typename}`;
  return result.__typename === 'RateLimited'
    ? `${message} ${retryText(result.retryAfterSeconds ?? null)}`
    : message;
}
