/**
 * What every People API call of the gateway is made with: the googleapis client (one per
 * process), the per-user queue, retry policy and budgets (`Upstream`), and who calls (`Caller`).
 * `PeopleClient` (client.ts) and the modules of more People methods beside it use them.
 */
import { people, type people_v1 } from 'googleapis/build/src/apis/people/index.js';
import type { RequestLogger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { OperationBudget } from './operationBudget.js';
import type { MutationQueue } from './queue.js';
import type { RateBudget } from './rateBudget.js';
import type { RetryHooks, RetryPolicy } from './retry.js';
import type { SearchWarmth } from './searchWarmth.js';
import type { WriteBatch } from '../writeBatch.js';
import { PreparedRequests } from './preparedRequests.js';
import { adapterOver, createSend } from './transport.js';

/**
 * The googleapis client (one per process; credentials travel per call) and the requests it built
 * kept to be sent again, on one transport.
 */
export function createUpstreamApi(
  rootUrl: string,
  timeoutMs: number,
  writes?: WriteBatch,
): { api: people_v1.People; prepared: PreparedRequests } {
  const send = createSend(timeoutMs, writes);
  return {
    api: people({ version: 'v1', rootUrl, adapter: adapterOver(send) }),
    prepared: new PreparedRequests(send),
  };
}

/** getBatchGet's documented maximum of resource names per call. */
export const BATCH_GET_LIMIT = 200;

/** What all requests share: the googleapis client, the per-user queue and the retry policy. */
export interface Upstream {
  api: people_v1.People;
  /** Requests googleapis built, sent again (preparedRequests.ts). */
  prepared: PreparedRequests;
  queue: MutationQueue;
  /** Optional per-user budget of upstream mutations; every attempt spends one. */
  rateBudget?: RateBudget;
  retryPolicy: RetryPolicy;
  retryHooks?: RetryHooks;
  /** Counts and times every upstream call. */
  metrics?: Metrics;
  /** Whether Google's search cache has seen each user's writes; every write attempt stamps it. */
  searchWarmth?: SearchWarmth;
}

/** Who calls: the credentials to forward and a stable, non-secret key for their queue. */
export interface Caller {
  authorization: string;
  /** A hash of the credentials; never the token itself. */
  userKey: string;
  /** The request's logger: each upstream call is a debug line (method, outcome, time). */
  log?: RequestLogger;
  /** Service-account mode: the gateway's own token, replaced once if the People API says 401. */
  reauthorize?: Reauthorization;
  /** What the caller's operation may still spend upstream; every call, retries included, pays. */
  budget?: OperationBudget;
}

/** How a caller whose token the gateway owns recovers from a 401 (revoked or expired early). */
export interface Reauthorization {
  /** Drops the token the People API refused; resolves to a fresh `Authorization` value. */
  renew(): Promise<string>;
  /** What a 401 to the fresh token becomes: an error that says what the operator should check. */
  refused(): Error;
}

/** The per-call options of every googleapis call: the caller's credentials, no googleapis retry. */
export interface CallOptions {
  headers: { Authorization: string };
  retry: false;
}
