import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueRejected, type QueueLimits } from '../../src/people/queue.js';
import { DEFAULT_KEY_PREFIX, queueKeys, RedisMutationQueue } from '../../src/redis/queue.js';
import { hasRedisServer, startRedisServer, type RunningRedis } from './redisServer.js';

let redis: RunningRedis;
let inspect: Redis;

const LIMITS: QueueLimits = { maxWaiting: 64, maxWaitMs: 5_000 };

interface Replica {
  queue: RedisMutationQueue;
  errors: string[];
  /** The replica dies: its connections drop, nothing is released. */
  kill(): void;
}

/** A queue with connections of its own, as one gateway replica has. */
async function replica(options: Partial<QueueLimits> & { leaseMs?: number; pollMs?: number } = {}) {
  const command = redis.client();
  const subscriber = redis.client();
  const errors: string[] = [];
  const queue = new RedisMutationQueue(command, subscriber, {
    ...LIMITS,
    ...options,
    onError: (_error, what) => errors.push(what),
  });
  await queue.ready();
  const result: Replica = {
    queue,
    errors,
    kill() {
      command.disconnect();
      subscriber.disconnect();
    },
  };
  return result;
}

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

let users = 0;
const newUser = () => `user-${String((users += 1))}`;

async function until(check: () => Promise<boolean>, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const keys = (user: string) => queueKeys(DEFAULT_KEY_PREFIX, user);
const waiting = (user: string) => inspect.zcard(keys(user).line);
const untilWaiting = (user: string, n: number) =>
  until(async () => (await waiting(user)) === n, `${String(n)} waiting`);
const untilLocked = (user: string) =>
  until(async () => (await inspect.exists(keys(user).lock)) === 1, 'the lock');

/** Records starts and ends; `overlaps` counts a start while another mutation ran. */
function tracker() {
  const events: string[] = [];
  let running = 0;
  let overlaps = 0;
  return {
    events,
    get overlaps() {
      return overlaps;
    },
    task(name: string, ms = 10) {
      return async () => {
        running += 1;
        if (running > 1) overlaps += 1;
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`end ${name}`);
        running -= 1;
        return name;
      };
    },
  };
}

