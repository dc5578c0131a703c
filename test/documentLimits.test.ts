import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../src/documentLimits.js';
import { jsonNestsDeeperThan } from '../src/http/body.js';

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

describe('nestsDeeperThan, read by the lexer', () => {
  const deep = `${'{ a '.repeat(200)}${'}'.repeat(200)}`;

  it('is not fooled by an escaped triple quote in a block string or a comment ended by CR', () => {
    expect(nestsDeeperThan(`{ a(s: """\\""" """) ${deep} }`, 100)).toBe(true);
    expect(nestsDeeperThan(`{ a # c\r ${deep} }`, 100)).toBe(true);
  });

  it('stops after maxTokens, where the parser stops too', () => {
    expect(nestsDeeperThan(`${'a '.repeat(50)}${deep}`, 100, 50)).toBe(false);
  });

  it('reports a syntax error before the depth is passed as not too deep (the parser says why)', () => {
    expect(nestsDeeperThan(`{ a "unterminated ${deep}`, 100)).toBe(false);
  });
});

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, not brackets in strings or escaped quotes', () => {
    expect(jsonNestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[{"b":[]}]}', 3)).toBe(true);
    const inString = `{"s":"\\"${'[{'.repeat(100)}"}`;
    expect(jsonNestsDeeperThan(inString, 2)).toBe(false);
    expect(jsonNestsDeeperThan(`${'['.repeat(65)}${']'.repeat(65)}`, 64)).toBe(true);
  });
});
