/**
 * The only module that talks to the People API: googleapis' People v1 client (its People surface
 * only; the whole `googleapis` package costs ~0.75 s and 90 MB at start), pointed at Google or at
 * the emulator, with the caller's credentials on every call. Mutations go through the caller's
 * queue (one at a time per user) and the gateway's retry policy.
 */
import type { PeopleCalls } from './calls.js';
import { heldBack, PeopleApiError, toPeopleApiError } from './errors.js';
import { spendRateBudget } from './rateBudget.js';
import {
  readFieldsOf,
  updateContactMerging,
  type UpdateOptions,
  type UpdateSteps,
} from './merge.js';
import type { CallParams } from './preparedRequests.js';
import type {
  CreateContactRequest,
  UpdateContactPhotoRequest,
  UpdateContactRequest,
} from './requests.js';
import { toPersonPathParam } from './resourceNames.js';
import { isRetryable, withRetries } from './retry.js';
import {
  BATCH_GET_LIMIT,
  createUpstreamApi,
  type CallOptions,
  type Caller,
  type Reauthorization,
  type Upstream,
} from './upstream.js';
import type { ListConnectionsResponse, Person } from './types.js';

export { PeopleApiError };

export { BATCH_GET_LIMIT, createUpstreamApi };
export type { Caller, Reauthorization, Upstream };

/**
 * The People API as one caller sees it. Every name in a path goes through `toPersonPathParam`:
 * googleapis expands `{+resourceName}` without encoding `?`, `#` or `:`, so a crafted name could
 * otherwise change the method, path or query sent to Google.
 */
export class PeopleClient {
  constructor(
    private readonly upstream: Upstream,
    private readonly caller: Caller,
  ) {}

  /** This caller's call paths, for People methods kept in modules of their own (calls.ts). */
  get calls(): PeopleCalls {
    return {
      api: this.upstream.api,
      userKey: this.caller.userKey,
      budget: this.caller.budget,
      options: () => this.options,
      call: (request, method, names) => this.call(request, method, names),
      read: (request, method, names) => this.read(request, method, names),
      readPrepared: (method, params, build, names) =>
        this.readPrepared(method, params, build, names),
      mutate: (attempt, retryable) => this.mutate(attempt, retryable),
    };
  }

  /** This request's one renewal after a 401, shared by the calls that met the 401 together. */
  private renewal: Promise<string> | undefined;
  private renewed: string | undefined;

  private get options(): CallOptions {
    // The gateway owns retries (googleapis never retries PATCH and would retry GETs blindly).
    // The transport enforces the time limit (createUpstreamApi).
    return { headers: { Authorization: this.renewed ?? this.caller.authorization }, retry: false };
  }

  /**
   * Runs one googleapis call; any failure comes out as a PeopleApiError, except a 401 in
   * service-account mode: renewed once, then the caller's `refused()` error.
   */
  private async call<T>(
    request: () => Promise<{ data: T }>,
    method: string,
    names = 0,
  ): Promise<T> {
    this.caller.budget?.spend(1, names);
    const started = performance.now();
    const ms = () => Math.round((performance.now() - started) * 10) / 10;
    const sentRenewed = this.renewed !== undefined;
    try {
      const { data } = await request();
      this.caller.log?.debug({ upstream: method, status: 200, ms: ms() }, 'people api');
      this.record(method, '200', started);
      return data;
    } catch (error) {
      const failure = toPeopleApiError(error);
      const { httpStatus, status, message } = failure.google;
      this.caller.log?.debug(
        { upstream: method, status: httpStatus, reason: status, ms: ms() },
        message,
      );
      this.record(method, httpStatus === 0 ? 'no_answer' : String(httpStatus), started);
      const { reauthorize } = this.caller;
      if (httpStatus === 401 && reauthorize) {
        if (sentRenewed) throw reauthorize.refused();
        this.renewal ??= reauthorize.renew();
        this.renewed = await this.renewal;
        return this.call(request, method, names);
      }
      throw failure;
    }
  }

  private record(method: string, outcome: string, started: number): void {
    const metrics = this.upstream.metrics;
    metrics?.upstreamCalls.inc({ method, outcome });
    metrics?.upstreamSeconds.observe({ method }, (performance.now() - started) / 1000);
  }

  /** A mutation: queued behind the caller's other mutations, retried per policy. */
  private mutate<T>(attempt: (n: number) => Promise<T>, retryable = isRetryable): Promise<T> {
    return this.queued(() => this.retried(attempt, retryable));
  }

  /** `attempt` under the retry policy; every attempt pays the rate and operation budgets. */
  private retried<T>(attempt: (n: number) => Promise<T>, retryable = isRetryable): Promise<T> {
    const { retryPolicy, retryHooks, rateBudget } = this.upstream;
    const budgeted = async (n: number): Promise<T> => {
      this.caller.budget?.check(1, 0);
      await spendRateBudget(rateBudget, this.caller.userKey);
      try {
        return await attempt(n);
      } finally {
        // Landed or not, the write may have reached Google: the next search warms up first.
        await this.upstream.searchWarmth?.wrote(this.caller.userKey);
      }
    };
    return withRetries(budgeted, retryPolicy, {
      ...retryHooks,
      retryable: this.affordable(retryable),
    });
  }

