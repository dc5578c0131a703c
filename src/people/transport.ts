/**
 * The transport under the googleapis client: undici's `request` on a keep-alive pool instead of
 * gaxios's default `fetch`, whose web streams, per-call AbortSignal and Response objects cost
 * several times the CPU of the request itself (DESIGN, "Performance contract"). The googleapis
 * client, its URL building, auth headers and error shapes stay as they are.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { Agent, request, type Dispatcher } from 'undici';

type Adapter = NonNullable<people_v1.Options['adapter']>;
type PreparedOptions = Parameters<Adapter>[0];

/** The body as bytes, decoded from the content-encoding Google chose (we ask for gzip). */
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

function toHeaders(raw: Dispatcher.ResponseData['headers']): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

function bodyOf(options: PreparedOptions): string | Buffer | undefined {
  const body: unknown = options.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  // googleapis serialises JSON bodies to strings; anything else would be a multipart upload,
  // which the People calls the gateway makes never use.
  throw new TypeError('unsupported request body for the undici transport');
}

/** A gaxios adapter over one undici Agent (a keep-alive pool per origin). */
export function createUndiciAdapter(
  dispatcher: Dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 }),
): Adapter {
  const adapter = async (options: PreparedOptions) => {
    const headers: Record<string, string> = {};
    options.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const res = await request(options.url, {
      method: (options.method ?? 'GET'),
      headers,
      body: bodyOf(options),
      dispatcher,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const raw = Buffer.from(await res.body.arrayBuffer());
    const encoding = res.headers['content-encoding'];
    const text = decode(raw, typeof encoding === 'string' ? encoding : undefined).toString('utf8');
    let data: unknown = text;
    if (text !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        // Not JSON (Google's HTML 404 page): gaxios keeps the text, and so do we.
      }
    }
    const responseHeaders = toHeaders(res.headers);
    responseHeaders.delete('content-encoding');
    // gaxios expects a Response carrying `config` and `data`; the body is already read.
    const response = new Response(null, { status: res.statusCode, headers: responseHeaders });
    // GaxiosError keeps `data` only from a response whose body was read (gaxios common.js).
    Object.defineProperty(response, 'bodyUsed', { value: true });
    return Object.assign(response, { config: options, data });
  };
  return adapter as Adapter;
}
