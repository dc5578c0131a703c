/**
 * A People API request: logged, given one fault draw, authenticated, routed, answered. Google's
 * front end answers an unknown URL before auth, auth before the method, and the method's own
 * checks last; the emulator keeps that order.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, unauthenticated, unimplemented } from '../errors.js';
import { faultError } from '../faultErrors.js';
import type { FaultDecision, FaultSet, Faults } from '../faults.js';
import type { TokenEndpoint } from '../oauth/tokenEndpoint.js';
import { Query } from '../query.js';
import { insufficientScope } from '../scopes.js';
import type { EmulatorState } from '../store/state.js';
import { BodyTooLarge, parseJsonBody, readBody } from './body.js';
import type { Latency } from './latency.js';
import { errorReply, notFoundHtml, send, type Reply } from './reply.js';
import { bodyForLog, type BoundedLog, type RequestLogEntry } from './requestLog.js';
import { parseFields, project } from './partialResponse.js';
import { checkQueryParams, matchRoute } from './routes.js';

export interface PeopleApi {
  state: EmulatorState;
  tokenEndpoint: TokenEndpoint;
  faults: Faults;
  log: BoundedLog<RequestLogEntry>;
  latency: Latency;
  bodyLimit: number;
}

/** What the router needs of one request once its body is read. */
interface PeopleRequest {
  method: string;
  url: URL;
  query: Query;
  token: string | null;
  raw: Buffer;
  decision: FaultDecision;
  /** The fault set when the request arrived: a change meanwhile does not touch it. */
  faults: FaultSet;
}

function bearerToken(req: IncomingMessage, query: Query): string | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? null;
  }
  return query.one('access_token') ?? query.one('oauth_token') ?? null;
}

function payloadTooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'INVALID_ARGUMENT',
    `Request payload size exceeds the limit: ${limit} bytes.`,
    'badRequest',
  );
}

function dispatch(api: PeopleApi, request: PeopleRequest): Reply {
  const { method, url, query, token, raw, decision, faults } = request;
  const matched = matchRoute(method, url.pathname);
  // Google's front end answers unmatched URLs and verbs with HTML, before auth.
  if (!matched) return { status: 404, html: notFoundHtml(url.pathname) };
  const { route, resourceName } = matched;
  const user =
    token === null ? undefined : (api.state.users.get(token) ?? api.tokenEndpoint.userFor(token));
  if (!user || token === null) throw unauthenticated();
  if (route.mutation && api.state.readOnlyTokens.has(token)) {
    throw insufficientScope(route.mutation);
  }
  if (decision === 'fail') throw faultError(faults.failStatus, faults.retryAfterSeconds);
  if (route.handler === 'unimplemented') throw unimplemented();
  checkQueryParams(route, query);
  // A malformed selection is refused before the method runs: a mutation changes nothing.
  const fields = query.one('fields');
  const selection = fields === undefined || fields === '' ? undefined : parseFields(fields);
  const body = route.mutation ? parseJsonBody(raw) : {};
  const { etagEnvelope, batchRefusal } = faults;
  const json = route.handler({
    state: api.state,
    user,
    query,
    body,
    resourceName,
    etagEnvelope,
    batchRefusal,
  });
  // "Apply then fail": the change is stored, the answer is lost as a 503.
  if (route.mutation && decision === 'applyThenFail') {
    throw faultError(503, faults.retryAfterSeconds);
  }
  return { status: 200, json: selection ? project(json, selection) : json };
}

async function answer(
  api: PeopleApi,
  req: IncomingMessage,
  entry: RequestLogEntry,
  request: Omit<PeopleRequest, 'raw'>,
): Promise<Reply> {
  try {
    const raw = await readBody(req, api.bodyLimit).catch((error: unknown) => {
      throw error instanceof BodyTooLarge ? payloadTooLarge(api.bodyLimit) : error;
    });
    if (raw.length > 0) entry.body = bodyForLog(raw);
    if (request.faults.latencyMs > 0) await api.latency.wait(request.faults.latencyMs);
    return dispatch(api, { ...request, raw });
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error);
    console.error('[emulator] unexpected error', error);
    return errorReply(new ApiError(500, 'INTERNAL', 'Internal error encountered.', 'backendError'));
  }
}

export async function handlePeople(
  api: PeopleApi,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const query = new Query(url.searchParams);
  const token = bearerToken(req, query);
  const method = req.method ?? 'GET';
  const entry: RequestLogEntry = {
    method,
    path: url.pathname,
    query: query.toRecord(),
    token,
    status: 0,
    start: Date.now(),
    end: 0,
  };
  api.log.push(entry);
  // Exactly one draw per People API request, whatever happens next, so runs replay exactly.
  const decision = api.faults.draw();
  const faults = api.faults.set;
  const reply = await answer(api, req, entry, { method, url, query, token, decision, faults });
  entry.status = reply.status;
  entry.end = Date.now();
  send(res, reply, query.one('prettyPrint') !== 'false');
}
