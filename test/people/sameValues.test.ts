import { describe, expect, it } from 'vitest';
import { UpdatablePersonField as F } from '../../src/people/fields.js';
import { differingFields, holdsUpdate, sameFieldValues } from '../../src/people/sameValues.js';

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

  it('compares every writable subfield both ways: a value only one side has is a difference', () => {
    // The client read the address without a type; someone has since set one.
    const current = {
      emailAddresses: [{ value: 'a@example.com', type: 'home', metadata: contact }],
    };
    expect(
      sameFieldValues(current, { emailAddresses: [{ value: 'a@example.com' }] }, F.EMAIL_ADDRESSES),
    ).toBe(false);
    expect(
      sameFieldValues(
        current,
        { emailAddresses: [{ value: 'a@example.com', type: 'home' }] },
        F.EMAIL_ADDRESSES,
      ),
    ).toBe(true);
  });

  it('ignores output-only subfields and metadata on either side', () => {
    const read = {
      phoneNumbers: [
        {
          value: '+1 202 555 0101',
          type: 'mobile',
          formattedType: 'Mobile',
          canonicalForm: '+12025550101',
          metadata: { ...contact, primary: true, sourcePrimary: true },
        },
      ],
    };
    const now = { phoneNumbers: [{ value: '+1 202 555 0101', type: 'mobile', metadata: contact }] };
    expect(sameFieldValues(now, read, F.PHONE_NUMBERS)).toBe(true);
    expect(sameFieldValues(read, now, F.PHONE_NUMBERS)).toBe(true);
  });

  it('takes an empty string, 0 or false as absent, in items and in nested dates', () => {
    expect(
      sameFieldValues(
        { urls: [{ value: 'https://example.com', metadata: contact }] },
        { urls: [{ value: 'https://example.com', type: '' }] },
        F.URLS,
      ),
    ).toBe(true);
    expect(
      sameFieldValues(
        { birthdays: [{ date: { month: 12, day: 10 }, metadata: contact }] },
        { birthdays: [{ date: { year: 0, month: 12, day: 10 } }] },
        F.BIRTHDAYS,
      ),
    ).toBe(true);
    expect(
      sameFieldValues(
        { locations: [{ value: 'Desk 4', metadata: contact }] },
        { locations: [{ value: 'Desk 4', current: false }] },
        F.LOCATIONS,
      ),
    ).toBe(true);
  });

  it('takes an item with no writable value as no item, and an empty list as an absent field', () => {
    expect(sameFieldValues({ urls: [] }, { urls: [{ value: '' }] }, F.URLS)).toBe(true);
    expect(sameFieldValues({}, { urls: [] }, F.URLS)).toBe(true);
    expect(sameFieldValues({ urls: [] }, {}, F.URLS)).toBe(true);
  });

  it('compares a subfield the server fills in only when the sent item gives it', () => {
    const now = {
      names: [{ givenName: 'Ada', unstructuredName: 'Ada', displayName: 'Ada', metadata: contact }],
    };
    expect(sameFieldValues(now, { names: [{ givenName: 'Ada' }] }, F.NAMES)).toBe(true);
    expect(
      sameFieldValues(now, { names: [{ givenName: 'Ada', unstructuredName: 'Ada' }] }, F.NAMES),
    ).toBe(true);
    expect(
      sameFieldValues(now, { names: [{ givenName: 'Ada', unstructuredName: 'A. L.' }] }, F.NAMES),
    ).toBe(false);
  });

  it("compares nested writable subfields only: a membership's group id is the server's", () => {
    const now = {
      memberships: [
        {
          contactGroupMembership: {
            contactGroupId: 'myContacts',
            contactGroupResourceName: 'contactGroups/myContacts',
          },
          metadata: contact,
        },
      ],
    };
    const sent = {
      memberships: [
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
      ],
    };
    expect(sameFieldValues(now, sent, F.MEMBERSHIPS)).toBe(true);
    const other = {
      memberships: [
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/starred' } },
      ],
    };
    expect(sameFieldValues(now, other, F.MEMBERSHIPS)).toBe(false);
  });

  it('leaves items of other sources out even when they carry the same value', () => {
    const fromProfile = { value: 'a@example.com', metadata: profile };
    const both = { emailAddresses: [fromProfile, { value: 'a@example.com', metadata: contact }] };
    expect(
      sameFieldValues(both, { emailAddresses: [{ value: 'a@example.com' }] }, F.EMAIL_ADDRESSES),
    ).toBe(true);
    expect(sameFieldValues({ emailAddresses: [fromProfile] }, {}, F.EMAIL_ADDRESSES)).toBe(true);
  });
});

describe('differingFields', () => {
  it('lists the fields, in the order asked, whose contact values are not those read', () => {
    const read = { names: [{ givenName: 'Ada' }], urls: [{ value: 'https://a.example' }] };
    const now = {
      names: [{ givenName: 'Ada', metadata: contact }],
      urls: [{ value: 'https://b.example', metadata: contact }],
      phoneNumbers: [{ value: '1', metadata: contact }],
    };
    expect(differingFields(now, read, [F.URLS, F.NAMES, F.PHONE_NUMBERS])).toEqual([
      F.URLS,
      F.PHONE_NUMBERS,
    ]);
    expect(differingFields(now, read, [F.NAMES])).toEqual([]);
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
