/** Environment → typed, validated configuration. A bad value stops start-up with a clear message. */
import { serviceAccountConfig, type ServiceAccountConfig } from './auth/config.js';
import { ConfigError, flag, integer, list, type Env } from './configValues.js';
import { DEFAULT_OPERATION_LIMITS } from './people/operationBudget.js';

export { ConfigError };

export type AuthMode = 'bearer' | 'service-account';

export interface Config {
  /** Gateway port; GraphQL at /graphql. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Upstream root URL; undefined starts the embedded emulator. */
  peopleApiUrl: string | undefined;
  authMode: AuthMode;
  /** Set exactly when `authMode` is 'service-account'. */
  serviceAccount: ServiceAccountConfig | undefined;
  /** Port of the embedded emulator; 0 picks a free one. */
  emulatorPort: number;
  /** Emulator users (bearer tokens); the first is the demo user. */
  emulatorTokens: string[];
  /** Largest accepted request body, in bytes; admits the largest accepted photo. */
  maxBodyBytes: number;
  /** Largest accepted photo, decoded, in bytes. */
  maxPhotoBytes: number;
  /** Time limit of one upstream call, in milliseconds. */
  upstreamTimeoutMs: number;
  /** How long a socket write may wait for others to leave with it (writeBatch.ts); 0: never. */
  writeBatchUs: number;
  /** Retries of a failed upstream call (429, 5xx, no answer) and their total time budget. */
  retries: number;
  retryBudgetMs: number;
  /**
   * Query limits against hostile operations (GraphQL Armor), names per `people` call, and the
   * upstream budget of one operation (src/people/operationBudget.ts).
   */
  limits: {
    depth: number;
    cost: number;
    aliases: number;
    tokens: number;
    directives: number;
    people: number;
    /** Resource names one operation may send to `getBatchGet`, all fields together. */
    peoplePerOperation: number;
    /** People API requests one operation may make, retries included. */
    callsPerOperation: number;
  };
  /** Upstream mutations per user per minute; 0 = no budget (Google's own quota still applies). */
  rateLimitPerMinute: number;
  /**
   * The run of a document at which it is compiled by graphql-jit (src/http/execution.ts): 1 the
   * first, 0 never (graphql-js runs every operation).
   */
  compileAfter: number;
  /** On SIGTERM, how long requests in flight may run before connections are cut. */
  shutdownDrainMs: number;
  /** Redis shared by replicas (per-user order, rate budget, APQ cache); undefined = memory. */
  redisUrl: string | undefined;
  /** How long a replica's per-user lock lives without renewal (a dead replica's lock expires). */
  queueLeaseMs: number;
  /** Per-user mutation queue bounds. */
  queueMaxWaiting: number;
  queueMaxWaitMs: number;
  /** Extra browser origins allowed by CORS, besides Apollo Sandbox/Studio and loopback. */
  corsOrigins: string[];
  production: boolean;
  /** Who may read the subgraph SDL (`_service { sdl }`), which composing a supergraph needs. */
  subgraphSdl: {
    /** SUBGRAPH_SDL_PUBLIC: anyone (a private network); by default only outside production. */
    open: boolean;
    /** SUBGRAPH_SDL_SECRET: callers sending it in `x-subgraph-sdl-secret`. */
    secret: string | undefined;
  };
  /** Time limits of the HTTP server, in milliseconds. */
  http: {
    /** From connection (or the previous request) to the end of the request headers. */
    headersTimeoutMs: number;
    /** From connection to the end of the whole request (a photo upload included). */
    requestTimeoutMs: number;
    /** How long an idle keep-alive connection is kept open. */
    keepAliveTimeoutMs: number;
  };
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
}

function redisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError('REDIS_URL must be a URL such as redis://host:6379/0.');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    // The value may hold a password: never echo it.
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://.');
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'info';
  if (!LOG_LEVELS.includes(raw)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${raw}".`);
  }
  return raw;
}

function subgraphSdl(env: Env, production: boolean): Config['subgraphSdl'] {
  const secret = env['SUBGRAPH_SDL_SECRET'];
  if (secret !== undefined && secret !== '' && !/^[\x21-\x7e]{16,256}$/.test(secret)) {
    // Never echo the value: it is a secret.
    throw new ConfigError(
      'SUBGRAPH_SDL_SECRET must be 16 to 256 printable ASCII characters without spaces.',
    );
  }
  return {
    open: flag(env, 'SUBGRAPH_SDL_PUBLIC', !production),
    secret: secret === '' ? undefined : secret,
  };
}

function httpTimeouts(env: Env): Config['http'] {
  const headersTimeoutMs = integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000);
  const requestTimeoutMs = integer(env, 'HTTP_REQUEST_TIMEOUT_MS', 60_000, 1000, 3_600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError('HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS.');
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1000, 600_000),
  };
}

