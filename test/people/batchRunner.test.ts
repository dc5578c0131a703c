import { describe, expect, it } from 'vitest';
import { runBatch, type BatchPlan } from '../../src/people/batchRunner.js';
import type { PeopleCalls } from '../../src/people/calls.js';
import { PeopleApiError } from '../../src/people/errors.js';
import type { GoogleError } from '../../src/people/googleError.js';
import { OperationBudget } from '../../src/people/operationBudget.js';
import { isRetryable, withRetries } from '../../src/people/retry.js';

function googleError(httpStatus: number, fields: Partial<GoogleError> = {}): GoogleError {
  return {
    httpStatus,
    status: null,
    message: `HTTP ${httpStatus}`,
    reasons: [],
    fieldViolations: [],
    retryAfterSeconds: null,
    ...fields,
  };
}

/** What one call answers: the items' values, or an error to throw. */
type Answer = string[] | GoogleError;

/**
 * Client paths without a network: `mutate` retries per policy with no waits (3 attempts), and
 * each call takes the next scripted answer. Records the items of every call.
 */
function fakeCalls(answers: Answer[], budget?: OperationBudget) {
  const sent: string[][] = [];
  const calls: PeopleCalls = {
    // The plan's `send` never touches the googleapis client here.
    api: undefined as unknown as PeopleCalls['api'],
    userKey: 'u',
    budget,
    options: () => ({ headers: { Authorization: 'Bearer t' }, retry: false }),
    call: (request) => request().then((r) => r.data),
    read: (request) => request().then((r) => r.data),
    readPrepared: (_method, _params, build) =>
      build({ headers: { Authorization: 'Bearer t' }, retry: false }).then((r) => r.data),
    mutate: (attempt, retryable = isRetryable) =>
      withRetries(
        attempt,
        { retries: 2, budgetMs: 1_000, baseDelayMs: 0, maxDelayMs: 0 },
        { retryable, sleep: () => Promise.resolve() },
      ),
  };
  const respond = (items: readonly string[]): Promise<{ data: string[] }> => {
    sent.push([...items]);
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no scripted answer left');
    if (Array.isArray(answer)) return Promise.resolve({ data: answer });
    return Promise.reject(new PeopleApiError(answer));
  };
  return { calls, sent, respond };
}

/** Items are names; a successful call answers `name!` for each; `landed` as given. */
function plan(
  respond: (items: readonly string[]) => Promise<{ data: string[] }>,
  landed?: BatchPlan<string, string, string[]>['landed'],
  limit = 2,
): BatchPlan<string, string, string[]> {
  return {
    method: 'test',
    limit,
    send: (items) => respond(items),
    answers: (data, items) => items.map((item) => (data.includes(item) ? `${item}!` : null)),
    keyOf: (item) => item,
    ...(landed ? { landed } : {}),
  };
}

const applied = (value: string) => ({ kind: 'applied', value });

describe('runBatch', () => {
  it('sends the items in calls of at most `limit`, in order, and answers each', async () => {
    const { calls, sent, respond } = fakeCalls([['a', 'b'], ['c', 'd'], ['e']]);
    const outcomes = await runBatch(calls, plan(respond), ['a', 'b', 'c', 'd', 'e']);
    expect(sent).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(outcomes).toEqual(['a!', 'b!', 'c!', 'd!', 'e!'].map(applied));
  });

  it('gives the items a refusal names their own error and sends the others again together', async () => {
    const stale = googleError(400, { status: 'FAILED_PRECONDITION' });
    const refusal = googleError(400, { contactErrors: { b: stale } });
    const { calls, sent, respond } = fakeCalls([refusal, ['a', 'c']]);
    const outcomes = await runBatch(calls, plan(respond, undefined, 3), ['a', 'b', 'c']);
    expect(sent).toEqual([
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
    expect(outcomes).toEqual([applied('a!'), { kind: 'refused', error: stale }, applied('c!')]);
  });

  it('sends each item alone when a refusal names none, or names only keys it did not send', async () => {
    for (const refusal of [
      googleError(400),
      googleError(400, { contactErrors: { zz: googleError(400) } }),
    ]) {
      const alone = googleError(404);
      const { calls, sent, respond } = fakeCalls([refusal, ['a'], alone]);
      const outcomes = await runBatch(calls, plan(respond), ['a', 'b']);
      expect(sent).toEqual([['a', 'b'], ['a'], ['b']]);
      expect(outcomes).toEqual([applied('a!'), { kind: 'refused', error: alone }]);
    }
  });

  it('answers a 429 that outlasts the retries as a refusal of every item, sent no more', async () => {
    const quota = googleError(429);
    const { calls, sent, respond } = fakeCalls([quota, quota, quota]);
    const outcomes = await runBatch(calls, plan(respond), ['a', 'b']);
    expect(sent).toHaveLength(3);
    expect(outcomes).toEqual([
      { kind: 'refused', error: quota },
      { kind: 'refused', error: quota },
    ]);
  });

  it('looks items up after 503s outlast the retries: applied where they landed, else unknown but not applied', async () => {
    const down = googleError(503);
    const { calls, respond } = fakeCalls([down, down, down]);
    const landed = (items: readonly string[]) =>
      Promise.resolve(items.map((item) => (item === 'a' ? 'a (read)' : null)));
    const outcomes = await runBatch(calls, plan(respond, landed), ['a', 'b']);
    expect(outcomes).toEqual([
      applied('a (read)'),
      { kind: 'unknown', error: down, mayHaveApplied: false },
    ]);
  });

  it('answers unknown, maybe applied, when no look-up can tell (a failing read, or none possible)', async () => {
    const down = googleError(503);
    const failing = () => Promise.reject(new Error('read failed'));
    for (const landed of [failing, undefined]) {
      const { calls, respond } = fakeCalls([down, down, down]);
      const outcomes = await runBatch(calls, plan(respond, landed), ['a']);
      expect(outcomes).toEqual([{ kind: 'unknown', error: down, mayHaveApplied: true }]);
    }
  });

  it('after a lost answer, finds a refused retry’s items already applied and does not send them again', async () => {
    const stale = googleError(400, { status: 'FAILED_PRECONDITION' });
    const refusal = googleError(400, { contactErrors: { a: stale, b: stale } });
    const { calls, sent, respond } = fakeCalls([googleError(503), refusal]);
    const landed = (items: readonly string[]) => Promise.resolve(items.map((i) => `${i} (read)`));
    const outcomes = await runBatch(calls, plan(respond, landed), ['a', 'b']);
    expect(sent).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(outcomes).toEqual([applied('a (read)'), applied('b (read)')]);
  });

  it('throws what concerns the whole operation (401, 403, 501)', async () => {
    for (const status of [401, 403, 501]) {
      const { calls, respond } = fakeCalls([googleError(status)]);
      await expect(runBatch(calls, plan(respond), ['a'])).rejects.toBeInstanceOf(PeopleApiError);
    }
  });

  it('refuses every item before any call when the calls would not fit the operation budget', async () => {
    const budget = new OperationBudget({ calls: 2, names: 10 });
    const { calls, sent, respond } = fakeCalls([], budget);
    const outcomes = await runBatch(calls, plan(respond), ['a', 'b', 'c', 'd', 'e']);
    expect(sent).toEqual([]);
    expect(outcomes.map((o) => (o.kind === 'refused' ? o.error.httpStatus : o.kind))).toEqual([
      429, 429, 429, 429, 429,
    ]);
  });
});
