/**
 * The per-user budget of upstream mutations, shared by every replica: a token bucket per user in
 * one Redis hash, refilled continuously at `perMinute` per minute and spent by an atomic script,
 * so N replicas together stay under Google's per-user quota. Time is Redis's clock (`TIME`), not
 * the replicas'.
 */
import type { Redis, Result } from 'ioredis';
import type { BudgetDecision, RateBudget } from '../people/rateBudget.js';
import { DEFAULT_KEY_PREFIX } from './queue.js';

/**
 * KEYS bucket; ARGV perMinute. → {1, 0} spent one token; {0, ms} empty, one token in `ms`.
 * An untouched bucket is full; the key expires once it would be full again.
 */
const TAKE = `
local capacity = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local perMs = capacity / 60000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / perMs) + 1000)
if ok == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / perMs)}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** TAKE: `[1, 0]` spent one token; `[0, ms]` empty, one token in `ms`. */
    peopleRateTake(bucket: string, perMinute: number): Result<unknown, Context>;
  }
}

export class RedisRateBudget implements RateBudget {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly perMinute: number,
    keyPrefix: string = DEFAULT_KEY_PREFIX,
  ) {
    if (!(perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.prefix = `${keyPrefix}rate:`;
    // ioredis runs it by EVALSHA, and sends the source again when Redis has lost it (NOSCRIPT).
    redis.defineCommand('peopleRateTake', { numberOfKeys: 1, lua: TAKE });
  }

  async take(user: string): Promise<BudgetDecision> {
    const reply = await this.redis.peopleRateTake(`${this.prefix}{${user}}`, this.perMinute);
    if (!Array.isArray(reply)) throw new Error('unexpected reply from the rate budget script');
    if (Number(reply[0]) === 1) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(reply[1]) / 1000)) };
  }
}
