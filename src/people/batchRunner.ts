/**
 * Sends a batch write (`batchUpdateContacts`, `batchCreateContacts`) so that every item ends with
 * its true answer: at most `limit` items a call, in order, one call at a time through the caller's
 * queue, each call retried per policy. A refused call changed nothing ("If a contact id does not
 * appear, then the update of that contact would have been successful":
 * https://developers.google.com/people/api/rest/v1/BatchUpdateContactsErrorDetails): the items
 * Google names get its answer for them, the others are sent again together; when Google names
 * none, each is sent again alone. An item whose call may have landed without an answer (a lost
 * answer, then a retry) is looked up, where the plan can, before anything is said about it.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import type { PeopleCalls } from './calls.js';
import { gatewayThrottled, PeopleApiError } from './errors.js';
import { isTransient, type GoogleError } from './googleError.js';

/** What became of one item of a batch write. */
export type BatchOutcome<T> =
  /** Applied; Google's (or the look-up's) answer for it. */
  | { kind: 'applied'; value: T }
  /** Not applied: Google's answer for this item, or the whole call's 4xx/429 answer. */
  | { kind: 'refused'; error: GoogleError }
  /** No final answer (5xx or none, retries spent); `mayHaveApplied` false once a look-up said so. */
  | { kind: 'unknown'; error: GoogleError; mayHaveApplied: boolean };

/** How one batch method is called and read. */
export interface BatchPlan<I, T, R> {
  method: string;
  /** Items per call. */
  limit: number;
  /** One upstream call for `items`. */
  send(
    items: readonly I[],
    api: people_v1.People,
    options: ReturnType<PeopleCalls['options']>,
  ): Promise<{ data: R }>;
  /** The answer for each item of a successful call, in order; null where Google gave none. */
  answers(data: R, items: readonly I[]): (T | null)[];
  /** How Google keys `items[index]` of one call in a refusal's `contactErrors`. */
  keyOf(item: I, index: number): string;
  /** Which failures are worth another attempt of the same call. */
  retryable?(error: PeopleApiError): boolean;
  /**
   * What of `items` is already applied (the value), or not (null); null for the whole answer when
   * it cannot be told. Absent: never knowable (a create leaves nothing to look up).
   */
  landed?(items: readonly I[]): Promise<(T | null)[] | null>;
}

/** What a successful call that lacked an item's answer is reported as, if a look-up fails. */
const NO_ANSWER: GoogleError = {
  httpStatus: 200,
  status: null,
  message: 'The People API applied the batch but returned no answer for this contact.',
  reasons: [],
  fieldViolations: [],
  retryAfterSeconds: null,
};

type Outcomes<T> = (BatchOutcome<T> | undefined)[];

/** Sends `items` per `plan`; one outcome per item, in input order. */
export async function runBatch<I, T, R>(
  calls: PeopleCalls,
  plan: BatchPlan<I, T, R>,
  items: readonly I[],
): Promise<BatchOutcome<T>[]> {
  const needed = Math.ceil(items.length / plan.limit);
  if (calls.budget && !calls.budget.fits(needed, 0)) {
    // Refused whole before any call, rather than some items sent and the rest held back.
    const { google } = gatewayThrottled(
      `These ${items.length} contacts need ${needed} People API calls (${plan.limit} a call), more than this operation may make; send them in several operations.`,
      0,
    );
    return items.map(() => ({ kind: 'refused', error: google }));
  }
  const run = new BatchRun(calls, plan, items);
  for (let start = 0; start < items.length; start += plan.limit) {
    const groups = [range(start, Math.min(start + plan.limit, items.length))];
    for (let group = groups.shift(); group; group = groups.shift()) {
      groups.unshift(...(await run.send(group)));
    }
  }
  return run.outcomes.map((outcome) => outcome ?? never());
}

