/**
 * One gateway replica whose per-user order, rate budget and APQ cache live in Redis: what
 * `startGateway` runs with `REDIS_URL` set. Used in process by the tests, and as a child process
 * (replica.ts) where a test kills a replica.
 */
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { connectRedis, type SharedState } from '../../src/redis/index.js';
import { startGateway, type RunningGateway } from '../../src/http/server.js';
import { SearchWarmth } from '../../src/people/searchWarmth.js';

export interface Replica {
  gateway: RunningGateway;
  shared: SharedState;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  redisUrl: string;
  /** The emulator's root URL. */
  rootUrl: string;
  leaseMs: number;
  env?: Record<string, string>;
}

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const config = loadConfig({ PORT: '0', ...options.env });
  const logFile = process.env['GATEWAY_TEST_LOG'];
  const logger = logFile
    ? createLogger('debug', pino.destination({ dest: logFile, append: true, sync: true }))
    : createLogger('silent');
  const shared = await connectRedis(options.redisUrl, {
    queue: {
      maxWaiting: config.queueMaxWaiting,
      maxWaitMs: config.queueMaxWaitMs,
      leaseMs: options.leaseMs,
    },
    rateLimitPerMinute: config.rateLimitPerMinute,
    onError: (error, what) => {
      logger.warn({ err: error }, what);
    },
  });
  const gateway = await startGateway(config, {
    rootUrl: options.rootUrl,
    logger,
    queue: shared.queue,
    ...(shared.rateBudget ? { rateBudget: shared.rateBudget } : {}),
    apqCache: shared.apqCache,
    searchWarmth: new SearchWarmth(shared.searchStamps),
  });
  return {
    gateway,
    shared,
    async close() {
      await gateway.close();
      await shared.close();
    },
  };
}
