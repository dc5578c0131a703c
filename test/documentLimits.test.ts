import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../src/documentLimits.js';

describe('nestsDeeperThan', () => {
  it('counts braces, parentheses and brackets', () => {
    expect(nestsDeeperThan('{ a { b(x: [1]) } }', 4)).toBe(false);
    expect(nestsDeeperThan('{ a { b(x: [1]) } }', 3)).toBe(true);
    expect(nestsDeeperThan(`${'{ a '.repeat(3000)}${'}'.repeat(3000)}`, 100)).toBe(true);
  });

  it('ignores brackets in strings, block strings and comments', () => {
    const text = '{ a(s: "{{{{ \\" {{{", t: """ {{{{ """) # {{{{{{\n }';
    expect(nestsDeeperThan(text, 2)).toBe(false);
  });
});
