/** Entry point: configuration → (embedded emulator) → (Redis) → gateway. */
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startGateway, type UpstreamOptions } from './http/server.js';

async function main(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const closers: (() => Promise<void>)[] = [];
  const options: UpstreamOptions = { rootUrl: config.peopleApiUrl ?? '', logger: log };

  if (config.peopleApiUrl === undefined) {
    // Embedded mode: the emulator stands in for Google, and requests without a token act as the
    // demo user. This never happens when PEOPLE_API_URL is set (and production requires it).
    // Loaded only in this mode: production start-up never pays for the emulator's code.
    const { startEmulator } = await import('./emulator/index.js');
    const emulator = await startEmulator({
      port: config.emulatorPort,
      tokens: config.emulatorTokens,
    });
    closers.push(() => emulator.close());
    options.rootUrl = emulator.url;
    options.demoToken = config.emulatorTokens[0] ?? 'demo';
    console.log(
      `People API emulator: ${emulator.url} (users: ${config.emulatorTokens.join(', ')})`,
    );
    console.log(
      `Demo bearer token:   ${options.demoToken} (requests without Authorization act as this user)`,
    );
  } else {
    console.log(`Upstream People API: ${config.peopleApiUrl}`);
  }

  if (config.redisUrl !== undefined) {
    // Replicas share the per-user mutation order, the rate budget and the APQ cache.
    const { connectRedis } = await import('./redis/index.js');
    const shared = await connectRedis(config.redisUrl, {
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
    closers.unshift(() => shared.close());
    options.queue = shared.queue;
    if (shared.rateBudget) options.rateBudget = shared.rateBudget;
    options.apqCache = shared.apqCache;
    options.readinessChecks = { redis: () => shared.ping() };
  }

  const gateway = await startGateway(config, options);
  closers.unshift(() => gateway.close());
  console.log(`GraphQL gateway:     ${gateway.url}`);

  // A deploy's SIGTERM: /readyz turns 503, no new connection is accepted, requests in flight
  // (mutations included) finish within SHUTDOWN_DRAIN_MS, then the process exits 0.
  const stop = (signal: string) => {
    log.info(
      { signal, drainMs: config.shutdownDrainMs },
      'shutting down: draining requests in flight',
    );
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

try {
  await main(loadConfig());
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
}
