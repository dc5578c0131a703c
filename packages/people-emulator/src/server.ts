/**
 * HTTP layer: routing, auth, the request log, faults, body limits, admin endpoints and photo
 * downloads. Only node builtins; People API semantics live in handlers.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  ApiError,
  faultError,
  invalidArgument,
  notFoundHtml,
  unauthenticated,
  unimplemented,
} from './errors.js';
import { Faults, parseFaultSet } from './faults.js';
import {
  batchGet,
  createContact,
  deleteContactPhoto,
  getPerson,
  listConnections,
  listContactGroups,
  updateContact,
  updateContactPhoto,
  type Handler,
} from './handlers.js';
import { TOKEN_PATH, type OAuthReply, type TokenEndpoint } from './oauth.js';
import { DEFAULT_PHOTO_ID, DEFAULT_PHOTO_PNG } from './photos.js';
import { Query } from './query.js';
import type { EmulatorState } from './store.js';

/** One People API request as the admin log shows it (a fixed shape: tests and the bench read it). */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  token: string | null;
  status: number;
  start: number;
  end: number;
  /**
   * Extension to the fixed shape: the request's JSON body (its text when not JSON), present only
   * when the request carried one, so tests can assert exactly what was sent.
   */
  body?: unknown;
}

/** The answer of `GET /__emulator/requests`. */
export interface RequestLog {
  requests: RequestLogEntry[];
}

/** Parameters every Google API accepts (discovery document `parameters`). */
const GLOBAL_PARAMS = [
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'uploadType',
  'upload_protocol',
];

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler | 'unimplemented';
  /** Query parameters of the method (discovery document), besides the global ones. */
  params: readonly string[];
  mutation: boolean;
}

const PERSON_READ = ['personFields', 'requestMask.includeField', 'sources', 'sources[]'];

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^people:batchGet$/,
    handler: batchGet,
    params: [...PERSON_READ, 'resourceNames', 'resourceNames[]'],
    mutation: false,
  },
  {
    method: 'POST',
    pattern: /^people:createContact$/,
    handler: createContact,
    params: ['personFields', 'sources', 'sources[]'],
    mutation: true,
  },
  {
    method: 'PATCH',
    pattern: /^(people\/[^/:]+):updateContact$/,
    handler: updateContact,
    params: ['updatePersonFields', 'personFields', 'sources', 'sources[]'],
    mutation: true,
  },
  {
    method: 'PATCH',
    pattern: /^(people\/[^/:]+):updateContactPhoto$/,
    handler: updateContactPhoto,
    params: [],
    mutation: true,
  },
  {
    method: 'DELETE',
    pattern: /^(people\/[^/:]+):deleteContactPhoto$/,
    handler: deleteContactPhoto,
    params: ['personFields', 'sources', 'sources[]'],
    mutation: true,
  },
  {
    method: 'GET',
    pattern: /^(people\/[^/:]+)\/connections$/,
    handler: listConnections,
    params: [...PERSON_READ, 'pageSize', 'pageToken', 'requestSyncToken', 'sortOrder', 'syncToken'],
    mutation: false,
  },
  {
    method: 'GET',
    pattern: /^(people\/[^/:]+)$/,
    handler: getPerson,
    params: PERSON_READ,
    mutation: false,
  },
  {
    method: 'GET',
    pattern: /^contactGroups$/,
    handler: listContactGroups,
    params: ['groupFields', 'pageSize', 'pageToken', 'syncToken'],
    mutation: false,
  },
  // Methods Google has but the emulator does not: a clear 501 rather than a misleading 404.
  ...(
    [
      ['GET', /^people:(searchContacts|listDirectoryPeople|searchDirectoryPeople)$/],
      ['POST', /^people:(batchCreateContacts|batchUpdateContacts|batchDeleteContacts)$/],
      ['DELETE', /^people\/[^/:]+:deleteContact$/],
      ['GET', /^contactGroups(:batchGet|\/[^/:]+)$/],
      ['POST', /^contactGroups(\/[^/:]+\/members:modify)?$/],
      ['PUT', /^contactGroups\/[^/:]+$/],
      ['DELETE', /^contactGroups\/[^/:]+$/],
      ['GET', /^otherContacts(:search)?$/],
      ['POST', /^otherContacts\/[^/:]+:copyOtherContactToMyContactsGroup$/],
    ] as const
  ).map(([method, pattern]): Route => ({
    method,
    pattern,
    handler: 'unimplemented',
    params: [],
    mutation: false,
  })),
];

interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

/** Registers a service account for the token endpoint at run time (`npm run emulator` users). */
const SERVICE_ACCOUNTS_PATH = '/__emulator/service-accounts';

const JSON_TYPE = 'application/json; charset=UTF-8';
/** Large enough for a 10 MiB photo in base64; Google's own limit is not published. */
const MIN_BODY_LIMIT = 20 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining so the answer can still be written on this connection.
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new BodyTooLarge());
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` ${error.message}` : '';
    throw invalidArgument(`Invalid JSON payload received.${detail}`);
  }
}

