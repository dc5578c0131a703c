import { describe, expect, it } from 'vitest';
import { parseAllowedDomains, subjectFromHeaders } from '../../src/auth/subject.js';

const rules = {
  header: 'X-Delegated-Subject',
  allowedDomains: ['example.com', 'Corp.Example.org'],
};

function subject(value: string | string[] | undefined) {
  return subjectFromHeaders({ 'x-delegated-subject': value }, rules);
}

describe('subjectFromHeaders', () => {
  it('subject - an address in an allowed domain is the subject, lower-cased', () => {
    expect(subject('alice@example.com')).toEqual({ ok: true, subject: 'alice@example.com' });
    expect(subject(' Alice.Smith+tag@EXAMPLE.com ')).toEqual({
      ok: true,
      subject: 'alice.smith+tag@example.com',
    });
    expect(subject('bob@corp.example.org')).toEqual({ ok: true, subject: 'bob@corp.example.org' });
  });

  it('subject - a missing or empty header is refused as missing', () => {
    expect(subjectFromHeaders({}, rules)).toMatchObject({ ok: false, reason: 'missing' });
    expect(subject('')).toMatchObject({ ok: false, reason: 'missing' });
    expect(subject('   ')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('subject - only the configured header counts', () => {
    expect(subjectFromHeaders({ 'x-forwarded-user': 'alice@example.com' }, rules)).toMatchObject({
      ok: false,
      reason: 'missing',
    });
  });

  it('subject - what is not one email address is refused', () => {
    for (const value of [
      'alice',
      'alice@',
      '@example.com',
      'alice@example',
      'alice@@example.com',
      'mallory@example.com@evil.net',
      'alice@example..com',
      'alice@-example.com',
      '.alice@example.com',
      'al..ice@example.com',
      'alice smith@example.com',
      '"alice"@example.com',
      'alice@example.com, bob@example.com',
      'alice@example.com\r\nx: y',
      ['alice@example.com', 'bob@example.com'],
    ]) {
      expect({ value, result: subject(value) }).toMatchObject({
        value,
        result: { ok: false, reason: 'not-an-email' },
      });
    }
  });

  it('subject - the domain must match an allowed one exactly, in any case', () => {
    for (const value of [
      'mallory@evil-example.com',
      'mallory@notexample.com',
      'mallory@sub.example.com',
      'mallory@example.com.evil.net',
      'mallory@example.co',
      'mallory@example.org',
    ]) {
      expect({ value, result: subject(value) }).toMatchObject({
        value,
        result: { ok: false, reason: 'domain-not-allowed' },
      });
    }
    expect(subject('carol@CORP.EXAMPLE.ORG')).toEqual({
      ok: true,
      subject: 'carol@corp.example.org',
    });
  });

  it('subject - no allowed domains refuses everyone', () => {
    expect(
      subjectFromHeaders(
        { 'x-delegated-subject': 'alice@example.com' },
        { header: 'x-delegated-subject', allowedDomains: [] },
      ),
    ).toMatchObject({ ok: false, reason: 'domain-not-allowed' });
  });

  it('subject - refusal messages name the header, never the address', () => {
    const result = subject('not an address');
    expect(result).toEqual({
      ok: false,
      reason: 'not-an-email',
      message: 'The x-delegated-subject header is not an email address.',
    });
  });
});

describe('parseAllowedDomains', () => {
  it('allowed domains - comma-separated, trimmed, lower-cased', () => {
    expect(parseAllowedDomains(' Example.com, corp.example.org ,,')).toEqual([
      'example.com',
      'corp.example.org',
    ]);
    expect(parseAllowedDomains('')).toEqual([]);
  });

  it('allowed domains - an entry that is no domain name is named', () => {
    expect(() => parseAllowedDomains('example.com, *.example.org')).toThrow(
      '"*.example.org" is not a domain name',
    );
    expect(() => parseAllowedDomains('@example.com')).toThrow(
      '"@example.com" is not a domain name',
    );
    expect(() => parseAllowedDomains('localhost')).toThrow('"localhost" is not a domain name');
  });
});
