/**
 * The HTTP server: Apollo Server 5 at /graphql behind Node's own http module (no framework), plus
 * /healthz. Body size is limited before parsing; CORS admits Apollo Sandbox/Studio, loopback
 * pages and configured origins.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApolloServer,
  HeaderMap,
  type ApolloServerPlugin,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, Kind, parse, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Config } from './config.js';
import { CONTACTS_SCOPE, createDelegatedTokenSource } from './auth/serviceAccount.js';
import { createContextFactory, type GatewayContext } from './context.js';
import { MAX_BRACKET_NESTING, NoSubscriptionsRule, nestsDeeperThan } from './documentLimits.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { createPeopleApi } from './people/client.js';
import { UserMutationQueue, type MutationQueue } from './people/queue.js';
import { MemoryRateBudget, type RateBudget } from './people/rateBudget.js';
import { DEFAULT_RETRY_POLICY } from './people/retry.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

/** The Federation 2 subgraph schema (it adds `_service` and `_entities`). Built once per process. */
export function buildGatewaySchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
}

export interface UpstreamOptions {
  /** People API root URL (Google or the emulator), with a trailing slash. */
  rootUrl: string;
  /** Token used when a request has no Authorization header: embedded emulator mode only. */
  demoToken?: string;
  /** Where log lines go; by default a pino logger on stdout at `config.logLevel`. */
  logger?: Logger;
  /** The per-user mutation order; by default in process memory (one replica). */
  queue?: MutationQueue;
  /** Per-user budget of upstream mutations; by default `RATE_LIMIT_PER_MINUTE` in memory, or none. */
  rateBudget?: RateBudget;
  /** Cache of automatic persisted queries; by default Apollo's in-memory cache. */
  apqCache?: KeyValueCache;
  /** Extra readiness checks (e.g. Redis ping), run by /readyz besides the upstream check. */
  readinessChecks?: Record<string, () => Promise<boolean>>;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  metrics: Metrics;
  /**
   * Graceful stop: /readyz turns 503, no new connection is accepted, requests in flight finish
   * (up to `drainMs`, default SHUTDOWN_DRAIN_MS), then the rest are cut.
   */
  close(drainMs?: number): Promise<void>;
}

const SANDBOX_ORIGINS = [
  'https://studio.apollographql.com',
  'https://sandbox.embed.apollographql.com',
];
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const ALLOWED_HEADERS =
  'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, apollographql-client-name, apollographql-client-version';

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: HeaderMap): void {
  headers.set('content-type', 'application/json; charset=utf-8');
  res.writeHead(status, Object.fromEntries(headers));
  res.end(JSON.stringify(body));
}

function errorBody(message: string, code: string): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code } }] };
}

