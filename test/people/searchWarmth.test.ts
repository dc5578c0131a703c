import { describe, expect, it } from 'vitest';
import {
  MemoryWriteStamps,
  SearchWarmth,
  type WriteStamps,
} from '../../src/people/searchWarmth.js';

/** A warm-up that records its calls and resolves when told to. */
function warmUps() {
  const started: string[] = [];
  const release: (() => void)[] = [];
  const warmUp = (user: string) => () => {
    started.push(user);
    return new Promise<void>((resolve) => release.push(resolve));
  };
  const releaseAll = () => {
    release.splice(0).forEach((done) => {
      done();
    });
  };
  return { started, warmUp, releaseAll };
}

/** Runs `ensureWarm` with a warm-up that resolves at once; answers whether one was sent. */
async function search(warmth: SearchWarmth, user: string): Promise<boolean> {
  return warmth.ensureWarm(user, () => Promise.resolve());
}

describe('SearchWarmth', () => {
  it('warms a user up once, then not again until that user writes', async () => {
    const warmth = new SearchWarmth();
    expect(await search(warmth, 'u1')).toBe(true);
    expect(await search(warmth, 'u1')).toBe(false);
    await warmth.wrote('u2');
    expect(await search(warmth, 'u1')).toBe(false);
    await warmth.wrote('u1');
    expect(await search(warmth, 'u1')).toBe(true);
    expect(await search(warmth, 'u1')).toBe(false);
  });

  it('warms up again after a write that overlaps the warm-up', async () => {
    const warmth = new SearchWarmth();
    const { started, warmUp, releaseAll } = warmUps();
    const first = warmth.ensureWarm('u1', warmUp('u1'));
    while (started.length === 0) await Promise.resolve();
    await warmth.wrote('u1');
    releaseAll();
    await first;
    expect(await search(warmth, 'u1')).toBe(true);
  });

  it('shares one warm-up between concurrent first searches of a user', async () => {
    const warmth = new SearchWarmth();
    const { started, warmUp, releaseAll } = warmUps();
    const searches = [
      warmth.ensureWarm('u1', warmUp('u1')),
      warmth.ensureWarm('u1', warmUp('u1')),
      warmth.ensureWarm('u2', warmUp('u2')),
    ];
    await new Promise((resolve) => setTimeout(resolve, 0));
    releaseAll();
    expect(await Promise.all(searches)).toEqual([true, true, true]);
    expect(started).toEqual(['u1', 'u2']);
  });

  it('stays cold when the warm-up fails, and lets the error through', async () => {
    const warmth = new SearchWarmth();
    const failure = new Error('429');
    await expect(warmth.ensureWarm('u1', () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await search(warmth, 'u1')).toBe(true);
  });

  it('warms up again once warmForMs has passed', async () => {
    let now = 1_000;
    const warmth = new SearchWarmth(new MemoryWriteStamps(), { warmForMs: 100, now: () => now });
    expect(await search(warmth, 'u1')).toBe(true);
    now += 99;
    expect(await search(warmth, 'u1')).toBe(false);
    now += 1;
    expect(await search(warmth, 'u1')).toBe(true);
  });

  it('forgets the oldest users beyond maxUsers, which only costs them a warm-up', async () => {
    const warmth = new SearchWarmth(new MemoryWriteStamps(), { maxUsers: 2 });
    for (const user of ['u1', 'u2', 'u3']) await search(warmth, user);
    expect(await search(warmth, 'u3')).toBe(false);
    expect(await search(warmth, 'u1')).toBe(true);
  });

  it('takes its stamps from a shared store: a write recorded elsewhere makes the user cold', async () => {
    const shared = new MemoryWriteStamps();
    const [replicaA, replicaB] = [new SearchWarmth(shared), new SearchWarmth(shared)];
    await search(replicaA, 'u1');
    await replicaB.wrote('u1');
    expect(await search(replicaA, 'u1')).toBe(true);
  });
});

describe('MemoryWriteStamps', () => {
  it('gives a fresh stamp per write, and changes forgotten users’ stamps on eviction', async () => {
    const stamps: WriteStamps = new MemoryWriteStamps(1);
    const before = await stamps.current('u1');
    await stamps.bump('u1');
    const written = await stamps.current('u1');
    expect(written).not.toBe(before);
    await stamps.bump('u2');
    // u1 is forgotten: its stamp is neither the written one nor the one before.
    const forgotten = await stamps.current('u1');
    expect([before, written]).not.toContain(forgotten);
  });
});
