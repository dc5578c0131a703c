import { describe, expect, it } from 'vitest';
import { MEMBERS_MODIFY_LIMIT, memberChunks } from '../../src/people/groups.js';

const names = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `people/c${prefix}${i}`);

describe('memberChunks', () => {
  it('sends one call, even for empty lists', () => {
    expect(memberChunks([], [])).toEqual([{ add: [], remove: [] }]);
  });

  it('keeps up to 1000 names in one call', () => {
    const add = names('1', 600);
    const remove = names('2', 400);
    expect(memberChunks(add, remove)).toEqual([{ add, remove }]);
  });

  it('splits beyond 1000 in order, adds first, then removes', () => {
    const add = names('1', 1500);
    const remove = names('2', 700);
    const chunks = memberChunks(add, remove);
    expect(chunks.map((c) => [c.add.length, c.remove.length])).toEqual([
      [1000, 0],
      [500, 500],
      [0, 200],
    ]);
    expect(chunks.flatMap((c) => c.add)).toEqual(add);
    expect(chunks.flatMap((c) => c.remove)).toEqual(remove);
    expect(chunks.every((c) => c.add.length + c.remove.length <= MEMBERS_MODIFY_LIMIT)).toBe(true);
  });
});
