import { describe, expect, it } from 'vitest';
import { MemoryRateBudget } from '../../src/people/rateBudget.js';

describe('MemoryRateBudget', () => {
  it('grants perMinute calls per user, then says when the next one is due, and refills', async () => {
    let now = 0;
    const budget = new MemoryRateBudget(3, () => now);
    const takes = async (user: string, n: number) =>
      Promise.all(Array.from({ length: n }, () => budget.take(user)));
    expect(await takes('a', 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await budget.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(await budget.take('b')).toEqual({ ok: true });
    now += 20_000;
    expect(await budget.take('a')).toEqual({ ok: true });
    expect(await budget.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
  });
});
