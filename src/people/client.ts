/**
 * The only module that talks to the People API: googleapis' People v1 client (its People surface
 * only; the whole `googleapis` package costs ~0.75 s and 90 MB at start), pointed at Google or at
 * the emulator, with the caller's credentials on every call.
 */
import { people, type people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { parseGoogleError, type GoogleApiError } from '../mappers/googleError.js';
import type { UpdateContactRequest } from '../mappers/updateContact.js';
import type { Person } from './types.js';

/** A failed People API call, already reduced to Google's error envelope. */
export class PeopleApiError extends Error {
  override name = 'PeopleApiError';
  constructor(readonly google: GoogleApiError) {
    super(`People API ${google.httpStatus}: ${google.status ?? ''} ${google.message}`);
  }
}

/** One googleapis client per process; credentials travel per call. */
export function createPeopleApi(rootUrl: string): people_v1.People {
  // Node's own fetch (undici) keeps connections alive and costs far less CPU than gaxios's
  // default node-fetch transport.
  return people({ version: 'v1', rootUrl, fetchImplementation: fetch });
}

/** getBatchGet's documented maximum of resource names per call. */
export const BATCH_GET_LIMIT = 200;

interface ErrorLike {
  name?: unknown;
  response?: { status?: unknown; data?: unknown; headers?: unknown };
}

function retryAfterOf(headers: unknown): string | null {
  if (headers instanceof Headers) return headers.get('retry-after');
  return null;
}

function toPeopleApiError(error: unknown): PeopleApiError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const status = e.response?.status;
  if (typeof status === 'number') {
    return new PeopleApiError(
      parseGoogleError(status, e.response?.data, retryAfterOf(e.response?.headers)),
    );
  }
  // No HTTP answer: refused, reset, DNS or our own timeout.
  return new PeopleApiError({
    httpStatus: 0,
    status: 'UNAVAILABLE',
    message: typeof e.name === 'string' ? e.name : 'network error',
    reasons: [],
    fieldViolations: [],
    retryAfterSeconds: null,
  });
}

/** The People API as one caller sees it. */
export class PeopleClient {
  constructor(
    private readonly api: people_v1.People,
    private readonly authorization: string,
    private readonly timeoutMs: number,
  ) {}

  private get options() {
    // The gateway owns retries (googleapis never retries PATCH and would retry GETs blindly).
    return {
      headers: { Authorization: this.authorization },
      retry: false,
      timeout: this.timeoutMs,
    };
  }

  async updateContact(request: UpdateContactRequest): Promise<Person> {
    try {
      const res = await this.api.people.updateContact(request, this.options);
      return res.data;
    } catch (error) {
      throw toPeopleApiError(error);
    }
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
    try {
      const res = await this.api.people.getBatchGet(
        { resourceNames: [...resourceNames], personFields },
        this.options,
      );
      const responses = res.data.responses ?? [];
      return resourceNames.map((name, i) => {
        // Entries come back in request order; requestedResourceName confirms which is which.
        const entry =
          responses[i]?.requestedResourceName === name
            ? responses[i]
            : responses.find((r) => r.requestedResourceName === name);
        const failed = (entry?.status?.code ?? 0) !== 0;
        return entry?.person && !failed ? entry.person : null;
      });
    } catch (error) {
      throw toPeopleApiError(error);
    }
  }
}