/** Long strings (photo bytes) are shortened in the log: it is kept for the whole run. */
function shortened(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > 256 ? `${value.slice(0, 32)}…(${String(value.length)} chars)` : value;
  }
  if (Array.isArray(value)) return value.map(shortened);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortened(v)]));
  }
  return value;
}

function bodyForLog(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  try {
    return shortened(JSON.parse(text));
  } catch {
    return shortened(text);
  }
}

function bearerToken(req: IncomingMessage, query: Query): string | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? null;
  }
  return query.one('access_token') ?? query.one('oauth_token') ?? null;
}

function send(res: ServerResponse, reply: Reply, pretty = true): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string;
  if (reply.html !== undefined) {
    headers['Content-Type'] = 'text/html; charset=UTF-8';
    payload = reply.html;
  } else {
    headers['Content-Type'] = JSON_TYPE;
    headers.Vary = 'Origin, X-Origin, Referer';
    payload = JSON.stringify(reply.json ?? {}, null, pretty ? 2 : undefined);
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function errorReply(error: ApiError): Reply {
  return { status: error.httpStatus, json: error.toEnvelope(), headers: error.headers };
}

export interface EmulatorServer {
  server: Server;
  /** Resolves pending latency waits so close() is prompt. */
  abortPending: () => void;
}

export function createEmulatorServer(
  state: EmulatorState,
  tokenEndpoint: TokenEndpoint,
): EmulatorServer {
  const log: RequestLogEntry[] = [];
  const faults = new Faults(state.seed);
  const pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const bodyLimit = Math.max(MIN_BODY_LIMIT, Math.ceil((state.maxPhotoBytes * 4) / 3) + 65536);

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pending.add(entry);
    });
  }

  async function handlePeople(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const query = new Query(url.searchParams);
    const token = bearerToken(req, query);
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: query.toRecord(),
      token,
      status: 0,
      start: Date.now(),
      end: 0,
    };
    log.push(entry);
    // Exactly one draw per People API request, whatever happens next, so runs replay exactly.
    const decision = faults.draw();
    const { latencyMs, failStatus } = faults.set;
    const pretty = query.one('prettyPrint') !== 'false';
    let reply: Reply;
    try {
      const raw = await readBody(req, bodyLimit).catch((error: unknown) => {
        if (error instanceof BodyTooLarge) {
          throw new ApiError(
            413,
            'INVALID_ARGUMENT',
            `Request payload size exceeds the limit: ${bodyLimit} bytes.`,
            'badRequest',
          );
        }
        throw error;
      });
      if (raw.length > 0) entry.body = bodyForLog(raw);
      if (latencyMs > 0) await sleep(latencyMs);
      reply = dispatch(req.method ?? 'GET', url, query, token, raw, decision, failStatus);
    } catch (error) {
      reply =
        error instanceof ApiError
          ? errorReply(error)
          : errorReply(
              new ApiError(500, 'INTERNAL', 'Internal error encountered.', 'backendError'),
            );
      if (!(error instanceof ApiError)) console.error('[emulator] unexpected error', error);
    }
    entry.status = reply.status;
    entry.end = Date.now();
    send(res, reply, pretty);
  }

  function dispatch(
    method: string,
    url: URL,
    query: Query,
    token: string | null,
    raw: Buffer,
    decision: ReturnType<Faults['draw']>,
    failStatus: Faults['set']['failStatus'],
  ): Reply {
    const path = url.pathname;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      decoded = path;
    }
    const rest = decoded.startsWith('/v1/') ? decoded.slice('/v1/'.length) : undefined;
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    if (rest !== undefined) {
      for (const candidate of ROUTES) {
        if (candidate.method !== method) continue;
        match = candidate.pattern.exec(rest);
        if (match) {
          route = candidate;
          break;
        }
      }
    }
    // Google's front end answers unmatched URLs and verbs with HTML, before auth.
    if (!route || !match) return { status: 404, html: notFoundHtml(path) };
    const user =
      token === null ? undefined : (state.users.get(token) ?? tokenEndpoint.userFor(token));
    if (!user) throw unauthenticated();
    if (decision === 'fail') throw faultError(failStatus);
    if (route.handler === 'unimplemented') throw unimplemented();
    for (const key of query.keys()) {
      if (!GLOBAL_PARAMS.includes(key) && !route.params.includes(key)) {
        throw invalidArgument(
          `Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter. Field '${key}' could not be found in request message.`,
        );
      }
    }
    const body = route.mutation ? parseJsonBody(raw) : {};
    const json = route.handler({ state, user, query, body, resourceName: match[1] ?? '' });
    // "Apply then fail": the change is stored, the answer is lost as a 503.
    if (route.mutation && decision === 'applyThenFail') throw faultError(503);
    return { status: 200, json };
  }

  function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const photo = /^\/__emulator\/photos\/([A-Za-z0-9_-]+)$/.exec(path);
    if (photo && (method === 'GET' || method === 'HEAD')) {
      const id = photo[1] ?? '';
      const stored =
        id === DEFAULT_PHOTO_ID
          ? { bytes: DEFAULT_PHOTO_PNG, contentType: 'image/png' }
          : state.photos.get(id);
      if (!stored) {
        send(res, { status: 404, html: notFoundHtml(path) });
        return;
      }
      res.writeHead(200, {
        'Content-Type': stored.contentType,
        'Content-Length': String(stored.bytes.length),
        'Cache-Control': 'public, max-age=86400',
      });
      res.end(method === 'HEAD' ? undefined : stored.bytes);
      return;
    }
    if (path === '/__emulator/requests') {
      if (method === 'GET') {
        send(res, { status: 200, json: { requests: log } });
        return;
      }
      if (method === 'DELETE') {
        log.length = 0;
        send(res, { status: 200, json: {} });
        return;
      }
    }
    if (path === '/__emulator/token-requests' && (method === 'GET' || method === 'DELETE')) {
      if (method === 'DELETE') tokenEndpoint.requests.length = 0;
      send(res, { status: 200, json: { requests: tokenEndpoint.requests } });
      return;
    }
    if (path === '/__emulator/tokens' && method === 'DELETE') {
      send(res, { status: 200, json: { revoked: tokenEndpoint.revokeAll() } });
      return;
    }
    const state404: Reply = { status: 404, json: { error: { code: 404, message: 'Not found.' } } };
    const stateMatch = /^\/__emulator\/state\/([^/]+)\/([^/]+)$/.exec(path);
    if (stateMatch && method === 'GET') {
      const name = decodeURIComponent(stateMatch[1] ?? '');
      const user = state.users.get(name) ?? tokenEndpoint.delegatedUser(name);
      const contact = user?.contacts.get(`people/${decodeURIComponent(stateMatch[2] ?? '')}`);
      send(res, contact ? { status: 200, json: contact } : state404);
      return;
    }
    if (path === '/__emulator/faults') {
      if (method === 'GET') {
        send(res, { status: 200, json: faults.set });
        return;
      }
      if (method === 'DELETE') {
        faults.clear();
        send(res, { status: 200, json: faults.set });
        return;
      }
      if (method === 'PUT') {
        readBody(req, MIN_BODY_LIMIT)
          .then((raw) => {
            faults.replace(parseFaultSet(parseJsonBody(raw), state.seed));
            send(res, { status: 200, json: faults.set });
          })
          .catch((error: unknown) => {
            send(
              res,
              error instanceof ApiError
                ? errorReply(error)
                : errorReply(invalidArgument('Fault set could not be read.')),
            );
          });
        return;
      }
    }
    if (path === SERVICE_ACCOUNTS_PATH && method === 'POST') {
      readBody(req, MIN_BODY_LIMIT)
        .then((raw) => {
          sendOAuth(res, tokenEndpoint.registerFromAdmin(parseJsonBody(raw)));
        })
        .catch((error: unknown) => {
          send(
            res,
            error instanceof ApiError
              ? errorReply(error)
              : errorReply(invalidArgument('Service account could not be read.')),
          );
        });
      return;
    }
    send(res, state404);
  }

  /** `POST /token`, Google's OAuth token endpoint: form-encoded (or JSON) grant parameters. */
  function handleToken(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') {
      req.resume();
      sendOAuth(res, {
        status: 405,
        json: { error: 'invalid_request', error_description: 'Use POST.' },
      });
      return;
    }
    readBody(req, MIN_BODY_LIMIT)
      .then((raw) => {
        const text = raw.toString('utf8');
        let form: URLSearchParams;
        if (/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
          const json = JSON.parse(text) as unknown;
          const entries =
            typeof json === 'object' && json !== null ? Object.entries(json) : ([] as const);
          form = new URLSearchParams(
            entries.filter((e): e is [string, string] => typeof e[1] === 'string'),
          );
        } else {
          form = new URLSearchParams(text);
        }
        // The key file's token_uri names the emulator by any host that reaches it.
        const audiences = [`${state.rootUrl}token`];
        if (req.headers.host) audiences.push(`http://${req.headers.host}${TOKEN_PATH}`);
        sendOAuth(res, tokenEndpoint.exchange(form, audiences));
      })
      .catch(() => {
        sendOAuth(res, {
          status: 400,
          json: { error: 'invalid_request', error_description: 'Bad Request' },
        });
      });
  }

  function sendOAuth(res: ServerResponse, reply: OAuthReply): void {
    send(res, {
      status: reply.status,
      json: reply.json,
      // Google's token endpoint: tokens are never cached by intermediaries (RFC 6749 §5.1).
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (url.pathname === TOKEN_PATH) {
      // The OAuth token endpoint (oauth2.googleapis.com in Google): not a People API route.
      handleToken(req, res);
      return;
    }
    if (url.pathname.startsWith('/__emulator/')) {
      // Admin routes and photo downloads: never logged, never faulted, no token.
      const readsBody =
        req.method === 'PUT' || (req.method === 'POST' && url.pathname === SERVICE_ACCOUNTS_PATH);
      if (!readsBody) req.resume();
      handleAdmin(req, res, url);
      return;
    }
    void handlePeople(req, res, url);
  });

  return {
    server,
    abortPending: () => {
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pending.clear();
    },
  };
}
