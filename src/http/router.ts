/**
 * The gateway's routes (/graphql, /healthz, /readyz, /metrics) and the access log of /graphql;
 * in embedded emulator mode, only loopback host names are answered.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestLogger, unredacted, type Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { createGraphQLHandler, Exchange } from './graphql.js';
import { sendHealth, sendReadiness, type ReadinessChecks } from './health.js';
import { errorBody, sendJson } from './responses.js';

/** Host names the embedded mode answers: a page elsewhere cannot reach it by DNS rebinding. */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** The request id: the caller's `x-request-id` when it is a sane token, else a new UUID. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * The access line of an exchange, written when the response is sent or the client leaves. Every
 * value in it is the gateway's own (see `unredacted`).
 */
function logAccess(
  access: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  exchange: Exchange,
  path: string,
) {
  const started = performance.now();
  res.once('close', () => {
    const fields = {
      requestId: exchange.requestId,
      method: req.method,
      path,
      status: res.writableFinished ? res.statusCode : undefined,
      ms: Math.round((performance.now() - started) * 10) / 10,
      caller: exchange.caller,
    };
    if (res.writableFinished && !exchange.aborted) access.info(fields, 'request');
    else access.info(fields, 'client closed the connection before the answer');
  });
}

export interface Routes {
  graphql: ReturnType<typeof createGraphQLHandler>;
  log: Logger;
  metrics: Metrics;
  readinessChecks: ReadinessChecks;
  /** Embedded emulator mode: requests without a token act as the demo user. */
  embedded: boolean;
  /** False once the gateway drains: /readyz answers 503. */
  ready: () => boolean;
}

/** The /graphql route with its access line; a failure it did not answer itself becomes a 500. */
function serveGraphQL(
  routes: Routes,
  access: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
): void {
  const exchange: Exchange = { requestId, log: requestLogger(routes.log, requestId) };
  logAccess(access, req, res, exchange, url.pathname);
  routes.graphql(req, res, url, exchange).catch((error: unknown) => {
    if (req.destroyed || res.destroyed) {
      exchange.aborted = true;
      return;
    }
    exchange.log.error({ err: error }, 'request failed');
    if (!res.headersSent) {
      sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR', requestId));
    } else res.end();
  });
}

/** Each request to its route: /graphql, /healthz, /readyz, /metrics, else 404. */
export function createRouter(routes: Routes) {
  const access = unredacted(routes.log);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const requestId = requestIdOf(req);
    if (routes.embedded && !LOOPBACK_HOST.test(req.headers.host ?? '')) {
      // Requests without a token act as the demo user here: only pages on this machine may ask.
      sendJson(
        res,
        421,
        errorBody(
          'In embedded emulator mode the gateway answers only loopback host names (localhost, 127.0.0.1, [::1]).',
          'MISDIRECTED_REQUEST',
          requestId,
        ),
      );
      return;
    }
    if (url.pathname === '/graphql') {
      serveGraphQL(routes, access, req, res, url, requestId);
    } else if (url.pathname === '/healthz') {
      sendHealth(res);
    } else if (url.pathname === '/readyz') {
      void sendReadiness(res, routes.ready(), routes.readinessChecks);
    } else if (url.pathname === '/metrics') {
      const { registry } = routes.metrics;
      void registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      });
    } else {
      sendJson(res, 404, { error: `No route ${url.pathname}; GraphQL is at /graphql.` });
    }
  };
}
