/**
 * The transport under the googleapis client: Node's own http(s) `request` on a keep-alive agent
 * instead of gaxios's default `fetch`, whose web streams, per-call AbortSignal and Response
 * objects cost several times the CPU of the request itself (docs/performance.md).
 * The googleapis client, its URL building, auth headers and error shapes stay as they are.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { WRITE_AT_ONCE, type WriteBatch } from '../writeBatch.js';
import { isContactGroupResourceName, isPersonResourceName } from './resourceNames.js';

type Adapter = NonNullable<people_v1.Options['adapter']>;
type PreparedOptions = Parameters<Adapter>[0];

/** The body as bytes, decoded from the content-encoding the server chose (googleapis asks gzip). */
function decode(bytes: Buffer, encoding: string | undefined): Buffer {
  switch (encoding) {
    case 'gzip':
      return gunzipSync(bytes);
    case 'br':
      return brotliDecompressSync(bytes);
    case 'deflate':
      return inflateSync(bytes);
    default:
      return bytes;
  }
}

function bodyOf(options: PreparedOptions): string | Buffer | undefined {
  const body: unknown = options.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  // googleapis serialises JSON bodies to strings; anything else would be a multipart upload,
  // which the People calls the gateway makes never use.
  throw new TypeError('unsupported request body for the gateway transport');
}

function toHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    if (name.toLowerCase() !== 'content-encoding') headers.append(name, raw[i + 1] ?? '');
  }
  return headers;
}

/**
 * The only requests the gateway makes, by method: `/v1/` and a People path, the person name in
 * group 1 (https://developers.google.com/people/api/rest). The client already encodes and checks
 * every name; this last check costs one regex per call and holds even if URL building changes.
 */
const PEOPLE_API_PATHS: Readonly<Record<string, RegExp>> = {
  GET: /^\/v1\/(?:people:batchGet|people:searchContacts|contactGroups|(people\/me)\/connections)$/,
  POST: /^\/v1\/people:(?:createContact|batchUpdateContacts|batchCreateContacts|batchDeleteContacts)$/,
  PATCH: /^\/v1\/(people\/[^/:]+):(?:updateContact|updateContactPhoto)$/,
  DELETE: /^\/v1\/(people\/[^/:]+):(?:deleteContactPhoto|deleteContact)$/,
};

/**
 * The contact group requests, by method, the group's name (if any) in group 1
 * (https://developers.google.com/people/api/rest/v1/contactGroups), checked like a person's.
 */
const CONTACT_GROUP_PATHS: Readonly<Record<string, RegExp>> = {
  GET: /^\/v1\/(contactGroups\/[^/:]+)$/,
  POST: /^\/v1\/(?:contactGroups|(contactGroups\/[^/:]+)\/members:modify)$/,
  PUT: /^\/v1\/(contactGroups\/[^/:]+)$/,
  DELETE: /^\/v1\/(contactGroups\/[^/:]+)$/,
};

/** A request the transport will not send: its URL is not one the gateway means to make. */
class UnexpectedPeopleRequest extends Error {
  override name = 'UnexpectedPeopleRequest';
  constructor(method: string) {
    // Neither path nor query: both can hold what a caller sent.
    super(`refused to send a ${method} outside the gateway's People API calls`);
  }
}

function checkPeopleApiRequest(method: string, url: URL): void {
  // An empty fragment (`…/abc#`) leaves `hash` empty; the URL still held a `#`.
  if (url.href.includes('#')) throw new UnexpectedPeopleRequest(method);
  const person = PEOPLE_API_PATHS[method]?.exec(url.pathname);
  if (person && (person[1] === undefined || isPersonResourceName(person[1]))) return;
  const group = CONTACT_GROUP_PATHS[method]?.exec(url.pathname);
  if (group && (group[1] === undefined || isContactGroupResourceName(group[1]))) return;
  throw new UnexpectedPeopleRequest(method);
}

/** A request as it leaves: everything googleapis put in it, already built. */
export interface WireRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
}

/** An answer: its status, headers, and the body parsed as JSON (its text when it is not JSON). */
export interface WireResponse {
  status: number;
  headers: Headers;
  data: unknown;
}

type Agents = { http: HttpAgent; https: HttpsAgent };

/** One round trip; resolves with the status, headers and decoded text. */
function roundTrip(
  request: WireRequest,
  agents: Agents,
  timeoutMs: number,
  writes: WriteBatch,
): Promise<{ status: number; headers: Headers; text: string }> {
  const { url, method, body } = request;
  checkPeopleApiRequest(method, url);
  const headers =
    body === undefined
      ? request.headers
      : { ...request.headers, 'content-length': String(Buffer.byteLength(body)) };
  const https = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const send = () => {
      const req = (https ? httpsRequest : httpRequest)(
        url,
        {
          method,
          headers,
          agent: https ? agents.https : agents.http,
          ...(request.signal ? { signal: request.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const encoding = res.headers['content-encoding'];
              const text = decode(Buffer.concat(chunks), encoding).toString('utf8');
              resolve({ status: res.statusCode ?? 0, headers: toHeaders(res), text });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      // One timer for the whole exchange (cheaper than gaxios's per-call AbortSignal).
      const timer = setTimeout(() => {
        req.destroy(Object.assign(new Error('upstream timeout'), { name: 'TimeoutError' }));
      }, timeoutMs);
      req.on('close', () => {
        clearTimeout(timer);
      });
      req.on('error', reject);
      req.end(body);
    };
    // Sent with the other writes of this turn of the event loop (writeBatch.ts).
    writes.write(send).catch(reject);
  });
}

/** The request googleapis prepared, as it will leave. */
function wireRequestOf(options: PreparedOptions): WireRequest {
  const headers: Record<string, string> = {};
  options.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = bodyOf(options);
  return {
    url: new URL(options.url),
    method: options.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** The People API's transport: sends a request, reads its answer (JSON parsed when it is JSON). */
export type Send = (request: WireRequest) => Promise<WireResponse>;

/** Sends over keep-alive agents (one connection pool per origin), with the writes of `writes`. */
export function createSend(timeoutMs: number, writes = WRITE_AT_ONCE): Send {
  const agents: Agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 256 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }),
  };
  return async (request) => {
    const { status, headers, text } = await roundTrip(request, agents, timeoutMs, writes);
    let data: unknown = text;
    if (text !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        // Not JSON (Google's HTML 404 page): gaxios keeps the text, and so do we.
      }
    }
    return { status, headers, data };
  };
}

/** The gaxios adapter over `send`: what googleapis calls for every request it built. */
export function adapterOver(send: Send): Adapter {
  const adapter = async (options: PreparedOptions) => {
    const { status, headers, data } = await send(wireRequestOf(options));
    // What gaxios and googleapis-common read of a response (they type it as a fetch Response,
    // which would cost more to build). GaxiosError keeps `data` only when `bodyUsed`.
    return {
      config: options,
      data,
      status,
      statusText: '',
      ok: status >= 200 && status < 300,
      headers,
      bodyUsed: true,
      url: String(options.url),
    };
  };
  // The plain object stands in for the fetch Response gaxios types (it reads only these fields).
  return adapter as unknown as Adapter;
}

/**
 * A gaxios adapter over keep-alive agents (one connection pool per origin); requests leave with
 * the other socket writes of `writes`.
 */
export function createHttpAdapter(timeoutMs: number, writes = WRITE_AT_ONCE): Adapter {
  return adapterOver(createSend(timeoutMs, writes));
}
