/**
 * The only module that talks to the People API: googleapis' People v1 client (its People surface
 * only; the whole `googleapis` package costs ~0.75 s and 90 MB at start), pointed at Google or at
 * the emulator, with the caller's credentials on every call.
 */
import { people, type people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { parseGoogleError, type GoogleApiError } from '../mappers/googleError.js';
import type { CreateContactRequest } from '../mappers/createContact.js';
import type { UpdateContactPhotoRequest } from '../mappers/photo.js';
import type { UpdateContactRequest } from '../mappers/updateContact.js';
import type { ListConnectionsResponse, ListContactGroupsResponse, Person } from './types.js';

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

  /** Runs one googleapis call; any failure comes out as a PeopleApiError. */
  private async call<T>(request: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await request()).data;
    } catch (error) {
      throw toPeopleApiError(error);
    }
  }

  updateContact(request: UpdateContactRequest): Promise<Person> {
    return this.call(() => this.api.people.updateContact(request, this.options));
  }

  createContact(request: CreateContactRequest): Promise<Person> {
    return this.call(() => this.api.people.createContact(request, this.options));
  }

  /** The updated person when `personFields` was sent, else null (Google skipped its read). */
  async updateContactPhoto(request: UpdateContactPhotoRequest): Promise<Person | null> {
    const data = await this.call(() => this.api.people.updateContactPhoto(request, this.options));
    return data.person ?? null;
  }

  /** The updated person when `personFields` is given, else null (Google skips its read). */
  async deleteContactPhoto(
    resourceName: string,
    personFields: string | null,
  ): Promise<Person | null> {
    const params = personFields === null ? { resourceName } : { resourceName, personFields };
    const data = await this.call(() => this.api.people.deleteContactPhoto(params, this.options));
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
    return this.call(() => this.api.people.connections.list(params, this.options));
  }

  /** One page of contact groups, with the fields the schema exposes. */
  listContactGroups(
    pageSize: number,
    pageToken: string | undefined,
  ): Promise<ListContactGroupsResponse> {
    const params = {
      pageSize,
      groupFields: 'groupType,memberCount,metadata,name',
      ...(pageToken ? { pageToken } : {}),
    };
    return this.call(() => this.api.contactGroups.list(params, this.options));
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
    const data = await this.call(() =>
      this.api.people.getBatchGet(
        { resourceNames: [...resourceNames], personFields },
        this.options,
      ),
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