/** Credentials, permissions, a method Google cannot serve: the operation's problem, not an item's. */
function isOperationWide(error: GoogleError): boolean {
  if (error.httpStatus === 429 || isTransient(error)) return false;
  return error.httpStatus < 400 || error.httpStatus >= 500 || [401, 403].includes(error.httpStatus);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function never(): never {
  throw new Error('a batch item was left without an outcome');
}

class BatchRun<I, T, R> {
  readonly outcomes: Outcomes<T>;
  /** Items a lost answer may have applied: sent in an attempt that was retried. */
  private readonly uncertain = new Set<number>();

  constructor(
    private readonly calls: PeopleCalls,
    private readonly plan: BatchPlan<I, T, R>,
    private readonly items: readonly I[],
  ) {
    this.outcomes = new Array<BatchOutcome<T> | undefined>(items.length);
  }

  /** One call for `group` (indexes into the items); the groups to send again. */
  async send(group: number[]): Promise<number[][]> {
    const { calls, plan } = this;
    const sent = group.map((i) => this.items[i] ?? never());
    try {
      const data = await calls.mutate((attempt) => {
        if (attempt > 0) group.forEach((i) => this.uncertain.add(i));
        return calls.call(() => plan.send(sent, calls.api, calls.options()), plan.method);
      }, plan.retryable?.bind(plan));
      const answers = plan.answers(data, sent);
      const missing = group.filter((_, j) => answers[j] === null || answers[j] === undefined);
      group.forEach((i, j) => {
        const value = answers[j];
        if (value !== null && value !== undefined) this.outcomes[i] = { kind: 'applied', value };
      });
      // Applied, but Google's answer lacks them: a look-up gives their state.
      if (missing.length > 0) await this.settle(missing, null);
      return [];
    } catch (error) {
      if (!(error instanceof PeopleApiError) || isOperationWide(error.google)) throw error;
      return this.failed(group, error.google);
    }
  }

  private async failed(group: number[], error: GoogleError): Promise<number[][]> {
    if (error.httpStatus === 429) {
      // Refused before anything happened (Google's quota, or the gateway's queue and budgets).
      group.forEach((i) => (this.outcomes[i] = { kind: 'refused', error }));
      return [];
    }
    if (isTransient(error)) {
      await this.settle(group, error);
      return [];
    }
    return this.refused(group, error);
  }

  /** A refused call: nothing in it was applied by this call. */
  private async refused(group: number[], error: GoogleError): Promise<number[][]> {
    const named = error.contactErrors ?? {};
    const keys = new Map(group.map((i, j) => [i, this.plan.keyOf(this.items[i] ?? never(), j)]));
    const ownError = (i: number) => named[keys.get(i) ?? ''];
    const blamed = new Set(group.filter((i) => ownError(i) !== undefined));
    // A refusal of an item that a lost answer may have applied can be that item's own change.
    await this.checkSuspects(
      group.filter((i) => this.uncertain.has(i) && (blamed.size === 0 || blamed.has(i))),
      error,
    );
    const rest = group.filter((i) => this.outcomes[i] === undefined);
    if (blamed.size === 0) {
      // Google named no item: the answer is the item's only when it was sent alone.
      if (group.length === 1) rest.forEach((i) => (this.outcomes[i] = { kind: 'refused', error }));
      return group.length === 1 ? [] : rest.map((i) => [i]);
    }
    for (const i of rest) {
      const own = ownError(i);
      if (own) this.outcomes[i] = { kind: 'refused', error: own };
    }
    // Items Google did not name "would have been successful": sent again, together.
    const unnamed = rest.filter((i) => !blamed.has(i));
    return unnamed.length > 0 ? [unnamed] : [];
  }

  /**
   * Looks up `suspects`: applied ones get their current state; when no look-up is possible the
   * outcome is unknown rather than a refusal that may be the item's own landed change.
   */
  private async checkSuspects(suspects: number[], error: GoogleError): Promise<void> {
    if (suspects.length === 0 || !this.plan.landed) return;
    const found = await this.landed(suspects);
    suspects.forEach((i, j) => {
      const value = found?.[j];
      if (value !== null && value !== undefined) this.outcomes[i] = { kind: 'applied', value };
      else if (found === null) this.outcomes[i] = { kind: 'unknown', error, mayHaveApplied: true };
    });
  }

  /** After a call without a final answer: applied where a look-up finds it, else unknown. */
  private async settle(group: number[], error: GoogleError | null): Promise<void> {
    const found = this.plan.landed ? await this.landed(group) : null;
    const lost = error ?? { ...NO_ANSWER };
    group.forEach((i, j) => {
      const value = found?.[j];
      this.outcomes[i] =
        value !== null && value !== undefined
          ? { kind: 'applied', value }
          : { kind: 'unknown', error: lost, mayHaveApplied: found === null || error === null };
    });
  }

  /** `plan.landed`, in calls of at most `limit` items; null when any look-up fails. */
  private async landed(group: number[]): Promise<(T | null)[] | null> {
    const found: (T | null)[] = [];
    for (let start = 0; start < group.length; start += this.plan.limit) {
      const slice = group
        .slice(start, start + this.plan.limit)
        .map((i) => this.items[i] ?? never());
      try {
        const part = await this.plan.landed?.(slice);
        if (!part) return null;
        found.push(...part);
      } catch {
        // The look-up itself failed (quota, budget, no answer): the items' state stays unknown.
        return null;
      }
    }
    return found;
  }
}
