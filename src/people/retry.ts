/**
 * The gateway's retry policy for People API calls: googleapis never retries PATCH (gaxios's
 * `httpMethodsToRetry` leaves it out), so the gateway owns retries of 429, transient 5xx and
 * "no answer",
 * with exponential backoff and full jitter, `Retry-After` honoured, inside a total time budget.
 */
import { isTransient } from './googleError.js';
import { PeopleApiError } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** No retry starts after this many milliseconds since the first attempt. */
  budgetMs: number;
  /** Backoff cap doubles from here: attempt n waits up to min(maxDelayMs, baseDelayMs·2ⁿ). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  budgetMs: 10_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
};

/** Transient answers (`isTransient`) are worth another try; every other answer is final. */
export function isRetryable(error: PeopleApiError): boolean {
  return isTransient(error.google);
}

export interface RetryHooks {
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Which failures to retry; by default `isRetryable`. */
  retryable?: (error: PeopleApiError) => boolean;
  /** Called before each retry, with the error that caused it. */
  onRetry?: (attempt: number, error: PeopleApiError) => void;
}

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Runs `call` until it succeeds, fails for good, or the policy is spent; then throws the last
 * error. `call` gets the attempt number (0 first), so it can tell a retry from the first try.
 */
export async function withRetries<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const {
    random = Math.random,
    sleep = realSleep,
    now = Date.now,
    retryable = isRetryable,
  } = hooks;
  const started = now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!(error instanceof PeopleApiError) || !retryable(error) || attempt >= policy.retries) {
        throw error;
      }
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      const retryAfterMs = (error.google.retryAfterSeconds ?? 0) * 1000;
      const delay = Math.max(retryAfterMs, Math.floor(random() * cap));
      if (now() - started + delay > policy.budgetMs) throw error;
      hooks.onRetry?.(attempt + 1, error);
      await sleep(delay);
    }
  }
}
