/**
 * CORS: Apollo Sandbox and Studio, pages on loopback, and the origins the operator lists. Others
 * get no `access-control-allow-origin`, so a browser keeps their pages from reading answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderMap } from '@apollo/server';

const SANDBOX_ORIGINS = [
  'https://studio.apollographql.com',
  'https://sandbox.embed.apollographql.com',
];
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const ALLOWED_HEADERS =
  'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, apollographql-client-name, apollographql-client-version';

export function createCors(extraOrigins: readonly string[]) {
  const allowed = new Set([...SANDBOX_ORIGINS, ...extraOrigins]);
  return {
    /** Sets the CORS headers a request's origin earns. */
    apply(req: IncomingMessage, headers: HeaderMap): void {
      const origin = req.headers.origin;
      if (origin !== undefined && (allowed.has(origin) || LOOPBACK_ORIGIN.test(origin))) {
        headers.set('access-control-allow-origin', origin);
        headers.set('vary', 'Origin');
      }
    },
    /** Answers a preflight. */
    preflight(res: ServerResponse, headers: HeaderMap): void {
      headers.set('access-control-allow-methods', 'GET, POST, OPTIONS');
      headers.set('access-control-allow-headers', ALLOWED_HEADERS);
      headers.set('access-control-max-age', '600');
      res.writeHead(204, Object.fromEntries(headers));
      res.end();
    },
  };
}
