import { describe, expect, it } from 'vitest';
import {
  encodePathParam,
  InvalidResourceName,
  isContactGroupResourceName,
  isPersonResourceName,
  MAX_RESOURCE_NAME_LENGTH,
  toPersonPathParam,
} from '../../src/people/resourceNames.js';

const LONGEST = `people/c${'1'.repeat(MAX_RESOURCE_NAME_LENGTH - 'people/c'.length)}`;

describe('isPersonResourceName', () => {
  it.each([
    'people/me',
    'people/c1001000000000000001',
    'people/10000000000000000001',
    'people/1',
    'people/c0',
    LONGEST,
  ])('accepts %s', (name) => {
    expect(isPersonResourceName(name)).toBe(true);
  });

  it.each([
    '',
    'people/',
    'people/c',
    'people/me/connections',
    'people/c1:deleteContact',
    'people/c1?updatePersonFields=names',
    'people/c1#',
    'people/c1/',
    'people//c1',
    'people/../x',
    'people/%2e%2e/x',
    'people/c1;x',
    'people/c1\n',
    'people/c1 ',
    'people/C1',
    'people/cc1',
    'people/c-1',
    'people/c１２３',
    'people/c١٢٣',
    'people/\u04411',
    'People/c1',
    'contactGroups/myContacts',
    `${LONGEST}1`,
  ])('refuses %j', (name) => {
    expect(isPersonResourceName(name)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['people/c1']]) {
      expect(isPersonResourceName(value)).toBe(false);
    }
  });
});

describe('isContactGroupResourceName', () => {
  it('accepts system and user groups and refuses anything else', () => {
    expect(isContactGroupResourceName('contactGroups/myContacts')).toBe(true);
    expect(isContactGroupResourceName('contactGroups/3a6f0c2d9b1e4f57')).toBe(true);
    for (const name of ['contactGroups/', 'contactGroups/a-b', 'contactGroups/a/b', 'people/c1']) {
      expect(isContactGroupResourceName(name)).toBe(false);
    }
    expect(isContactGroupResourceName(`contactGroups/${'a'.repeat(100)}`)).toBe(false);
  });
});

describe('encodePathParam', () => {
  it('leaves a name of letters, digits, "_" and "-" as it is', () => {
    expect(encodePathParam('people/c1001000000000000001')).toBe('people/c1001000000000000001');
  });

  it('percent-encodes everything else in each segment, "%" included, keeping the slashes', () => {
    expect(encodePathParam('people/c1:deleteContact#')).toBe('people/c1%3AdeleteContact%23');
    expect(encodePathParam('people/c1?updatePersonFields=names')).toBe(
      'people/c1%3FupdatePersonFields%3Dnames',
    );
    expect(encodePathParam('people/%2e%2e/x')).toBe('people/%252e%252e/x');
    expect(encodePathParam('people/a.b~c;d e')).toBe('people/a%2Eb%7Ec%3Bd%20e');
    expect(encodePathParam('people/c１')).toBe('people/c%EF%BC%91');
    // A lone surrogate has no UTF-8 form: it is sent as U+FFFD, never as raw text.
    expect(encodePathParam('people/\ud800')).toBe('people/%EF%BF%BD');
  });

  it.each(['', 'people/', 'people//c1', 'people/.', 'people/..', './people', 'people/c1/../x'])(
    'refuses %j: an empty or dot segment would be removed by URL normalisation',
    (value) => {
      expect(() => encodePathParam(value)).toThrow(InvalidResourceName);
    },
  );
});

describe('toPersonPathParam', () => {
  it('passes a person name through', () => {
    expect(toPersonPathParam('people/c1')).toBe('people/c1');
    expect(toPersonPathParam('people/me')).toBe('people/me');
  });

  it('refuses a name outside the grammar, without repeating it', () => {
    const hostile = 'people/c1:deleteContact#';
    expect(() => toPersonPathParam(hostile)).toThrow(InvalidResourceName);
    expect(() => toPersonPathParam(hostile)).toThrow(/people\/c/);
    expect(() => toPersonPathParam(hostile)).not.toThrow(/deleteContact/);
  });
});
