/**
 * Apollo Server's cache in Redis, for automatic persisted queries shared by every replica: a
 * query registered through one replica is found by hash through any other.
 * `new ApolloServer({ cache, persistedQueries: { ttl } })`; Apollo prefixes APQ keys `apq:`.
 */
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';
import { DEFAULT_KEY_PREFIX } from './queue.js';

export interface RedisCacheOptions {
  keyPrefix?: string;
  /** Lifetime of an entry set without a `ttl`, in seconds; default one day. */
  defaultTtlSeconds?: number;
  /** A failed read counts as a miss (the client then sends the whole query): log it here. */
  onError?: (error: unknown, what: string) => void;
}

export class RedisKeyValueCache implements KeyValueCache {
  private readonly prefix: string;
  private readonly defaultTtlSeconds: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisCacheOptions = {},
  ) {
    this.prefix = `${options.keyPrefix ?? DEFAULT_KEY_PREFIX}cache:`;
    this.defaultTtlSeconds = options.defaultTtlSeconds ?? 86_400;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.options.onError?.(error, 'cache read');
      return undefined;
    }
  }

  /** `ttl` in seconds; `null` or 0 keeps the entry until deleted (Apollo's convention). */
  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl === undefined ? this.defaultTtlSeconds : options.ttl;
    if (ttl === null || ttl <= 0) {
      await this.redis.set(this.prefix + key, value);
      return;
    }
    await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.round(ttl * 1000)));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}
