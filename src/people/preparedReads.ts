/**
 * Reads sent again as googleapis built them. googleapis builds every request from scratch: it
 * deep-copies the options and parameters, expands the URL template, serialises the query, merges
 * the headers into a `Headers` and has gaxios check and copy it all again, on every call
 * (docs/performance.md). A read is a pure function of its method and parameters, plus the
 * caller's `Authorization`: the first time a read is made, googleapis builds it and this module
 * keeps the request exactly as it left (URL, method, headers); the next read with the same method
 * and parameters leaves as that request with this caller's `Authorization`.
 *
 * Only what googleapis built is ever sent: requests are kept per method and parameters, never
 * assembled here. Answers are never kept: every read goes to Google.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import type { CallOptions } from './upstream.js';
import { adapterOver, type Send, type WireRequest, type WireResponse } from './transport.js';

type Adapter = NonNullable<people_v1.Options['adapter']>;

/** googleapis' per-call options with the adapter that sees the request it built. */
export type BuildOptions = CallOptions & { adapter: Adapter };

/**
 * Requests kept at most, the least recently used dropped past it. Each holds a URL (a
 * `getBatchGet` of 200 names is about 6 KB), so at most a few MB.
 */
export const MAX_PREPARED_READS = 256;

/** A non-2xx answer to a read sent again, in the shape gaxios gives its own (`response`). */
export class UpstreamStatusError extends Error {
  override name = 'UpstreamStatusError';
  constructor(readonly response: WireResponse) {
    super(`Request failed with status code ${response.status}`);
  }
}

const AUTHORIZATION = 'authorization';

export class PreparedReads {
  /** By method and parameters; the headers without `Authorization`, least recently used first. */
  readonly #requests = new Map<string, WireRequest>();

  constructor(
    private readonly send: Send,
    readonly max = MAX_PREPARED_READS,
  ) {}

  /** Requests kept now. */
  get size(): number {
    return this.#requests.size;
  }

  /**
   * The read `method` with `params`: sent as googleapis built it before for the same method and
   * parameters, or built by `build` (the googleapis call, given `options`) and kept.
   */
  async read<T>(
    method: string,
    params: Readonly<Record<string, unknown>>,
    options: CallOptions,
    build: (options: BuildOptions) => Promise<{ data: T }>,
  ): Promise<{ data: T }> {
    const key = `${method} ${JSON.stringify(params)}`;
    const kept = this.#requests.get(key);
    if (kept === undefined) {
      const adapter = adapterOver(async (request) => {
        this.#keep(key, request, options.headers.Authorization);
        return this.send(request);
      });
      return build({ ...options, adapter });
    }
    this.#requests.delete(key);
    this.#requests.set(key, kept);
    const response = await this.send({
      ...kept,
      headers: { ...kept.headers, [AUTHORIZATION]: options.headers.Authorization },
    });
    if (response.status < 200 || response.status >= 300) throw new UpstreamStatusError(response);
    // As googleapis hands it out: the parsed body, typed by the method.
    return { data: response.data as T };
  }

  #keep(key: string, request: WireRequest, authorization: string): void {
    const { [AUTHORIZATION]: sent, ...headers } = request.headers;
    // Only a plain GET with the credentials it was given: anything else is built every time.
    if (request.method !== 'GET' || request.body !== undefined || request.signal) return;
    if (sent !== authorization) return;
    this.#requests.set(key, { url: request.url, method: request.method, headers });
    for (const oldest of this.#requests.keys()) {
      if (this.#requests.size <= this.max) break;
      this.#requests.delete(oldest);
    }
  }
}
