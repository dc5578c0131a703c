import { describe, expect, it } from 'vitest';
import { PeopleApiError } from '../../src/people/errors.js';
import { isRetryable, withRetries, type RetryPolicy } from '../../src/people/retry.js';

const policy: RetryPolicy = { retries: 3, budgetMs: 10_000, baseDelayMs: 100, maxDelayMs: 2_000 };

function failure(httpStatus: number, retryAfterSeconds: number | null = null) {
  return new PeopleApiError({
    httpStatus,
    status: null,
    message: 'x',
    reasons: [],
    fieldViolations: [],
    retryAfterSeconds,
  });
}

/** A fake clock: sleeps advance time instantly and are recorded. */
function clock(random = 1) {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    hooks: {
      random: () => random,
      now: () => now,
      sleep: (ms: number) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
    },
  };
}

function failingTimes(statuses: PeopleApiError[]) {
  const calls: number[] = [];
  return {
    calls,
    call: (attempt: number) => {
      calls.push(attempt);
      const error = statuses[attempt];
      return error ? Promise.reject(error) : Promise.resolve('ok');
    },
  };
}

describe('withRetries', () => {
  it('retries 429, transient 5xx and no answer with exponential backoff under full jitter', async () => {
    const c = clock(0.5);
    const f = failingTimes([failure(503), failure(0), failure(429)]);
    expect(await withRetries(f.call, policy, c.hooks)).toBe('ok');
    expect(f.calls).toEqual([0, 1, 2, 3]);
    expect(c.sleeps).toEqual([50, 100, 200]);
  });

  it('honours Retry-After when it asks for longer than the backoff', async () => {
    const c = clock(0);
    const f = failingTimes([failure(429, 3)]);
    await withRetries(f.call, policy, c.hooks);
    expect(c.sleeps).toEqual([3000]);
  });

  it('never retries a 400 (an etag failure included) or a 404', async () => {
    for (const status of [400, 404]) {
      const f = failingTimes([failure(status)]);
      await expect(withRetries(f.call, policy, clock().hooks)).rejects.toMatchObject({
        google: { httpStatus: status },
      });
      expect(f.calls).toEqual([0]);
    }
  });

  it('never retries a 501 or another 5xx that is not transient', async () => {
    for (const status of [501, 505, 507, 511]) {
      const f = failingTimes([failure(status)]);
      await expect(withRetries(f.call, policy, clock().hooks)).rejects.toMatchObject({
        google: { httpStatus: status },
      });
      expect(f.calls).toEqual([0]);
    }
  });

  it('stops after the retry count and after the time budget', async () => {
    const always = () => Promise.reject(failure(503));
    const c = clock(1);
    await expect(withRetries(always, policy, c.hooks)).rejects.toBeInstanceOf(PeopleApiError);
    expect(c.sleeps).toHaveLength(3);
    const tight = clock(0);
    await expect(
      withRetries(() => Promise.reject(failure(429, 20)), policy, tight.hooks),
    ).rejects.toBeInstanceOf(PeopleApiError);
    expect(tight.sleeps).toEqual([]);
  });
});

describe('isRetryable', () => {
  it('is true for no answer, 429, 500, 502, 503 and 504 only', () => {
    const statuses = [0, 200, 400, 401, 403, 404, 409, 429, 500, 501, 502, 503, 504, 505, 511];
    expect(statuses.filter((status) => isRetryable(failure(status)))).toEqual([
      0, 429, 500, 502, 503, 504,
    ]);
  });
});