describe.runIf(hasRedisServer)('RedisMutationQueue', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    inspect = redis.client();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('runs its steps again after Redis forgets the scripts (restart, SCRIPT FLUSH)', async () => {
    const a = await replica();
    const user = newUser();
    const gate = deferred();
    const t = tracker();
    expect(await a.queue.run(user, t.task('warm-up', 1))).toBe('warm-up');
    await inspect.script('FLUSH');
    const first = a.queue.run(user, async () => {
      await gate.promise;
      return 'first';
    });
    await untilLocked(user);
    const second = a.queue.run(user, t.task('second', 1));
    await untilWaiting(user, 1);
    await inspect.script('FLUSH');
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(a.errors).toEqual([]);
    a.kill();
  });

  it('runs one user’s mutations from two replicas one at a time, in arrival order', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const user = newUser();
    const gate = deferred();
    const t = tracker();
    const first = a.queue.run(user, async () => {
      await gate.promise;
      return 'first';
    });
    await untilLocked(user);
    const rest: Promise<string>[] = [];
    for (const [i, r] of [b, a, b, a, b].entries()) {
      rest.push(r.queue.run(user, t.task(String(i + 1))));
      await untilWaiting(user, i + 1);
    }
    expect(a.queue.depth).toBe(3);
    expect(b.queue.depth).toBe(3);
    gate.resolve();

    expect(await Promise.all([first, ...rest])).toEqual(['first', '1', '2', '3', '4', '5']);
    expect(t.events).toEqual(['1', '2', '3', '4', '5'].flatMap((n) => [`start ${n}`, `end ${n}`]));
    expect(t.overlaps).toBe(0);
    expect(a.queue.depth + b.queue.depth).toBe(0);
    expect(await inspect.exists(keys(user).lock, keys(user).line)).toBe(0);
  });

  it('never overlaps a user’s mutations under a burst from three replicas', async () => {
    const [a, b, c] = await Promise.all([replica(), replica(), replica()]);
    const user = newUser();
    const t = tracker();
    const runs = Array.from({ length: 30 }, (_, i) =>
      (i % 3 === 0 ? a : i % 3 === 1 ? b : c).queue.run(user, t.task(String(i), 2)),
    );
    const done = await Promise.all(runs);
    expect(done).toHaveLength(30);
    expect(t.overlaps).toBe(0);
  });

  it('runs different users in parallel', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const gate = deferred();
    const started: string[] = [];
    const hold = (name: string) => async () => {
      started.push(name);
      await gate.promise;
    };
    const runs = [a.queue.run(newUser(), hold('x')), b.queue.run(newUser(), hold('y'))];
    await until(() => Promise.resolve(started.length === 2), 'both users to start');
    gate.resolve();
    await Promise.all(runs);
    expect(started.sort()).toEqual(['x', 'y']);
  });

  it('passes the lock on when a mutation throws', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const user = newUser();
    const failing = a.queue.run(user, () => Promise.reject(new Error('upstream said no')));
    const next = b.queue.run(user, () => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('upstream said no');
    expect(await next).toBe('next');
  });

  it('rejects as full when maxWaiting mutations already wait, on any replica', async () => {
    const [a, b] = await Promise.all([replica({ maxWaiting: 2 }), replica({ maxWaiting: 2 })]);
    const user = newUser();
    const gate = deferred();
    const holder = a.queue.run(user, () => gate.promise);
    await untilLocked(user);
    const waiters = [a.queue.run(user, () => Promise.resolve(1))];
    await untilWaiting(user, 1);
    waiters.push(b.queue.run(user, () => Promise.resolve(2)));
    await untilWaiting(user, 2);

    const refused = b.queue.run(user, () => Promise.resolve(3));
    await expect(refused).rejects.toEqual(new QueueRejected('full', 5));
    await expect(refused).rejects.toMatchObject({ why: 'full', retryAfterSeconds: 5 });
    gate.resolve();
    expect(await Promise.all([holder, ...waiters])).toEqual([undefined, 1, 2]);
  });

  it('rejects a mutation that waited maxWaitMs and takes it out of the line', async () => {
    const a = await replica({ maxWaitMs: 300 });
    const user = newUser();
    const gate = deferred();
    const holder = a.queue.run(user, () => gate.promise);
    await untilLocked(user);
    const started = Date.now();
    const late = a.queue.run(user, () => Promise.resolve('never'));
    await expect(late).rejects.toMatchObject({ why: 'timeout', retryAfterSeconds: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await waiting(user)).toBe(0);
    gate.resolve();
    await holder;
    expect(await a.queue.run(user, () => Promise.resolve('after'))).toBe('after');
  });

  it('queues again, at the back, a ticket whose heartbeat lapsed while its replica lived', async () => {
    // A polls rarely, so only the notification below makes it look at its ticket again.
    const [a, b] = await Promise.all([replica({ leaseMs: 60_000, pollMs: 60_000 }), replica()]);
    const user = newUser();
    const gate = deferred();
    const t = tracker();
    const held = a.queue.run(user, () => gate.promise);
    await untilLocked(user);
    const stalled = a.queue.run(user, t.task('stalled'));
    await untilWaiting(user, 1);
    // As if A had stalled past the lease and another replica had dropped its lapsed ticket.
    const [aliveKey] = await inspect.keys(`${keys(user).alive}*`);
    const ticket = aliveKey?.slice(keys(user).alive.length) ?? '';
    await inspect
      .multi()
      .del(`${keys(user).alive}${ticket}`)
      .zrem(keys(user).line, ticket)
      .exec();
    const next = b.queue.run(user, t.task('next'));
    await untilWaiting(user, 1);
    await inspect.publish(`${DEFAULT_KEY_PREFIX}q:wake:${a.queue.replicaId}`, ticket);
    await untilWaiting(user, 2);
    gate.resolve();
    await Promise.all([held, stalled, next]);
    expect(t.events).toEqual(['start next', 'end next', 'start stalled', 'end stalled']);
  });

  it('keeps the lock past the lease while the holder lives (renewed)', async () => {
    const [a, b] = await Promise.all([replica({ leaseMs: 150 }), replica({ leaseMs: 150 })]);
    const user = newUser();
    const t = tracker();
    const long = a.queue.run(user, t.task('long', 600));
    await untilLocked(user);
    const next = b.queue.run(user, t.task('next'));
    await Promise.all([long, next]);
    expect(t.events).toEqual(['start long', 'end long', 'start next', 'end next']);
    expect(a.errors).toEqual([]);
  });

  it('lets the user go on once a dead replica’s lock lease runs out', async () => {
    const leaseMs = 400;
    const [dead, live] = await Promise.all([replica({ leaseMs }), replica({ leaseMs })]);
    const user = newUser();
    const never = deferred();
    void dead.queue.run(user, () => never.promise).catch(() => undefined);
    await untilLocked(user);
    dead.kill();
    const killed = Date.now();

    await live.queue.run(user, () => Promise.resolve());
    const waited = Date.now() - killed;
    // The lock was set or renewed at most leaseMs/3 before the kill.
    expect(waited).toBeGreaterThanOrEqual(leaseMs / 2);
    expect(waited).toBeLessThan(leaseMs + 250);
    never.resolve();
  });

  it('skips a dead replica’s waiting ticket once its heartbeat expires', async () => {
    const leaseMs = 400;
    const [holder, dead, live] = await Promise.all([
      replica({ leaseMs }),
      replica({ leaseMs }),
      replica({ leaseMs }),
    ]);
    const user = newUser();
    const gate = deferred();
    const held = holder.queue.run(user, () => gate.promise);
    await untilLocked(user);
    // Its caller is gone with it; here the run fails on the closed connection.
    const lost = dead.queue
      .run(user, () => Promise.resolve('dead'))
      .catch((error: unknown) => error);
    await untilWaiting(user, 1);
    const next = live.queue.run(user, () => Promise.resolve('live'));
    await untilWaiting(user, 2);
    dead.kill();
    const killed = Date.now();
    gate.resolve();
    await held;

    expect(await next).toBe('live');
    expect(Date.now() - killed).toBeLessThan(leaseMs + 300);
    expect(await lost).toEqual(new Error('Connection is closed.'));
    expect(await waiting(user)).toBe(0);
  });
});
