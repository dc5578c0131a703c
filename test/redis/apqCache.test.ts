import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisKeyValueCache } from '../../src/redis/apqCache.js';
import { hasRedisServer, startRedisServer, type RunningRedis } from './redisServer.js';

let redis: RunningRedis;
let inspect: Redis;

const KEY = 'people-gateway:cache:';

describe.runIf(hasRedisServer)('RedisKeyValueCache', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    inspect = redis.client();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('stores, finds from another connection, and deletes', async () => {
    const a = new RedisKeyValueCache(redis.client());
    const b = new RedisKeyValueCache(redis.client());
    expect(await a.get('apq:h1')).toBeUndefined();
    await a.set('apq:h1', '{ me }');
    expect(await b.get('apq:h1')).toBe('{ me }');
    expect(await b.delete('apq:h1')).toBe(true);
    expect(await b.delete('apq:h1')).toBe(false);
    expect(await a.get('apq:h1')).toBeUndefined();
  });

  it('expires an entry after its ttl in seconds', async () => {
    const cache = new RedisKeyValueCache(redis.client());
    await cache.set('short', 'q', { ttl: 0.15 });
    expect(await cache.get('short')).toBe('q');
    await new Promise((r) => setTimeout(r, 250));
    expect(await cache.get('short')).toBeUndefined();
  });

  it('applies the default ttl without one, and none for ttl null', async () => {
    const cache = new RedisKeyValueCache(redis.client(), { defaultTtlSeconds: 60 });
    await cache.set('default', 'q');
    await cache.set('forever', 'q', { ttl: null });
    const ttl = await inspect.pttl(`${KEY}default`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await inspect.pttl(`${KEY}forever`)).toBe(-1);
  });

  it('counts a failed read as a miss and reports it', async () => {
    const client = redis.client();
    const errors: string[] = [];
    const cache = new RedisKeyValueCache(client, { onError: (_e, what) => errors.push(what) });
    client.disconnect();
    expect(await cache.get('anything')).toBeUndefined();
    expect(errors).toEqual(['cache read']);
  });
});
