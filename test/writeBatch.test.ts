import { describe, expect, it } from 'vitest';
import { writtenThisTurn } from '../src/writeBatch.js';

describe('writtenThisTurn', () => {
  it('runs the writes of one turn together, in order, after its code and microtasks', async () => {
    const ran: string[] = [];
    const first = writtenThisTurn(() => ran.push('a'));
    await Promise.resolve();
    const second = writtenThisTurn(() => ran.push('b'));
    ran.push('sync');
    queueMicrotask(() => ran.push('microtask'));
    await Promise.all([first, second]);
    expect(ran).toEqual(['sync', 'microtask', 'a', 'b']);
  });

  it('leaves a write queued by a write for the next turn', async () => {
    const ran: string[] = [];
    let inner: Promise<void> | undefined;
    await writtenThisTurn(() => {
      ran.push('outer');
      inner = writtenThisTurn(() => ran.push('inner'));
    });
    expect(ran).toEqual(['outer']);
    await inner;
    expect(ran).toEqual(['outer', 'inner']);
  });

  it('rejects the write that threw and still runs the others of its turn', async () => {
    const ran: string[] = [];
    const failing = writtenThisTurn(() => {
      throw new TypeError('socket gone');
    });
    const after = writtenThisTurn(() => ran.push('after'));
    await expect(failing).rejects.toThrow('socket gone');
    await after;
    expect(ran).toEqual(['after']);
  });
});