/** PEOPLE_API_URL with a trailing slash; undefined (embedded emulator) only outside production. */
function peopleApiUrlOf(env: Env): string | undefined {
  const rawUrl = env['PEOPLE_API_URL'];
  let peopleApiUrl: string | undefined;
  if (rawUrl !== undefined && rawUrl !== '') {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new ConfigError(`PEOPLE_API_URL must be an absolute URL, not "${rawUrl}".`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ConfigError(`PEOPLE_API_URL must be http(s), not "${rawUrl}".`);
    }
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      // googleapis resolves `/v1/…` against the origin: a path would be dropped in silence.
      throw new ConfigError(
        `PEOPLE_API_URL must be an origin such as https://people.googleapis.com/, with no path, query or fragment, not "${rawUrl}".`,
      );
    }
    peopleApiUrl = url.href.endsWith('/') ? url.href : `${url.href}/`;
  }
  if (peopleApiUrl === undefined && env['NODE_ENV'] === 'production') {
    // Never fall back to the emulator silently where real users are served.
    throw new ConfigError(
      'PEOPLE_API_URL must be set in production (https://people.googleapis.com/); the embedded emulator is for development.',
    );
  }
  return peopleApiUrl;
}

function authModeOf(env: Env, peopleApiUrl: string | undefined): Config['authMode'] {
  const authMode = env['AUTH_MODE'] ?? 'bearer';
  if (authMode !== 'bearer' && authMode !== 'service-account') {
    throw new ConfigError(`AUTH_MODE must be "bearer" or "service-account", not "${authMode}".`);
  }
  if (authMode === 'service-account' && peopleApiUrl === undefined) {
    // The embedded emulator only knows keys registered with it; a real key points at Google.
    throw new ConfigError(
      'AUTH_MODE=service-account needs PEOPLE_API_URL (Google, or an emulator run with `npm run emulator` that knows the key).',
    );
  }
  return authMode;
}

function operationLimits(env: Env): Config['limits'] {
  return {
    // A selection of every Person field under both a result and EtagConflict.current has
    // depth 8 and costs about 10,700: the defaults leave room for that, not for abuse.
    depth: integer(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
    cost: integer(env, 'MAX_QUERY_COST', 20_000, 1, 10_000_000),
    aliases: integer(env, 'MAX_QUERY_ALIASES', 30, 1, 10_000),
    tokens: integer(env, 'MAX_QUERY_TOKENS', 5_000, 10, 1_000_000),
    directives: integer(env, 'MAX_QUERY_DIRECTIVES', 50, 1, 10_000),
    people: integer(env, 'MAX_PEOPLE_PER_QUERY', 1_000, 1, 100_000),
    peoplePerOperation: integer(
      env,
      'MAX_PEOPLE_PER_OPERATION',
      DEFAULT_OPERATION_LIMITS.names,
      1,
      100_000,
    ),
    callsPerOperation: integer(
      env,
      'MAX_UPSTREAM_CALLS_PER_OPERATION',
      DEFAULT_OPERATION_LIMITS.calls,
      1,
      1_000,
    ),
  };
}

export function loadConfig(env: Env = process.env): Config {
  const peopleApiUrl = peopleApiUrlOf(env);
  const authMode = authModeOf(env, peopleApiUrl);
  const serviceAccount = authMode === 'service-account' ? serviceAccountConfig(env) : undefined;
  const emulatorTokens = list(env['EMULATOR_TOKENS']);
  const maxPhotoBytes = integer(env, 'MAX_PHOTO_BYTES', 5 * 1024 * 1024, 1, 50 * 1024 * 1024);
  // Base64 grows 4/3; the rest of a photo request (query, names) fits in 64 KiB.
  const photoBodyBytes = Math.ceil(maxPhotoBytes / 3) * 4 + 64 * 1024;
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env['HOST'] ?? '127.0.0.1',
    peopleApiUrl,
    authMode,
    serviceAccount,
    emulatorPort: integer(env, 'EMULATOR_PORT', 0, 0, 65535),
    emulatorTokens: emulatorTokens.length > 0 ? emulatorTokens : ['demo'],
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', photoBodyBytes, 1024, 128 * 1024 * 1024),
    maxPhotoBytes,
    upstreamTimeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', 10_000, 100, 120_000),
    retries: integer(env, 'RETRY_MAX', 3, 0, 10),
    retryBudgetMs: integer(env, 'RETRY_BUDGET_MS', 10_000, 0, 120_000),
    limits: operationLimits(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 0, 0, 100_000),
    compileAfter: integer(env, 'GRAPHQL_COMPILE_AFTER', 2, 0, 1_000),
    writeBatchUs: integer(env, 'WRITE_BATCH_US', 2_000, 0, 10_000),
    shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', 10_000, 0, 600_000),
    redisUrl: redisUrl(env['REDIS_URL']),
    queueLeaseMs: integer(env, 'QUEUE_LEASE_MS', 10_000, 100, 600_000),
    queueMaxWaiting: integer(env, 'QUEUE_MAX_WAITING', 64, 0, 10_000),
    queueMaxWaitMs: integer(env, 'QUEUE_MAX_WAIT_MS', 30_000, 1, 600_000),
    corsOrigins: list(env['CORS_ORIGINS']),
    production: env['NODE_ENV'] === 'production',
    subgraphSdl: subgraphSdl(env, env['NODE_ENV'] === 'production'),
    http: httpTimeouts(env),
    logLevel: logLevel(env['LOG_LEVEL']),
  };
}
