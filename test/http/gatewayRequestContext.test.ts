/**
 * The request context Apollo Server hands a gateway executor (src/http/execution.ts runs every
 * operation through that interface), as patched by patches/@apollo+server+5.5.1.patch: Apollo
 * wrote its `response.http` as an object literal with a `status` getter and setter, which gives
 * every request a hidden class of its own, allocated where V8 keeps long-lived objects and holding
 * the request's closures, so each request's whole object graph outlived two young-generation
 * collections (docs/performance.md, "A hidden class per request"). The patch moves the accessor to
 * a class; these tests check it is applied and that `status` still reads and writes the answer's.
 */
import { ApolloServer, HeaderMap } from '@apollo/server';
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from '@apollo/server-gateway-interface';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const schema = buildSchema('type Query { ok: Boolean }');

/** What an executor may use of `response.http` (its fetcher types are not installed here). */
interface ResponseHTTP {
  status?: number;
  headers: { set(name: string, value: string): void };
}
const httpOf = (requestContext: GatewayGraphQLRequestContext): ResponseHTTP =>
  (requestContext.response as unknown as { http: ResponseHTTP }).http;

/** An Apollo Server over a gateway whose executor is `executor`. */
async function serverWith(executor: GatewayExecutor) {
  const server = new ApolloServer({
    gateway: {
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: () => Promise.resolve({ executor }),
      stop: () => Promise.resolve(),
    },
  });
  await server.start();
  return server;
}

function post(server: ApolloServer) {
  return server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: 'POST',
      headers: new HeaderMap([['content-type', 'application/json']]),
      search: '',
      body: { query: '{ ok }' },
    },
    context: () => Promise.resolve({}),
  });
}

describe('the request context of a gateway executor (patched Apollo Server)', () => {
  it('keeps `response.http.status` on a shared prototype, not on each request’s object', async () => {
    const seen: object[] = [];
    const server = await serverWith((requestContext) => {
      seen.push(httpOf(requestContext));
      return Promise.resolve({ data: { ok: true } });
    });
    await post(server);
    await post(server);
    await server.stop();
    expect(seen).toHaveLength(2);
    for (const http of seen) {
      expect(Object.getOwnPropertyDescriptor(http, 'status')).toBeUndefined();
    }
    const [first, second] = seen;
    expect(Object.getPrototypeOf(first)).toBe(Object.getPrototypeOf(second));
    expect(Object.getPrototypeOf(first)).not.toBe(Object.prototype);
  });

  it('still reads and writes the status and headers of the answer', async () => {
    const server = await serverWith((requestContext) => {
      const http = httpOf(requestContext);
      const before = http.status;
      http.status = 203;
      http.headers.set('x-seen-status', String(before));
      return Promise.resolve({ data: { ok: http.status === 203 } });
    });
    const response = await post(server);
    await server.stop();
    expect(response.status).toBe(203);
    expect(response.headers.get('x-seen-status')).toBe('undefined');
    expect(response.body.kind === 'complete' && JSON.parse(response.body.string)).toEqual({
      data: { ok: true },
    });
  });
});
