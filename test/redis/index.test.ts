import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueRejected } from '../../src/people/queue.js';
import { connectRedis, redactRedisUrl, type SharedState } from '../../src/redis/index.js';
import { hasRedisServer, startRedisServer, type RunningRedis } from './redisServer.js';

let redis: RunningRedis;

const QUEUE = { maxWaiting: 0, maxWaitMs: 1_000 };

describe.runIf(hasRedisServer)('connectRedis', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('connects the queue, the rate budget and the APQ cache to one Redis', async () => {
    const shared: SharedState = await connectRedis(redis.url, {
      queue: QUEUE,
      rateLimitPerMinute: 1,
    });
    try {
      expect(await shared.ping()).toBe(true);
      expect(await shared.queue.run('u', () => Promise.resolve('ran'))).toBe('ran');
      // maxWaiting 0: a second mutation while one runs is refused at once.
      await expect(
        shared.queue.run('u', () => shared.queue.run('u', () => Promise.resolve('inner'))),
      ).rejects.toBeInstanceOf(QueueRejected);
      expect(await shared.rateBudget?.take('u')).toEqual({ ok: true });
      expect(await shared.rateBudget?.take('u')).toEqual({ ok: false, retryAfterSeconds: 60 });
      await shared.apqCache.set('apq:h', '{ q }');
      expect(await shared.apqCache.get('apq:h')).toBe('{ q }');
    } finally {
      await shared.close();
    }
  });

  it('has no rate budget without a per-minute limit', async () => {
    const shared = await connectRedis(redis.url, { queue: QUEUE });
    expect(shared.rateBudget).toBeUndefined();
    await shared.close();
  });

  it('fails fast, without the password, when Redis is unreachable', async () => {
    const down = await startRedisServer();
    const url = `redis://:s3cret@127.0.0.1:${String(down.port)}`;
    await down.stop();
    const started = Date.now();
    const failure = await connectRedis(url, { queue: QUEUE, timeoutMs: 500 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ is unreachable: /);
    expect(message).not.toContain('s3cret');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('answers ping false once Redis is gone', async () => {
    const own = await startRedisServer();
    const shared = await connectRedis(own.url, { queue: QUEUE, timeoutMs: 300 });
    expect(await shared.ping()).toBe(true);
    await own.stop();
    expect(await shared.ping()).toBe(false);
    await shared.close();
  });

  it('redacts only the password of a URL', () => {
    expect(redactRedisUrl('redis://user:pw@cache:6380/2')).toBe('redis://user:***@cache:6380/2');
    expect(redactRedisUrl('redis://cache:6379')).toBe('redis://cache:6379');
    expect(redactRedisUrl('not a url')).toBe('(an unparsable URL)');
  });
});
