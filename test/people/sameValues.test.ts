import { describe, expect, it } from 'vitest';
import { UpdatablePersonField as F } from '../../src/people/fields.js';
import { holdsUpdate, sameFieldValues } from '../../src/people/sameValues.js';

const contact = { source: { type: 'CONTACT', id: 'abc' } };
const profile = { source: { type: 'PROFILE', id: '1' } };

const stored = {
  names: [
    { givenName: 'Ada', displayName: 'Ada', metadata: { ...contact, primary: true } },
    { givenName: 'Ada L.', metadata: profile },
  ],
  emailAddresses: [
    { value: 'b@example.com', type: 'work', formattedType: 'Work', metadata: contact },
    { value: 'a@example.com', metadata: contact },
  ],
  phoneNumbers: [],
};

describe('sameFieldValues', () => {
  it('is true for the same items in another order, server additions and metadata aside', () => {
    const sent = {
      emailAddresses: [{ value: 'a@example.com' }, { value: 'b@example.com', type: 'work' }],
    };
    expect(sameFieldValues(stored, sent, F.EMAIL_ADDRESSES)).toBe(true);
  });

  it('compares only the CONTACT source: a PROFILE item is neither needed nor extra', () => {
    expect(sameFieldValues(stored, { names: [{ givenName: 'Ada' }] }, F.NAMES)).toBe(true);
    expect(sameFieldValues(stored, { names: [{ givenName: 'Ada L.' }] }, F.NAMES)).toBe(false);
  });

  it('takes an absent field as an empty one', () => {
    expect(sameFieldValues(stored, {}, F.PHONE_NUMBERS)).toBe(true);
    expect(sameFieldValues(stored, {}, F.URLS)).toBe(true);
    expect(sameFieldValues(stored, {}, F.NAMES)).toBe(false);
  });

  it('matches each sent item to a distinct stored one', () => {
    const twice = { emailAddresses: [{ value: 'a@example.com' }, { value: 'a@example.com' }] };
    expect(sameFieldValues(stored, twice, F.EMAIL_ADDRESSES)).toBe(false);
  });

  it('compares nested values and lists exactly', () => {
    const withDate = {
      birthdays: [{ date: { year: 1815, month: 12, day: 10 }, metadata: contact }],
      urls: [{ value: 'https://example.com', metadata: contact }],
    };
    expect(
      sameFieldValues(
        withDate,
        { birthdays: [{ date: { year: 1815, month: 12, day: 10 } }] },
        F.BIRTHDAYS,
      ),
    ).toBe(true);
    expect(
      sameFieldValues(
        withDate,
        { birthdays: [{ date: { year: 1815, month: 12, day: 11 } }] },
        F.BIRTHDAYS,
      ),
    ).toBe(false);
  });
});

describe('holdsUpdate', () => {
  it('is true when the contact source holds exactly what was sent, in any order', () => {
    const sent = {
      names: [{ givenName: 'Ada', metadata: { sourcePrimary: true } }],
      emailAddresses: [{ value: 'a@example.com' }, { value: 'b@example.com', type: 'work' }],
      phoneNumbers: [],
    };
    expect(holdsUpdate(stored, sent, [F.NAMES, F.EMAIL_ADDRESSES, F.PHONE_NUMBERS])).toBe(true);
  });

  it('is false when a value differs, one is missing, or one is extra', () => {
    expect(holdsUpdate(stored, { names: [{ givenName: 'Grace' }] }, [F.NAMES])).toBe(false);
    expect(
      holdsUpdate(stored, { emailAddresses: [{ value: 'a@example.com' }] }, [F.EMAIL_ADDRESSES]),
    ).toBe(false);
    expect(holdsUpdate(stored, { phoneNumbers: [{ value: '1' }] }, [F.PHONE_NUMBERS])).toBe(false);
    expect(
      holdsUpdate(stored, { names: [{ givenName: 'Ada', familyName: 'King' }] }, [F.NAMES]),
    ).toBe(false);
  });

  it('looks only at the fields named: a difference elsewhere does not count', () => {
    const sent = { names: [{ givenName: 'Ada' }], emailAddresses: [] };
    expect(holdsUpdate(stored, sent, [F.NAMES])).toBe(true);
    expect(holdsUpdate(stored, sent, [F.NAMES, F.EMAIL_ADDRESSES])).toBe(false);
  });
});
