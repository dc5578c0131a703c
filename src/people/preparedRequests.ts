/**
 * Requests sent again as googleapis built them. googleapis builds every request from scratch: it
 * deep-copies the options and parameters, expands the URL template, serialises the query, merges
 * the headers into a `Headers` and has gaxios check and copy it all again, on every call
 * (docs/performance.md). Its URL and headers are a pure function of the method and the parameters
 * other than the body, plus the caller's `Authorization`: the first time a method is called with
 * some parameters, googleapis builds the request and this module keeps it as it left (URL, method,
 * headers); the next call with the same method and parameters leaves as that request, with this
 * caller's `Authorization` and, for a write, this call's body serialised as gaxios serialises it
 * (`JSON.stringify` of `requestBody`; a request whose body googleapis wrote otherwise is not kept).
 *
 * Only what googleapis built is sent again: URLs and headers are kept per method and parameters,
 * never assembled here, and a body is kept only if googleapis wrote it as this module does.
 * Answers are never kept: every call goes to Google.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import type { CallOptions } from './upstream.js';
import { adapterOver, type Send, type WireRequest, type WireResponse } from './transport.js';

type Adapter = NonNullable<people_v1.Options['adapter']>;

/** googleapis' per-call options with the adapter that sees the request it built. */
type BuildOptions = CallOptions & { adapter: Adapter };

/**
 * Requests kept at most, the least recently used dropped past it. Each holds a URL (a
 * `getBatchGet` of 200 names is about 6 KB), so at most a few MB.
 */
export const MAX_PREPARED_REQUESTS = 256;

/** A non-2xx answer to a request sent again, in the shape gaxios gives its own (`response`). */
export class UpstreamStatusError extends Error {
  override name = 'UpstreamStatusError';
  constructor(readonly response: WireResponse) {
    super(`Request failed with status code ${response.status}`);
  }
}

const AUTHORIZATION = 'authorization';

/** A People API call's parameters as googleapis takes them: path and query, and a JSON body. */
export type CallParams = object;

export class PreparedRequests {
  /** By method and parameters; `Authorization` left empty; least recently used first. */
  readonly #requests = new Map<string, WireRequest>();

  constructor(
    private readonly send: Send,
    readonly max = MAX_PREPARED_REQUESTS,
  ) {}

  /** Requests kept now. */
  get size(): number {
    return this.#requests.size;
  }

  /**
   * The call `method` with `params`: sent as googleapis built it before for the same method and
   * parameters (the body apart), or built by `build` (the googleapis call, given `options`) and
   * kept.
   */
  async request<T>(
    method: string,
    params: CallParams,
    options: CallOptions,
    build: (options: BuildOptions) => Promise<{ data: T }>,
  ): Promise<{ data: T }> {
    const { requestBody, ...rest } = params as { requestBody?: unknown };
    const body = requestBody === undefined ? undefined : JSON.stringify(requestBody);
    const key = `${method} ${JSON.stringify(rest)}`;
    const kept = this.#requests.get(key);
    if (kept === undefined) {
      const adapter = adapterOver(async (request) => {
        this.#keep(key, request, options.headers.Authorization, body);
        return this.send(request);
      });
      return build({ ...options, adapter });
    }
    this.#requests.delete(key);
    this.#requests.set(key, kept);
    const response = await this.send({
      ...kept,
      headers: { ...kept.headers, [AUTHORIZATION]: options.headers.Authorization },
      ...(body === undefined ? {} : { body }),
    });
    if (response.status < 200 || response.status >= 300) throw new UpstreamStatusError(response);
    // As googleapis hands it out: the parsed body, typed by the method.
    return { data: response.data as T };
  }

  #keep(key: string, request: WireRequest, authorization: string, body: string | undefined): void {
    // Only a request with the credentials it was given and the body this module would send:
    // anything else is built every time.
    if (request.signal || request.headers[AUTHORIZATION] !== authorization) return;
    if (request.body !== body) return;
    // No credentials kept: the header keeps its place, empty, for the next caller's.
    const headers = { ...request.headers, [AUTHORIZATION]: '' };
    this.#requests.set(key, { url: request.url, method: request.method, headers });
    for (const oldest of this.#requests.keys()) {
      if (this.#requests.size <= this.max) break;
      this.#requests.delete(oldest);
    }
  }
}
