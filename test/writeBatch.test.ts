import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../src/writeBatch.js';

/** Keeps the event loop busy for `ms` (a turn with long work in it). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('WriteBatch', () => {
  it('runs the writes of one turn together, in order, after its code and microtasks', async () => {
    const batch = new WriteBatch(1_000);
    const ran: string[] = [];
    const first = batch.write(() => ran.push('a'));
    await Promise.resolve();
    const second = batch.write(() => ran.push('b'));
    ran.push('sync');
    queueMicrotask(() => ran.push('microtask'));
    await Promise.all([first, second]);
    expect(ran).toEqual(['sync', 'microtask', 'a', 'b']);
  });

  it('sends the batch with the first write queued after the oldest waited maxWaitMs', () => {
    const batch = new WriteBatch(2);
    const ran: string[] = [];
    void batch.write(() => ran.push('a'));
    busy(5);
    void batch.write(() => ran.push('b'));
    expect(ran).toEqual(['a', 'b']);
  });

  it('leaves a write queued by a write for the next batch', async () => {
    const batch = new WriteBatch(1_000);
    const ran: string[] = [];
    let inner: Promise<void> | undefined;
    await batch.write(() => {
      ran.push('outer');
      inner = batch.write(() => ran.push('inner'));
    });
    expect(ran).toEqual(['outer']);
    await inner;
    expect(ran).toEqual(['outer', 'inner']);
  });

  it('rejects the write that threw and still runs the others of its batch', async () => {
    const batch = new WriteBatch(1_000);
    const ran: string[] = [];
    const failing = batch.write(() => {
      throw new TypeError('socket gone');
    });
    const after = batch.write(() => ran.push('after'));
    await expect(failing).rejects.toThrow('socket gone');
    await after;
    expect(ran).toEqual(['after']);
  });

  it('writes at once with a wait of 0', async () => {
    const ran: string[] = [];
    const written = new WriteBatch(0).write(() => ran.push('now'));
    expect(ran).toEqual(['now']);
    await written;
  });
});
