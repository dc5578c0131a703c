import { describe, expect, it } from 'vitest';
import { toCreateContactRequest } from '../../src/mappers/createContact.js';

describe('toCreateContactRequest', () => {
  it('sends only the fields that have values', () => {
    expect(
      toCreateContactRequest(
        { names: [{ givenName: 'Nova', familyName: null }], urls: [], phoneNumbers: null },
        'names',
      ),
    ).toEqual({
      request: { personFields: 'names', requestBody: { names: [{ givenName: 'Nova' }] } },
    });
  });

  it('refuses a contact with no field set, as Google would', () => {
    expect(toCreateContactRequest({ names: [], urls: null }, 'names')).toEqual({
      error: expect.objectContaining({ __typename: 'InvalidArgument', field: null }) as unknown,
    });
  });

  it('refuses two birthdays', () => {
    expect(
      toCreateContactRequest(
        { birthdays: [{ date: { year: 1990, month: 1, day: 2 } }, { date: { month: 3, day: 4 } }] },
        'names',
      ),
    ).toEqual({
      error: expect.objectContaining({
        __typename: 'SingletonViolation',
        field: 'birthdays',
        count: 2,
      }) as unknown,
    });
  });
});
