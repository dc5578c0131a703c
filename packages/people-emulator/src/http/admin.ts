/**
 * The admin routes under `/__emulator/`: the request logs, faults, raw state, service account
 * registration and photo downloads. No token, never logged, never faulted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, invalidArgument } from '../errors.js';
import { parseFaultSet, type Faults } from '../faults.js';
import { DEFAULT_PHOTO_ID, DEFAULT_PHOTO_PNG } from '../images.js';
import type { TokenEndpoint } from '../oauth/tokenEndpoint.js';
import type { EmulatorState } from '../store/state.js';
import { MIN_BODY_LIMIT, parseJsonBody, readBody } from './body.js';
import { errorReply, notFoundHtml, send, type Reply } from './reply.js';
import type { BoundedLog, RequestLogEntry } from './requestLog.js';
import { oauthReply } from './token.js';

export interface Admin {
  state: EmulatorState;
  tokenEndpoint: TokenEndpoint;
  faults: Faults;
  log: BoundedLog<RequestLogEntry>;
}

/** One admin route: the answer, or a promise of it for routes that read a body. */
interface AdminRoute {
  methods: readonly string[];
  pattern: RegExp;
  handle: (admin: Admin, match: RegExpExecArray, req: IncomingMessage) => Reply | Promise<Reply>;
}

const NOT_FOUND: Reply = { status: 404, json: { error: { code: 404, message: 'Not found.' } } };
const ok = (json: unknown): Reply => ({ status: 200, json });

/** Reads a JSON body and answers with `handle`; a bad body is a 400 saying what could not be read. */
async function withJsonBody(
  req: IncomingMessage,
  what: string,
  handle: (body: unknown) => Reply,
): Promise<Reply> {
  try {
    return handle(parseJsonBody(await readBody(req, MIN_BODY_LIMIT)));
  } catch (error) {
    return errorReply(
      error instanceof ApiError ? error : invalidArgument(`${what} could not be read.`),
    );
  }
}

/** A stored contact as the store holds it; a delegated user is named by its address. */
function storedContact(admin: Admin, userName: string, personId: string): Reply {
  const name = decodeURIComponent(userName);
  const user = admin.state.users.get(name) ?? admin.tokenEndpoint.delegatedUser(name);
  const contact = user?.contacts.get(`people/${decodeURIComponent(personId)}`);
  return contact ? ok(contact) : NOT_FOUND;
}

const ROUTES: readonly AdminRoute[] = [
  {
    methods: ['GET'],
    pattern: /^\/__emulator\/requests$/,
    handle: ({ log }) => ok({ requests: log.entries(), dropped: log.dropped }),
  },
  {
    methods: ['DELETE'],
    pattern: /^\/__emulator\/requests$/,
    handle: ({ log }) => {
      log.clear();
      return ok({});
    },
  },
  {
    methods: ['GET', 'DELETE'],
    pattern: /^\/__emulator\/token-requests$/,
    handle: ({ tokenEndpoint }, _match, req) => {
      const { requests } = tokenEndpoint;
      if (req.method === 'DELETE') requests.clear();
      return ok({ requests: requests.entries(), dropped: requests.dropped });
    },
  },
  {
    methods: ['DELETE'],
    pattern: /^\/__emulator\/tokens$/,
    handle: ({ tokenEndpoint }) => ok({ revoked: tokenEndpoint.revokeAll() }),
  },
  {
    methods: ['GET'],
    pattern: /^\/__emulator\/state\/([^/]+)\/([^/]+)$/,
    handle: (admin, match) => storedContact(admin, match[1] ?? '', match[2] ?? ''),
  },
  {
    methods: ['GET'],
    pattern: /^\/__emulator\/faults$/,
    handle: ({ faults }) => ok(faults.set),
  },
  {
    methods: ['DELETE'],
    pattern: /^\/__emulator\/faults$/,
    handle: ({ faults }) => {
      faults.clear();
      return ok(faults.set);
    },
  },
  {
    methods: ['PUT'],
    pattern: /^\/__emulator\/faults$/,
    handle: ({ faults, state }, _match, req) =>
      withJsonBody(req, 'Fault set', (body) => {
        faults.replace(parseFaultSet(body, state.seed));
        return ok(faults.set);
      }),
  },
  {
    methods: ['POST'],
    // Registers a service account for the token endpoint at run time (`npm run emulator` users).
    pattern: /^\/__emulator\/service-accounts$/,
    handle: ({ tokenEndpoint }, _match, req) =>
      withJsonBody(req, 'Service account', (body) =>
        oauthReply(tokenEndpoint.registerFromAdmin(body)),
      ),
  },
];

/** Photo downloads: the bytes, not JSON (the URLs that reads put in `photos[].url`). */
function sendPhoto(admin: Admin, res: ServerResponse, id: string, method: string): boolean {
  const stored =
    id === DEFAULT_PHOTO_ID
      ? { bytes: DEFAULT_PHOTO_PNG, contentType: 'image/png' }
      : admin.state.photos.get(id);
  if (!stored) return false;
  res.writeHead(200, {
    'Content-Type': stored.contentType,
    'Content-Length': String(stored.bytes.length),
    'Cache-Control': 'public, max-age=86400',
  });
  res.end(method === 'HEAD' ? undefined : stored.bytes);
  return true;
}

export function handleAdmin(
  admin: Admin,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const photo = /^\/__emulator\/photos\/([A-Za-z0-9_-]+)$/.exec(path);
  if (photo && (method === 'GET' || method === 'HEAD')) {
    req.resume();
    if (!sendPhoto(admin, res, photo[1] ?? '', method)) {
      send(res, { status: 404, html: notFoundHtml(path) });
    }
    return;
  }
  for (const route of ROUTES) {
    const match = route.methods.includes(method) ? route.pattern.exec(path) : null;
    if (!match) continue;
    const reply = route.handle(admin, match, req);
    if (reply instanceof Promise) {
      void reply.then((answer) => {
        send(res, answer);
      });
    } else {
      req.resume();
      send(res, reply);
    }
    return;
  }
  req.resume();
  send(res, NOT_FOUND);
}
