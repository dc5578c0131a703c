/**
 * The per-user mutation order shared by every replica through Redis: a ticket line per user (a
 * sorted set scored by arrival) and a lock whose owner is the ticket at work.
 *
 * - A mutation takes a ticket (INCR) and waits until its ticket is the first live one in the line
 *   and the lock is free; then it holds the lock `SET … PX leaseMs`, renewed every leaseMs/3 while
 *   the mutation runs and released by compare-and-delete. Arrival order is Redis's order of the
 *   `enter` scripts, whichever replica took them.
 * - A replica that dies holding the lock blocks the user for at most `leaseMs` (the lock expires);
 *   one that dies with tickets in the line loses them once their heartbeat keys expire (`leaseMs`).
 * - Waiting is not a busy poll: the releasing script publishes the next ticket's id on its owner
 *   replica's channel; a slow poll (`pollMs`) covers lost messages and refreshes the ticket's
 *   heartbeat, and a waiter behind a lock sleeps no longer than the lock's remaining lease.
 * - Bounded like the in-process queue: at most `maxWaiting` tickets per user in the line, none
 *   waits longer than `maxWaitMs`; beyond that `QueueRejected`.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QueueRejected, type MutationQueue, type QueueLimits } from '../people/queue.js';
import { defineQueueCommands } from './queueScripts.js';

export interface RedisQueueOptions extends QueueLimits {
  /** How long a lock or a ticket outlives its replica's last heartbeat; default 10 s. */
  leaseMs?: number;
  /** Fallback re-check of a waiting ticket (lost notifications, dead tickets ahead); default 250 ms. */
  pollMs?: number;
  /** Prefix of every key and channel; default `people-gateway:`. */
  keyPrefix?: string;
  /** Failures that cannot reach a caller: a lease renewal or a release that failed. */
  onError?: (error: unknown, what: string) => void;
}

export const DEFAULT_LEASE_MS = 10_000;
export const DEFAULT_KEY_PREFIX = 'people-gateway:';

/** The keys of one user's line; the hash tag keeps them in one Redis Cluster slot. */
export function queueKeys(prefix: string, user: string) {
  const base = `${prefix}q:{${user}}`;
  return {
    lock: `${base}:lock`,
    line: `${base}:line`,
    seq: `${base}:seq`,
    alive: `${base}:alive:`,
  };
}

interface Sleeper {
  woken: boolean;
  wake?: () => void;
}

export class RedisMutationQueue implements MutationQueue {
  /** Names this replica's tickets; notifications for them arrive on its own channel. */
  readonly replicaId = randomUUID();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly prefix: string;
  private readonly wakePrefix: string;
  private readonly sleepers = new Map<string, Sleeper>();
  private readonly subscribed: Promise<unknown>;
  private active = 0;

