import { describe, expect, it } from 'vitest';
import { QueueRejected, UserMutationQueue } from '../../src/people/queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('UserMutationQueue', () => {
  it('runs one mutation per user at a time, in arrival order, and users in parallel', async () => {
    const queue = new UserMutationQueue({ maxWaiting: 10, maxWaitMs: 1000 });
    const log: string[] = [];
    const releases = new Map<string, () => void>();
    const job = (name: string) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        releases.set(name, () => {
          log.push(`end ${name}`);
          resolve(name);
        });
      });
    const a1 = queue.run('alice', job('a1'));
    const a2 = queue.run('alice', job('a2'));
    const b1 = queue.run('bob', job('b1'));
    await tick();
    expect(log).toEqual(['start a1', 'start b1']);
    expect(queue.depth).toBe(3);
    releases.get('a1')?.();
    await tick();
    expect(log).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    releases.get('a2')?.();
    releases.get('b1')?.();
    expect(await Promise.all([a1, a2, b1])).toEqual(['a1', 'a2', 'b1']);
    expect(queue.depth).toBe(0);
  });

  it('refuses a mutation when too many already wait for that user', async () => {
    const queue = new UserMutationQueue({ maxWaiting: 1, maxWaitMs: 1000 });
    let release: () => void = () => undefined;
    const first = queue.run('u', () => new Promise<void>((resolve) => (release = resolve)));
    const second = queue.run('u', () => Promise.resolve('second'));
    await expect(queue.run('u', () => Promise.resolve('third'))).rejects.toEqual(
      new QueueRejected('full', 1),
    );
    release();
    await first;
    expect(await second).toBe('second');
  });

  it('gives up on a mutation that waits longer than maxWaitMs, and the lane goes on', async () => {
    const queue = new UserMutationQueue({ maxWaiting: 5, maxWaitMs: 20 });
    let release: () => void = () => undefined;
    const first = queue.run('u', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(queue.run('u', () => Promise.resolve('late'))).rejects.toBeInstanceOf(
      QueueRejected,
    );
    release();
    await first;
    expect(await queue.run('u', () => Promise.resolve('next'))).toBe('next');
  });

  it('moves on after a mutation fails', async () => {
    const queue = new UserMutationQueue({ maxWaiting: 5, maxWaitMs: 1000 });
    const failing = queue.run('u', () => Promise.reject(new Error('boom')));
    const next = queue.run('u', () => Promise.resolve('ok'));
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ok');
  });
});
