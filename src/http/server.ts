/**
 * The gateway's HTTP server: Node's own http module (no framework) with deliberate time limits,
 * the routes of `router.ts`, and a drain on close. Each concern lives in its own module of this
 * folder; this one assembles them.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Config } from '../config.js';
import { CONTACTS_SCOPE, createDelegatedTokenSource } from '../auth/serviceAccount.js';
import { createContextFactory } from '../context.js';
import { createLogger, type Logger } from '../logger.js';
import { Metrics } from '../metrics.js';
import { createUpstreamApi } from '../people/upstream.js';
import { UserMutationQueue, type MutationQueue } from '../people/queue.js';
import { MemoryRateBudget, type RateBudget } from '../people/rateBudget.js';
import { DEFAULT_RETRY_POLICY } from '../people/retry.js';
import { SearchWarmth } from '../people/searchWarmth.js';
import { buildGatewaySchema, createApollo } from './apollo.js';
import { CompiledExecution } from './execution.js';
import { createCors } from './cors.js';
import { createGraphQLHandler } from './graphql.js';
import { upstreamAnswers, type ReadinessChecks } from './health.js';
import { createRouter } from './router.js';
import { WriteBatch } from '../writeBatch.js';

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
  readinessChecks?: ReadinessChecks;
  /** Who needs a search warm-up; by default this process's own memory of writes (one replica). */
  searchWarmth?: SearchWarmth;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  metrics: Metrics;
  /**
   * Graceful stop: /readyz turns 503, no new connection is accepted, requests in flight finish
   * (up to SHUTDOWN_DRAIN_MS), then the rest are cut.
   */
  close(): Promise<void>;
}

/** The header a composing client (rover, a router's build step) sends SUBGRAPH_SDL_SECRET in. */
export const SDL_SECRET_HEADER = 'x-subgraph-sdl-secret';

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function contextFactoryOf(
  config: Config,
  upstream: UpstreamOptions,
  metrics: Metrics,
  queue: MutationQueue,
  writes: WriteBatch,
) {
  const rateBudget =
    upstream.rateBudget ??
    (config.rateLimitPerMinute > 0 ? new MemoryRateBudget(config.rateLimitPerMinute) : undefined);
  return createContextFactory({
    upstream: {
      ...createUpstreamApi(upstream.rootUrl, config.upstreamTimeoutMs, writes),
      queue,
      metrics,
      retryHooks: {
        onRetry: (_attempt, error) => {
          metrics.retries.inc({ status: String(error.google.httpStatus) });
        },
      },
      ...(rateBudget ? { rateBudget } : {}),
      searchWarmth: upstream.searchWarmth ?? new SearchWarmth(),
      retryPolicy: {
        ...DEFAULT_RETRY_POLICY,
        retries: config.retries,
        budgetMs: config.retryBudgetMs,
      },
    },
    maxPhotoBytes: config.maxPhotoBytes,
    maxPeoplePerQuery: config.limits.people,
    operationLimits: {
      calls: config.limits.callsPerOperation,
      names: config.limits.peoplePerOperation,
    },
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
}

/** Node's defaults let a slow client hold a connection for minutes: these are the gateway's. */
function createTimedServer(config: Config): Server {
  const server = createServer({
    headersTimeout: config.http.headersTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    // The time limits above are enforced on this period (Node's default: 30 s).
    connectionsCheckingInterval: 1000,
  });
  // Longer than a load balancer's idle time, so the balancer, not the gateway, closes first.
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  return server;
}

export async function startGateway(
  config: Config,
  upstream: UpstreamOptions,
): Promise<RunningGateway> {
  const log = upstream.logger ?? createLogger(config.logLevel);
  const server = createTimedServer(config);
  const execution = new CompiledExecution(buildGatewaySchema(), config.compileAfter);
  const apollo = createApollo(config, server, execution, upstream.apqCache);
  await apollo.start();
  const queue =
    upstream.queue ??
    new UserMutationQueue({ maxWaiting: config.queueMaxWaiting, maxWaitMs: config.queueMaxWaitMs });
  const metrics = new Metrics(
    () => queue.depth,
    () => execution.compiledCount,
  );
  const { secret, open } = config.subgraphSdl;
  // Answers to clients and requests to the People API leave together (writeBatch.ts).
  const writes = new WriteBatch(config.writeBatchUs / 1000);
  const handleGraphQL = createGraphQLHandler({
    apollo,
    context: contextFactoryOf(config, upstream, metrics, queue, writes),
    cors: createCors(config.corsOrigins),
    maxBodyBytes: config.maxBodyBytes,
    maxTokens: config.limits.tokens,
    mayCompose: (req) =>
      open || (secret !== undefined && sameSecret(req.headers[SDL_SECRET_HEADER], secret)),
    writes,
  });
  const readinessChecks: ReadinessChecks = {
    upstream: () => upstreamAnswers(upstream.rootUrl),
    ...upstream.readinessChecks,
  };
  let draining = false;
  const route = createRouter({
    graphql: handleGraphQL,
    log,
    metrics,
    readinessChecks,
    embedded: upstream.demoToken !== undefined,
    ready: () => !draining,
  });
  server.on('request', route);
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
    close: async () => {
      draining = true;
      // Apollo's drain plugin: stop accepting, let requests in flight finish within
      // SHUTDOWN_DRAIN_MS, end idle keep-alive connections, then stop.
      await apollo.stop();
    },
  };
}
