import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRateBudget } from '../../src/redis/rateBudget.js';
import { hasRedisServer, startRedisServer, type RunningRedis } from './redisServer.js';

let redis: RunningRedis;
let inspect: Redis;

let users = 0;
const newUser = () => `user-${String((users += 1))}`;

describe.runIf(hasRedisServer)('RedisRateBudget', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    inspect = redis.client();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('grants perMinute mutations, then answers the seconds until the next token', async () => {
    const budget = new RedisRateBudget(redis.client(), 3);
    const user = newUser();
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await budget.take(user));
    expect(decisions).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
      // 3 per minute: one token every 20 s.
      { ok: false, retryAfterSeconds: 20 },
    ]);
  });

  it('is one budget per user across replicas', async () => {
    const [a, b] = [new RedisRateBudget(redis.client(), 3), new RedisRateBudget(redis.client(), 3)];
    const user = newUser();
    expect([await a.take(user), await b.take(user), await a.take(user)]).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    expect(await b.take(user)).toMatchObject({ ok: false });
    expect(await a.take(user)).toMatchObject({ ok: false });
    expect(await b.take(newUser())).toEqual({ ok: true });
  });

  it('spends exactly the budget under concurrent takes from two replicas', async () => {
    const [a, b] = [
      new RedisRateBudget(redis.client(), 50),
      new RedisRateBudget(redis.client(), 50),
    ];
    const user = newUser();
    const decisions = await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? a : b).take(user)),
    );
    expect(decisions.filter((d) => d.ok)).toHaveLength(50);
  });

  it('refills continuously', async () => {
    // 600 a minute: one token every 100 ms.
    const budget = new RedisRateBudget(redis.client(), 600);
    const user = newUser();
    const drained = await Promise.all(Array.from({ length: 600 }, () => budget.take(user)));
    expect(drained.every((d) => d.ok)).toBe(true);
    expect(await budget.take(user)).toEqual({ ok: false, retryAfterSeconds: 1 });
    await new Promise((r) => setTimeout(r, 130));
    expect(await budget.take(user)).toEqual({ ok: true });
    expect(await budget.take(user)).toMatchObject({ ok: false });
  });

  it('lets a bucket’s key expire once it would be full again', async () => {
    const budget = new RedisRateBudget(redis.client(), 60);
    const user = newUser();
    await budget.take(user);
    const ttl = await inspect.pttl(`people-gateway:rate:{${user}}`);
    // One token spent at one a second: full in 1 s (plus a second of slack).
    expect(ttl).toBeGreaterThan(1_000);
    expect(ttl).toBeLessThanOrEqual(2_000);
  });

  it('keeps counting after Redis forgets the script (restart, SCRIPT FLUSH)', async () => {
    const budget = new RedisRateBudget(redis.client(), 2);
    const user = newUser();
    expect(await budget.take(user)).toEqual({ ok: true });
    await inspect.script('FLUSH');
    expect(await budget.take(user)).toEqual({ ok: true });
    await inspect.script('FLUSH');
    expect(await budget.take(user)).toEqual({ ok: false, retryAfterSeconds: 30 });
  });

  it('refuses a budget that is not positive', () => {
    expect(() => new RedisRateBudget(inspect, 0)).toThrow(RangeError);
  });
});
