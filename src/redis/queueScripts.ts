/**
 * The steps of the Redis mutation queue (`queue.ts`), each one Lua script and so atomic whichever
 * replica runs it, defined as ioredis commands: ioredis sends EVALSHA and, when Redis does not know
 * the script (a restart, `SCRIPT FLUSH`), EVAL with its source.
 */
import type { Redis, Result } from 'ioredis';

/** Removes dead tickets (heartbeat expired) from the head of the line; returns the live head. */
const LIVE_HEAD = `
local function liveHead(line, alivePrefix)
  while true do
    local head = redis.call('ZRANGE', line, 0, 0)[1]
    if not head then return nil end
    if redis.call('EXISTS', alivePrefix .. head) == 1 then return head end
    redis.call('ZREM', line, head)
  end
end
local function wake(head, wakePrefix)
  if head then redis.call('PUBLISH', wakePrefix .. string.match(head, '^[^:]+'), head) end
end
`;

/**
 * KEYS lock, line, seq; ARGV alivePrefix, owner, maxWaiting, leaseMs, idleMs.
 * → {1, id} holds the lock; {0, id} queued; {-1, id} the line is full.
 */
const ENTER = `
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. id) == 0 then redis.call('ZREM', KEYS[2], id) end
end
local n = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
local id = ARGV[2] .. ':' .. n
if redis.call('EXISTS', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) == 0 then
  redis.call('SET', KEYS[1], id, 'PX', ARGV[4])
  return {1, id}
end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return {-1, id} end
redis.call('ZADD', KEYS[2], n, id)
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('SET', ARGV[1] .. id, '1', 'PX', ARGV[4])
return {0, id}
`;

/**
 * KEYS lock, line; ARGV alivePrefix, id, leaseMs, wakePrefix.
 * → 0 holds the lock; > 0 the lock's remaining ms; -2 a live ticket is ahead; -3 the ticket is
 * gone (its heartbeat expired).
 */
const TRY_ACQUIRE = `${LIVE_HEAD}
if not redis.call('ZSCORE', KEYS[2], ARGV[2]) then return -3 end
redis.call('SET', ARGV[1] .. ARGV[2], '1', 'PX', ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 1 then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 1 then return 1 end
  return ttl
end
local head = liveHead(KEYS[2], ARGV[1])
if head == ARGV[2] then
  redis.call('ZREM', KEYS[2], head)
  redis.call('DEL', ARGV[1] .. head)
  redis.call('SET', KEYS[1], head, 'PX', ARGV[3])
  return 0
end
wake(head, ARGV[4])
return -2
`;

/** KEYS lock, line; ARGV id, alivePrefix, wakePrefix. Compare-and-delete, then wake the next. */
const RELEASE = `${LIVE_HEAD}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
wake(liveHead(KEYS[2], ARGV[2]), ARGV[3])
return 1
`;

/** KEYS lock, line; ARGV id, alivePrefix, wakePrefix. A waiter gives up its ticket. */
const LEAVE = `${LIVE_HEAD}
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('DEL', ARGV[2] .. ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then wake(liveHead(KEYS[2], ARGV[2]), ARGV[3]) end
return 1
`;

/** KEYS lock; ARGV id, leaseMs. → 1 renewed, 0 the lock is no longer ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** ENTER: `[state, id]`, state 1 holds the lock, 0 queued, -1 the line is full. */
    peopleQueueEnter(
      lock: string,
      line: string,
      seq: string,
      alivePrefix: string,
      owner: string,
      maxWaiting: number,
      leaseMs: number,
      idleMs: number,
    ): Result<unknown, Context>;
    /** TRY_ACQUIRE: 0 holds the lock, > 0 the lock's ms left, -2 a ticket ahead, -3 ticket gone. */
    peopleQueueTryAcquire(
      lock: string,
      line: string,
      alivePrefix: string,
      id: string,
      leaseMs: number,
      wakePrefix: string,
    ): Result<number, Context>;
    /** RELEASE: 1 released, 0 the lock was no longer ours. */
    peopleQueueRelease(
      lock: string,
      line: string,
      id: string,
      alivePrefix: string,
      wakePrefix: string,
    ): Result<number, Context>;
    /** LEAVE: gives up a waiting ticket. */
    peopleQueueLeave(
      lock: string,
      line: string,
      id: string,
      alivePrefix: string,
      wakePrefix: string,
    ): Result<number, Context>;
    /** RENEW: 1 renewed, 0 the lock is no longer ours. */
    peopleQueueRenew(lock: string, id: string, leaseMs: number): Result<number, Context>;
  }
}

/** Defines the queue's commands on `redis` (again is harmless: the same scripts). */
export function defineQueueCommands(redis: Redis): void {
  redis.defineCommand('peopleQueueEnter', { numberOfKeys: 3, lua: ENTER });
  redis.defineCommand('peopleQueueTryAcquire', { numberOfKeys: 2, lua: TRY_ACQUIRE });
  redis.defineCommand('peopleQueueRelease', { numberOfKeys: 2, lua: RELEASE });
  redis.defineCommand('peopleQueueLeave', { numberOfKeys: 2, lua: LEAVE });
  redis.defineCommand('peopleQueueRenew', { numberOfKeys: 1, lua: RENEW });
}