  /** `subscriber` is a connection of its own: Redis gives a subscribed connection to pub/sub only. */
  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisQueueOptions,
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    // The poll is also the ticket's heartbeat: well inside the lease.
    this.pollMs = Math.max(1, Math.min(options.pollMs ?? 250, Math.floor(this.leaseMs / 4)));
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.wakePrefix = `${this.prefix}q:wake:`;
    defineQueueCommands(redis);
    const channel = `${this.wakePrefix}${this.replicaId}`;
    subscriber.on('message', (from: string, id: string) => {
      if (from !== channel) return;
      const sleeper = this.sleepers.get(id);
      if (!sleeper) return;
      sleeper.woken = true;
      sleeper.wake?.();
    });
    this.subscribed = subscriber.subscribe(channel);
    // A failed SUBSCRIBE surfaces where it is awaited (ready(), or the first wait).
    this.subscribed.catch(() => undefined);
  }

  /** Resolves once this replica receives its wake-up notifications. */
  async ready(): Promise<void> {
    await this.subscribed;
  }

  /** Mutations in flight or waiting on this replica. */
  get depth(): number {
    return this.active;
  }

  async run<T>(user: string, mutation: () => Promise<T>): Promise<T> {
    this.active += 1;
    try {
      const keys = queueKeys(this.prefix, user);
      const id = await this.acquire(keys);
      return await this.holding(keys, id, mutation);
    } finally {
      this.active -= 1;
    }
  }

  private enter(keys: ReturnType<typeof queueKeys>): Promise<unknown> {
    const idleMs = Math.max(this.leaseMs, this.options.maxWaitMs) * 2 + 60_000;
    return this.redis.peopleQueueEnter(
      keys.lock,
      keys.line,
      keys.seq,
      keys.alive,
      this.replicaId,
      this.options.maxWaiting,
      this.leaseMs,
      idleMs,
    );
  }

  /** Takes a ticket and waits for its turn; resolves with the ticket id that holds the lock. */
  private async acquire(keys: ReturnType<typeof queueKeys>): Promise<string> {
    const seconds = Math.ceil(this.options.maxWaitMs / 1000);
    const deadline = Date.now() + this.options.maxWaitMs;
    let [state, id] = asEntered(await this.enter(keys));
    if (state === 1) return id;
    if (state === -1) throw new QueueRejected('full', seconds);
    try {
      await this.subscribed;
      for (;;) {
        const ticket = id;
        const sleeper: Sleeper = { woken: false };
        this.sleepers.set(ticket, sleeper);
        try {
          const result = await this.redis.peopleQueueTryAcquire(
            keys.lock,
            keys.line,
            keys.alive,
            ticket,
            this.leaseMs,
            this.wakePrefix,
          );
          if (result === 0) return ticket;
          if (result === -3) {
            // This replica stalled past the lease and lost its place: queue again, at the back.
            [state, id] = asEntered(await this.enter(keys));
            if (state === 1) return id;
            if (state === -1) throw new QueueRejected('full', seconds);
          }
          const left = deadline - Date.now();
          if (left <= 0) throw new QueueRejected('timeout', seconds);
          if (result !== -3) {
            // Behind a held lock, re-check when its lease runs out (its holder may be dead).
            const lockLeft = result > 0 ? result + 1 : Infinity;
            await sleep(sleeper, Math.min(left, this.pollMs, lockLeft));
          }
        } finally {
          this.sleepers.delete(ticket);
        }
      }
    } catch (error) {
      // Give the ticket back at once rather than leave the line waiting for its heartbeat to expire.
      await this.redis
        .peopleQueueLeave(keys.lock, keys.line, id, keys.alive, this.wakePrefix)
        .catch((leaveError: unknown) => {
          this.options.onError?.(leaveError, 'leaving the line');
        });
      throw error;
    }
  }

  /** Runs the mutation under the lock, renewing its lease, and releases it to the next ticket. */
  private async holding<T>(
    keys: ReturnType<typeof queueKeys>,
    id: string,
    mutation: () => Promise<T>,
  ): Promise<T> {
    const renew = setInterval(
      () => {
        this.redis.peopleQueueRenew(keys.lock, id, this.leaseMs).then(
          (renewed) => {
            if (renewed !== 1) {
              this.options.onError?.(new Error('the mutation outlived its lock lease'), 'lease');
            }
          },
          (error: unknown) => this.options.onError?.(error, 'lease renewal'),
        );
      },
      Math.floor(this.leaseMs / 3),
    );
    try {
      return await mutation();
    } finally {
      clearInterval(renew);
      try {
        await this.redis.peopleQueueRelease(keys.lock, keys.line, id, keys.alive, this.wakePrefix);
      } catch (error) {
        // The mutation's answer stands; the lock expires within the lease.
        this.options.onError?.(error, 'lock release');
      }
    }
  }
}

function asEntered(reply: unknown): [state: number, id: string] {
  if (!Array.isArray(reply) || typeof reply[1] !== 'string') {
    throw new Error('unexpected reply from the queue script');
  }
  return [Number(reply[0]), reply[1]];
}

/** Resolves after `ms`, or earlier when the ticket's notification arrives (or had arrived). */
function sleep(sleeper: Sleeper, ms: number): Promise<void> {
  if (sleeper.woken) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    sleeper.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}
