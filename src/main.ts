/** Entry point: configuration → (embedded emulator) → (Redis) → gateway. */
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { startGateway, type UpstreamOptions } from './http/server.js';
import { SearchWarmth } from './people/searchWarmth.js';

/**
 * What the gateway uses of the `people-emulator` package: a development dependency, absent from
 * the production image (`npm ci --omit=dev`). test/embeddedMode.test.ts checks that the
 * package still satisfies this.
 */
export interface EmbeddedEmulatorModule {
  startEmulator: (options: { port: number; tokens: string[] }) => Promise<{
    url: string;
    close(): Promise<void>;
  }>;
}

/** A variable, so that `tsc -p tsconfig.build.json` neither needs nor compiles the package. */
const EMULATOR_PACKAGE = 'people-emulator';

/**
 * What src/start.ts passes the production bundle for `import()`: a script run by `node:vm` has no
 * module loader of its own (without an experimental flag). Undefined under tsx.
 */
declare const gatewayImport: ((specifier: string) => Promise<unknown>) | undefined;

function importModule(specifier: string): Promise<unknown> {
  return typeof gatewayImport === 'function' ? gatewayImport(specifier) : import(specifier);
}

/** Loaded only in embedded mode: production start-up never pays for the emulator's code. */
async function loadEmulator(): Promise<EmbeddedEmulatorModule> {
  try {
    return (await importModule(EMULATOR_PACKAGE)) as EmbeddedEmulatorModule;
  } catch (error) {
    // Not installed (`npm ci --omit=dev`), or installed as TypeScript that plain node cannot run.
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    throw new ConfigError(
      'PEOPLE_API_URL is not set and the embedded People API emulator (the development package people-emulator) cannot be loaded here: set PEOPLE_API_URL=https://people.googleapis.com/, or start the embedded mode with `npm start` in a development checkout.',
      { cause: error },
    );
  }
}

/**
 * Embedded mode: the emulator stands in for Google, and requests without a token act as the demo
 * user. This never happens when PEOPLE_API_URL is set (and production requires it).
 */
async function startEmbeddedEmulator(
  config: Config,
  options: UpstreamOptions,
): Promise<() => Promise<void>> {
  const { startEmulator } = await loadEmulator();
  const emulator = await startEmulator({
    port: config.emulatorPort,
    tokens: config.emulatorTokens,
  });
  options.rootUrl = emulator.url;
  options.demoToken = config.emulatorTokens[0] ?? 'demo';
  console.log(`People API emulator: ${emulator.url} (users: ${config.emulatorTokens.join(', ')})`);
  console.log(
    `Demo bearer token:   ${options.demoToken} (requests without Authorization act as this user)`,
  );
  return () => emulator.close();
}

/** Replicas share the per-user mutation order, the rate budget, the APQ cache and search stamps. */
async function connectSharedState(
  redisUrl: string,
  config: Config,
  options: UpstreamOptions,
  log: Logger,
): Promise<() => Promise<void>> {
  const { connectRedis } = await import('./redis/index.js');
  const shared = await connectRedis(redisUrl, {
    queue: {
      maxWaiting: config.queueMaxWaiting,
      maxWaitMs: config.queueMaxWaitMs,
      leaseMs: config.queueLeaseMs,
    },
    rateLimitPerMinute: config.rateLimitPerMinute,
    onError: (err, what) => {
      log.warn({ err }, what);
    },
  });
  options.queue = shared.queue;
  if (shared.rateBudget) options.rateBudget = shared.rateBudget;
  options.apqCache = shared.apqCache;
  options.searchWarmth = new SearchWarmth(shared.searchStamps);
  options.readinessChecks = { redis: () => shared.ping() };
  return () => shared.close();
}

/**
 * A deploy's SIGTERM: /readyz turns 503, no new connection is accepted, requests in flight
 * (mutations included) finish within SHUTDOWN_DRAIN_MS, then the process exits 0.
 */
function stopOnSignals(closers: readonly (() => Promise<void>)[], log: Logger, drainMs: number) {
  const stop = (signal: string) => {
    log.info({ signal, drainMs }, 'shutting down: draining requests in flight');
    void (async () => {
      let code = 0;
      for (const close of closers) {
        await close().catch((error: unknown) => {
          log.error({ err: error }, 'shutdown step failed');
          code = 1;
        });
      }
      log.info('stopped');
      log.flush();
      process.exit(code);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  // In shutdown order: the gateway first, then Redis, then the emulator.
  const closers: (() => Promise<void>)[] = [];
  const options: UpstreamOptions = { rootUrl: config.peopleApiUrl ?? '', logger: log };
  if (config.peopleApiUrl === undefined) {
    closers.unshift(await startEmbeddedEmulator(config, options));
  } else {
    console.log(`Upstream People API: ${config.peopleApiUrl}`);
  }
  if (config.redisUrl !== undefined) {
    closers.unshift(await connectSharedState(config.redisUrl, config, options, log));
  }
  const gateway = await startGateway(config, options);
  closers.unshift(() => gateway.close());
  console.log(`GraphQL gateway:     ${gateway.url}`);
  stopOnSignals(closers, log, config.shutdownDrainMs);
}

function fail(error: unknown): never {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
}

// No top-level await: the production bundle is a CommonJS script (scripts/build.js, src/start.ts).
try {
  main(loadConfig()).catch(fail);
} catch (error) {
  fail(error);
}
