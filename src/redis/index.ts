/**
 * What replicas share, in Redis (`REDIS_URL`): the per-user mutation order, the per-user rate
 * budget, the automatic persisted queries cache and the search warm-up's write stamps. Without
 * Redis the gateway keeps them in process memory.
 */
import { Redis, type RedisOptions as ClientOptions } from 'ioredis';
import type { QueueLimits } from '../people/queue.js';
import { RedisKeyValueCache } from './apqCache.js';
import { DEFAULT_KEY_PREFIX, RedisMutationQueue } from './queue.js';
import { RedisRateBudget } from './rateBudget.js';
import { RedisWriteStamps } from './searchStamps.js';

export { RedisKeyValueCache } from './apqCache.js';
export { DEFAULT_LEASE_MS, RedisMutationQueue, type RedisQueueOptions } from './queue.js';
export { RedisRateBudget } from './rateBudget.js';
export { RedisWriteStamps } from './searchStamps.js';

export interface SharedStateOptions {
  /** Per-user queue bounds, and the lease of a dead replica's lock (default 10 s). */
  queue: QueueLimits & { leaseMs?: number; pollMs?: number };
  /** Upstream mutations per user per minute, across all replicas; 0 or absent: no budget. */
  rateLimitPerMinute?: number;
  /** Lifetime of a persisted query set without a `ttl`, in seconds; default one day. */
  apqTtlSeconds?: number;
  /** Prefix of every key, so several deployments can share one Redis; default `people-gateway:`. */
  keyPrefix?: string;
  /** Time limit of one Redis command and of connecting; default 2 s. */
  timeoutMs?: number;
  /** Connection errors and failures no caller sees (lease renewal, lock release, cache reads). */
  onError?: (error: unknown, what: string) => void;
}

export interface SharedState {
  queue: RedisMutationQueue;
  /** Undefined when `rateLimitPerMinute` is 0 or absent. */
  rateBudget: RedisRateBudget | undefined;
  apqCache: RedisKeyValueCache;
  /** The latest write per user, for the search warm-up of every replica. */
  searchStamps: RedisWriteStamps;
  /** Whether Redis answers a PING in time (for a readiness probe). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.href;
  } catch {
    return '(an unparsable URL)';
  }
}

/** Connects two clients (commands, and the queue's notifications); fails fast when unreachable. */
export async function connectRedis(url: string, options: SharedStateOptions): Promise<SharedState> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const onError = options.onError ?? (() => undefined);
  const clientOptions: ClientOptions = {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    // A mutation waits for Redis no longer than this; it fails rather than hangs.
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  };
  const client = new Redis(url, clientOptions);
  const subscriber = client.duplicate();
  // Without a listener ioredis prints every connection error itself.
  client.on('error', (error: unknown) => {
    onError(error, 'redis connection');
  });
  subscriber.on('error', (error: unknown) => {
    onError(error, 'redis subscriber connection');
  });
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  let queue: RedisMutationQueue;
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
    queue = new RedisMutationQueue(client, subscriber, {
      ...options.queue,
      keyPrefix: prefix,
      onError,
    });
    await queue.ready();
  } catch (error) {
    client.disconnect();
    subscriber.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis at ${redactRedisUrl(url)} is unreachable: ${reason}`, { cause: error });
  }
  const perMinute = options.rateLimitPerMinute ?? 0;
  return {
    queue,
    rateBudget: perMinute > 0 ? new RedisRateBudget(client, perMinute, prefix) : undefined,
    apqCache: new RedisKeyValueCache(client, {
      keyPrefix: prefix,
      ...(options.apqTtlSeconds === undefined ? {} : { defaultTtlSeconds: options.apqTtlSeconds }),
      onError,
    }),
    searchStamps: new RedisWriteStamps(client, prefix, onError),
    async ping() {
      try {
        await client.ping();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
