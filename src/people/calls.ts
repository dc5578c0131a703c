/**
 * What the modules of further People methods (contact groups in `groups.ts`, search in
 * `search.ts`) use of the client: the googleapis client and the client's own call paths, with the
 * caller's credentials, the per-user queue, the retry policy and the operation's budget. One
 * `PeopleClient` hands them out (`PeopleClient.calls`), so every upstream request still goes
 * through the same code.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import type { PeopleApiError } from './errors.js';
import type { OperationBudget } from './operationBudget.js';
import type { CallOptions } from './upstream.js';

export interface PeopleCalls {
  api: people_v1.People;
  /** The caller's hashed key (never a token): keys the queue and the search warmth. */
  userKey: string;
  /** What the operation may still spend upstream, when it has a budget. */
  budget: OperationBudget | undefined;
  /** googleapis per-call options: the caller's Authorization, googleapis' own retries off. */
  options: () => { headers: { Authorization: string }; retry: boolean };
  /** One HTTP request; a failure comes out as a PeopleApiError. Use inside `mutate`. */
  call: <T>(request: () => Promise<{ data: T }>, method: string, names?: number) => Promise<T>;
  /** A read: not queued, retried per policy; `names` resource names count toward the budget. */
  read: <T>(request: () => Promise<{ data: T }>, method: string, names?: number) => Promise<T>;
  /**
   * `read` of the googleapis call `build` makes with `params`: googleapis builds it once for its
   * method and parameters, later reads with the same ones are sent as it was built
   * (preparedRequests.ts).
   */
  readPrepared: <T>(
    method: string,
    params: object,
    build: (options: CallOptions) => Promise<{ data: T }>,
    names?: number,
  ) => Promise<T>;
  /**
   * A write: in the caller's turn of the queue, each attempt paying the rate and operation
   * budgets, retried while `retryable` says so (429, 5xx and no answer by default).
   */
  mutate: <T>(
    attempt: (n: number) => Promise<T>,
    retryable?: (error: PeopleApiError) => boolean,
  ) => Promise<T>;
}
