import { describe, expect, it } from 'vitest';
import { UpdatablePersonField as F } from '../../src/generated/resolvers-types.js';
import { holdsUpdate } from '../../src/mappers/sameAsSent.js';

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
    expect(holdsUpdate(stored, sent, [F.Names, F.EmailAddresses, F.PhoneNumbers])).toBe(true);
  });

  it('is false when a value differs, one is missing, or one is extra', () => {
    expect(holdsUpdate(stored, { names: [{ givenName: 'Grace' }] }, [F.Names])).toBe(false);
    expect(
      holdsUpdate(stored, { emailAddresses: [{ value: 'a@example.com' }] }, [F.EmailAddresses]),
    ).toBe(false);
    expect(holdsUpdate(stored, { phoneNumbers: [{ value: '1' }] }, [F.PhoneNumbers])).toBe(false);
    expect(
      holdsUpdate(stored, { names: [{ givenName: 'Ada', familyName: 'King' }] }, [F.Names]),
    ).toBe(false);
  });
});
