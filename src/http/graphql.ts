/**
 * The /graphql route: the cheap refusals first (credentials before the body is read, its size
 * while it is read, its JSON nesting before it is parsed, the document's bracket nesting before
 * graphql-js parses it), then Apollo Server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { MAX_BRACKET_NESTING, nestsDeeperThan } from '../documentLimits.js';
import type { RequestLogger } from '../logger.js';
import type { WriteBatch } from '../writeBatch.js';
import { jsonNestsDeeperThan, MAX_JSON_NESTING, readBody } from './body.js';
import type { createCors } from './cors.js';
import { httpStatusOf } from './formatError.js';
import { errorBody, sendJson } from './responses.js';

/** One HTTP exchange as the access log sees it; the handler fills in the caller once known. */
export interface Exchange {
  requestId: string;
  log: RequestLogger;
  /** The hashed caller (token or delegated subject), once the context is built. */
  caller?: string;
  /** The client went away before its request was read. */
  aborted?: boolean;
}

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  context: (input: {
    headers: IncomingMessage['headers'];
    requestId: string;
    log: RequestLogger;
    mayCompose: boolean;
  }) => Promise<GatewayContext>;
  cors: ReturnType<typeof createCors>;
  maxBodyBytes: number;
  maxTokens: number;
  /** Whether this request may read the subgraph SDL. */
  mayCompose: (req: IncomingMessage) => boolean;
  /** The socket writes answers leave with (the upstream requests' too). */
  writes: WriteBatch;
}

/** The operation text of a request: `query` of a JSON body, or of the URL for a GET. */
function documentOf(body: unknown, url: URL): string | undefined {
  if (typeof body === 'object' && body !== null && 'query' in body) {
    const query = body.query;
    return typeof query === 'string' ? query : undefined;
  }
  return url.searchParams.get('query') ?? undefined;
}

/** Whether the operation's brackets nest deeper than graphql-js's parser should be given. */
function nestsTooDeep(body: unknown, url: URL, maxTokens: number): boolean {
  const source = documentOf(body, url);
  return source !== undefined && nestsDeeperThan(source, MAX_BRACKET_NESTING, maxTokens);
}

/** A refusal raised before execution, in the shape Apollo gives its own. */
function sendRefusal(res: ServerResponse, error: unknown, exchange: Exchange, cors: HeaderMap) {
  if (error instanceof GraphQLError) {
    const code = error.extensions['code'];
    sendJson(
      res,
      httpStatusOf(error) ?? 400,
      errorBody(error.message, typeof code === 'string' ? code : 'BAD_REQUEST', exchange.requestId),
      cors,
    );
    return;
  }
  exchange.log.error({ err: error }, 'context failed');
  sendJson(
    res,
    500,
    errorBody('Internal server error', 'INTERNAL_SERVER_ERROR', exchange.requestId),
    cors,
  );
}

/**
 * Apollo stamps the request id on errors of operations it ran (loggingPlugin); errors it raises
 * before (CSRF, a malformed request) come back without: add it, on those rare answers only.
 */
function withRequestId(body: string, requestId: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
    for (const error of parsed.errors ?? []) {
      error.extensions = { ...error.extensions, requestId };
    }
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

async function writeResponse(
  res: ServerResponse,
  response: HTTPGraphQLResponse,
  cors: HeaderMap,
  requestId: string,
  writes: WriteBatch,
) {
  for (const [key, value] of cors) response.headers.set(key, value);
  const status = response.status ?? 200;
  if (response.body.kind === 'complete') {
    const body =
      status >= 400 ? withRequestId(response.body.string, requestId) : response.body.string;
    // A known length: head and body leave in one write, without chunked framing, with the other
    // answers and upstream requests of this turn of the event loop (writeBatch.ts).
    response.headers.set('content-length', String(Buffer.byteLength(body)));
    const head = Object.fromEntries(response.headers);
    await writes.write(() => {
      res.writeHead(status, head);
      res.end(body);
    });
    return;
  }
  res.writeHead(status, Object.fromEntries(response.headers));
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Reads and parses a POST body; undefined once the answer (413, 400) is sent or the client left. */
async function bodyOf(
  req: IncomingMessage,
  res: ServerResponse,
  options: GraphQLHandlerOptions,
  exchange: Exchange,
  cors: HeaderMap,
): Promise<{ body: unknown } | undefined> {
  const read = await readBody(req, options.maxBodyBytes);
  if (read.kind === 'aborted') {
    exchange.aborted = true;
    return undefined;
  }
  const refuse = (status: number, message: string, code: string) => {
    sendJson(res, status, errorBody(message, code, exchange.requestId), cors);
  };
  if (read.kind === 'too-large') {
    res.setHeader('connection', 'close');
    refuse(413, `The request body exceeds ${options.maxBodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE');
    return undefined;
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(type) || read.text === '') {
    return { body: read.text };
  }
  if (jsonNestsDeeperThan(read.text, MAX_JSON_NESTING)) {
    refuse(400, `The request body nests deeper than ${MAX_JSON_NESTING} levels.`, 'BAD_REQUEST');
    return undefined;
  }
  try {
    return { body: JSON.parse(read.text) as unknown };
  } catch {
    refuse(400, 'The request body is not valid JSON.', 'BAD_REQUEST');
    return undefined;
  }
}

export function createGraphQLHandler(options: GraphQLHandlerOptions) {
  const { apollo, cors } = options;
  return async (req: IncomingMessage, res: ServerResponse, url: URL, exchange: Exchange) => {
    const headers = new HeaderMap();
    cors.apply(req, headers);
    headers.set('x-request-id', exchange.requestId);
    if (req.method === 'OPTIONS') {
      cors.preflight(res, headers);
      return;
    }
    const input = {
      headers: req.headers,
      requestId: exchange.requestId,
      log: exchange.log,
      mayCompose: options.mayCompose(req),
    };
    // Who calls is known from the headers alone: an unauthenticated request is answered
    // before its body is read, whatever its size. A GET without an operation is the landing page.
    let context: GatewayContext | undefined;
    if (
      req.method === 'POST' ||
      url.searchParams.has('query') ||
      url.searchParams.has('extensions')
    ) {
      try {
        context = await options.context(input);
      } catch (error) {
        sendRefusal(res, error, exchange, headers);
        return;
      }
      exchange.caller = context.caller;
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const read = await bodyOf(req, res, options, exchange, headers);
      if (read === undefined) return;
      body = read.body;
    }
    if (nestsTooDeep(body, url, options.maxTokens)) {
      const message = `The operation nests brackets deeper than ${MAX_BRACKET_NESTING} levels.`;
      sendJson(res, 400, errorBody(message, 'GRAPHQL_PARSE_FAILED', exchange.requestId), headers);
      return;
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method ?? 'GET',
        headers: headerMapOf(req),
        search: url.search,
        body,
      },
      context: () => (context ? Promise.resolve(context) : options.context(input)),
    });
    await writeResponse(res, response, headers, exchange.requestId, options.writes);
  };
}