  /** `mutation` in the caller's turn of the queue; what holds it back is reported like a 429. */
  private async queued<T>(mutation: () => Promise<T>): Promise<T> {
    try {
      return await this.upstream.queue.run(this.caller.userKey, mutation);
    } catch (error) {
      throw heldBack(error) ?? error;
    }
  }

  /** `people.updateContact`, retried, merged on a stale etag (src/people/merge.ts). */
  updateContact(request: UpdateContactRequest, options: UpdateOptions = {}) {
    const readFields = readFieldsOf(request, options);
    const api = this.upstream.api.people;
    // The PATCH too is sent as googleapis built it before, with this call's body.
    const patch = (params: UpdateContactRequest) => () =>
      this.upstream.prepared.request('updateContact', params, this.options, (options) =>
        api.updateContact(params, options),
      );
    const steps: UpdateSteps = {
      patch: (params) => this.call(patch(params), 'updateContact'),
      read: async () => (await this.getBatchGet([request.resourceName], readFields))[0] ?? null,
      retried: (attempt) => this.retried(attempt),
      readFields,
      metrics: this.upstream.metrics,
    };
    return this.queued(() => updateContactMerging(steps, request, options));
  }

  /**
   * Not retried after an ambiguous failure (5xx, no answer): a create that landed would be doubled.
   * A 429 is refused before anything happens, so only that is retried.
   */
  createContact(request: CreateContactRequest): Promise<Person> {
    return this.mutate(
      () =>
        this.call(
          () => this.upstream.api.people.createContact(request, this.options),
          'createContact',
        ),
      (error) => error.google.httpStatus === 429,
    );
  }

  /**
   * The updated person when `personFields` was sent, else null (Google skipped its read).
   * Retrying re-sends the same bytes: a lost answer at worst sets the same picture twice.
   */
  async updateContactPhoto(request: UpdateContactPhotoRequest): Promise<Person | null> {
    const params = { ...request, resourceName: toPersonPathParam(request.resourceName) };
    const data = await this.mutate(() =>
      this.call(
        () => this.upstream.api.people.updateContactPhoto(params, this.options),
        'updateContactPhoto',
      ),
    );
    return data.person ?? null;
  }

  /** The updated person when `personFields` is given, else null (Google skips its read). */
  async deleteContactPhoto(
    resourceName: string,
    personFields: string | null,
  ): Promise<Person | null> {
    const path = toPersonPathParam(resourceName);
    const params =
      personFields === null ? { resourceName: path } : { resourceName: path, personFields };
    const data = await this.mutate(() =>
      this.call(
        () => this.upstream.api.people.deleteContactPhoto(params, this.options),
        'deleteContactPhoto',
      ),
    );
    return data.person ?? null;
  }

  /** One page of `people/me` connections. */
  listConnections(
    pageSize: number,
    pageToken: string | undefined,
    personFields: string,
  ): Promise<ListConnectionsResponse> {
    const params = {
      resourceName: 'people/me',
      pageSize,
      personFields,
      ...(pageToken ? { pageToken } : {}),
    };
    return this.readPrepared('connections.list', params, (options) =>
      this.upstream.api.people.connections.list(params, options),
    );
  }

  /** Reads are not queued, and are retried like mutations (they are safe to repeat). */
  private read<T>(request: () => Promise<{ data: T }>, method: string, names = 0): Promise<T> {
    const hooks = this.upstream.retryHooks;
    return withRetries(() => this.call(request, method, names), this.upstream.retryPolicy, {
      ...hooks,
      retryable: this.affordable(hooks?.retryable ?? isRetryable, names),
    });
  }

  /**
   * A read googleapis builds once for its method and parameters (preparedRequests.ts), sent as it
   * was built on every later read with the same ones.
   */
  private readPrepared<T>(
    method: string,
    params: CallParams,
    build: (options: CallOptions) => Promise<{ data: T }>,
    names = 0,
  ): Promise<T> {
    const { prepared } = this.upstream;
    return this.read(() => prepared.request(method, params, this.options, build), method, names);
  }

  /** A retry the operation's budget cannot pay is not made: the last upstream error stands. */
  private affordable(
    retryable: (error: PeopleApiError) => boolean,
    names = 0,
  ): (error: PeopleApiError) => boolean {
    const budget = this.caller.budget;
    return budget ? (error) => retryable(error) && budget.fits(1, names) : retryable;
  }

  /**
   * `people.getBatchGet` for at most BATCH_GET_LIMIT names, in the order asked; null where an
   * entry did not resolve (its own status is an error).
   */
  async getBatchGet(
    resourceNames: readonly string[],
    personFields: string,
  ): Promise<(Person | null)[]> {
    if (resourceNames.length > BATCH_GET_LIMIT) {
      throw new RangeError(`getBatchGet takes at most ${BATCH_GET_LIMIT} names`);
    }
    const params = { resourceNames: [...resourceNames], personFields };
    const data = await this.readPrepared(
      'getBatchGet',
      params,
      (options) => this.upstream.api.people.getBatchGet(params, options),
      resourceNames.length,
    );
    const responses = data.responses ?? [];
    return resourceNames.map((name, i) => {
      // Entries come back in request order; requestedResourceName confirms which is which.
      const entry =
        responses[i]?.requestedResourceName === name
          ? responses[i]
          : responses.find((r) => r.requestedResourceName === name);
      const failed = (entry?.status?.code ?? 0) !== 0;
      return entry?.person && !failed ? entry.person : null;
    });
  }
}
