import { describe, expect, it } from 'vitest';
import { holdsUpdate } from '../../src/mappers/sameAsSent.js';
import { UpdatablePersonField as F } from '../../src/people/fields.js';

const contact = { source: { type: 'CONTACT', id: 'abc' } };
const profile = { source: { type: 'PROFILE', id: '1' } };

describe('holdsUpdate', () => {
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
});