async function writeGraphQLResponse(
  res: ServerResponse,
  response: HTTPGraphQLResponse,
  cors: HeaderMap,
) {
  for (const [key, value] of cors) response.headers.set(key, value);
  res.writeHead(response.status ?? 200, Object.fromEntries(response.headers));
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Hides what is not a deliberate GraphQL error: no internals, tokens or stacks reach clients. */
function formatError(production: boolean) {
  return (given: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let formatted = given;
    const original = unwrapResolverError(error);
    // Apollo's persisted-query refusals are 400s that carry no code: they are the client's.
    const status = original instanceof GraphQLError ? httpStatusOf(original) : undefined;
    if (
      formatted.extensions?.['code'] === 'INTERNAL_SERVER_ERROR' &&
      status !== undefined &&
      status < 500
    ) {
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    }
    if (
      original instanceof GraphQLError ||
      formatted.extensions?.['code'] !== 'INTERNAL_SERVER_ERROR'
    ) {
      return production
        ? { ...formatted, extensions: { ...formatted.extensions, stacktrace: undefined } }
        : formatted;
    }
    // The cause is logged (with the request id) by the logging plugin, never sent.
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** The operation text of a request: `query` of a JSON body, or of the URL for a GET. */
function documentOf(body: unknown, url: URL): string | undefined {
  if (typeof body === 'object' && body !== null && 'query' in body) {
    const query = body.query;
    return typeof query === 'string' ? query : undefined;
  }
  return url.searchParams.get('query') ?? undefined;
}

function httpStatusOf(error: GraphQLError): number | undefined {
  const http = error.extensions['http'];
  const status =
    typeof http === 'object' && http !== null ? (http as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** The upstream answers HTTP at all (any status below 500): Google's front end or the emulator. */
async function upstreamAnswers(rootUrl: string): Promise<boolean> {
  const res = await fetch(rootUrl, { method: 'GET', signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status < 500;
}

/** The request id: the caller's `x-request-id` when it is a sane token, else a new UUID. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Codes whose messages the gateway writes itself, never quoting what the client sent. */
const MESSAGES_WITHOUT_INPUT = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UPSTREAM_UNAVAILABLE',
  'RATE_LIMITED',
]);

/** Logs each operation's outcome and errors, and stamps the request id on every error. */
const loggingPlugin: ApolloServerPlugin<GatewayContext> = {
  requestDidStart() {
    const started = performance.now();
    return Promise.resolve({
      didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          const original = unwrapResolverError(error);
          if (original instanceof GraphQLError) {
            const code = error.extensions['code'];
            // Messages about the client's input quote it (variables, photo bytes): log the code.
            const message =
              typeof code === 'string' && MESSAGES_WITHOUT_INPUT.has(code) ? error.message : code;
            contextValue.log.info({ operationName, code, path: error.path }, String(message));
          } else {
            contextValue.log.error({ operationName, err: original }, 'internal error');
          }
        }
        return Promise.resolve();
      },
      willSendResponse({ contextValue, response, operation }) {
        // Label by operation type and first root field: bounded by the schema, unlike the
        // client-chosen operation name.
        const root = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
        const label = operation && root ? `${operation.operation}:${root.name.value}` : 'invalid';
        const failed = response.body.kind === 'single' && response.body.singleResult.errors;
        contextValue.metrics?.operations.inc({
          operation: label,
          outcome: failed ? 'error' : 'ok',
        });
        contextValue.metrics?.operationSeconds.observe(
          { operation: label },
          (performance.now() - started) / 1000,
        );
        if (response.body.kind === 'single') {
          for (const error of response.body.singleResult.errors ?? []) {
            const extensions: Record<string, unknown> = error.extensions ?? {};
            extensions['requestId'] = contextValue.requestId;
          }
        }
        return Promise.resolve();
      },
    });
  },
};

export async function startGateway(
  config: Config,
  upstream: UpstreamOptions,
): Promise<RunningGateway> {
  const log = upstream.logger ?? createLogger(config.logLevel);
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    costLimit: { maxCost: config.limits.cost },
    maxAliases: { n: config.limits.aliases },
    // Armor's token plugin turns every syntax error into a 500; graphql's own parser limit
    // (parseOptions below) reports an oversized document as the 400 syntax error it is.
    maxTokens: { enabled: false },
    maxDirectives: { n: config.limits.directives },
    // Suggestions help people in Sandbox; in production they would map the schema for attackers.
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildGatewaySchema(),
    validationRules: [...armor.validationRules, NoSubscriptionsRule],
    // Armor's plugins are written for any context and never read ours.
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      loggingPlugin,
      // Federation traces (ftv1) cost CPU on every request a gateway asks them for; off.
      ApolloServerPluginInlineTraceDisabled(),
      // No resolver sets cache hints: skip the plugin that would wrap every field.
      ApolloServerPluginCacheControlDisabled(),
    ],
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.tokens },
    csrfPrevention: true,
    ...(upstream.apqCache ? { cache: upstream.apqCache } : {}),
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(config.production),
  });
  await apollo.start();
  const queue =
    upstream.queue ??
    new UserMutationQueue({ maxWaiting: config.queueMaxWaiting, maxWaitMs: config.queueMaxWaitMs });
  const metrics = new Metrics(() => queue.depth);
  const rateBudget =
    upstream.rateBudget ??
    (config.rateLimitPerMinute > 0 ? new MemoryRateBudget(config.rateLimitPerMinute) : undefined);
  const context = createContextFactory({
    upstream: {
      api: createPeopleApi(upstream.rootUrl, config.upstreamTimeoutMs),
      queue,
      metrics,
      retryHooks: {
        onRetry: (_attempt, error) => {
          metrics.retries.inc({ status: String(error.google.httpStatus) });
        },
      },
      ...(rateBudget ? { rateBudget } : {}),
      retryPolicy: {
        ...DEFAULT_RETRY_POLICY,
        retries: config.retries,
        budgetMs: config.retryBudgetMs,
      },
    },
    maxPhotoBytes: config.maxPhotoBytes,
    maxPeoplePerQuery: config.limits.people,
    demoToken: upstream.demoToken,
    metrics,
    ...(config.serviceAccount
      ? {
          delegation: {
            tokens: createDelegatedTokenSource({
              key: config.serviceAccount.key,
              scopes: [CONTACTS_SCOPE],
            }),
            rules: {
              header: config.serviceAccount.subjectHeader,
              allowedDomains: config.serviceAccount.allowedDomains,
            },
          },
        }
      : {}),
  });
  let draining = false;
  const readiness = async (): Promise<Record<string, boolean>> => {
    const checks: Record<string, () => Promise<boolean>> = {
      upstream: () => upstreamAnswers(upstream.rootUrl),
      ...upstream.readinessChecks,
    };
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await check().catch(() => false)]),
    );
    return { accepting: !draining, ...(Object.fromEntries(entries) as Record<string, boolean>) };
  };
  const allowedOrigins = new Set([...SANDBOX_ORIGINS, ...config.corsOrigins]);

  const corsHeaders = (req: IncomingMessage): HeaderMap => {
    const headers = new HeaderMap();
    const origin = req.headers.origin;
    if (origin !== undefined && (allowedOrigins.has(origin) || LOOPBACK_ORIGIN.test(origin))) {
      headers.set('access-control-allow-origin', origin);
      headers.set('vary', 'Origin');
    }
    return headers;
  };

  const handleGraphQL = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
    requestLog: Logger,
  ) => {
    const cors = corsHeaders(req);
    cors.set('x-request-id', requestId);
    if (req.method === 'OPTIONS') {
      cors.set('access-control-allow-methods', 'GET, POST, OPTIONS');
      cors.set('access-control-allow-headers', ALLOWED_HEADERS);
      cors.set('access-control-max-age', '600');
      res.writeHead(204, Object.fromEntries(cors));
      res.end();
      return;
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, config.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        res.setHeader('connection', 'close');
        sendJson(
          res,
          413,
          errorBody(`The request body exceeds ${config.maxBodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE'),
          cors,
        );
        return;
      }
      const type = req.headers['content-type'] ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(type) && text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(res, 400, errorBody('The request body is not valid JSON.', 'BAD_REQUEST'), cors);
          return;
        }
      } else {
        body = text;
      }
    }
    const source = documentOf(body, url);
    if (source !== undefined && nestsDeeperThan(source, MAX_BRACKET_NESTING)) {
      sendJson(
        res,
        400,
        errorBody(
          `The operation nests brackets deeper than ${MAX_BRACKET_NESTING} levels.`,
          'GRAPHQL_PARSE_FAILED',
        ),
        cors,
      );
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => context({ headers: req.headers, requestId, log: requestLog }),
    });
    await writeGraphQLResponse(res, response, cors);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === '/graphql') {
      const started = performance.now();
      const requestId = requestIdOf(req);
      const requestLog = log.child({ requestId });
      res.on('finish', () => {
        requestLog.info(
          {
            method: req.method,
            path: url.pathname,
            status: res.statusCode,
            ms: Math.round((performance.now() - started) * 10) / 10,
          },
          'request',
        );
      });
      handleGraphQL(req, res, url, requestId, requestLog).catch((error: unknown) => {
        requestLog.error({ err: error }, 'request failed');
        if (!res.headersSent)
          sendJson(
            res,
            500,
            errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'),
            new HeaderMap(),
          );
        else res.end();
      });
    } else if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' }, new HeaderMap());
    } else if (url.pathname === '/readyz') {
      void readiness().then((checks) => {
        const ready = Object.values(checks).every(Boolean);
        sendJson(
          res,
          ready ? 200 : 503,
          { status: ready ? 'ready' : 'not ready', checks },
          new HeaderMap(),
        );
      });
    } else if (url.pathname === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
    } else {
      sendJson(
        res,
        404,
        { error: `No route ${url.pathname}; GraphQL is at /graphql.` },
        new HeaderMap(),
      );
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    metrics,
    close: async (drainMs = config.shutdownDrainMs) => {
      draining = true;
      // server.close stops accepting and ends idle keep-alive connections; requests in flight
      // run to their end unless the drain time runs out.
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      server.closeIdleConnections();
      const timer = setTimeout(() => {
        server.closeAllConnections();
      }, drainMs);
      await closed;
      clearTimeout(timer);
      await apollo.stop();
    },
  };
}
