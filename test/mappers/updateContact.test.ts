import { describe, expect, it } from 'vitest';
import type { UpdateContactInput } from '../../src/generated/resolvers-types.js';
import { withoutNulls } from '../../src/mappers/personInput.js';
import { toUpdateContactRequest } from '../../src/mappers/updateContact.js';
import { UpdatablePersonField as F } from '../../src/people/fields.js';

const base: UpdateContactInput = { resourceName: 'people/c1', etag: '%EgUBAj03LhoEAQIFByIM' };

describe('toUpdateContactRequest', () => {
  it('builds updatePersonFields, personFields and a body with the etag and only masked fields', () => {
    const result = toUpdateContactRequest(
      {
        ...base,
        names: [{ givenName: 'Ada', familyName: null, metadata: { sourcePrimary: true } }],
        emailAddresses: [{ value: 'ada@example.com', type: 'work' }],
      },
      [F.NAMES, F.EMAIL_ADDRESSES],
      'names,phoneNumbers',
    );
    expect(result).toEqual({
      request: {
        resourceName: 'people/c1',
        updatePersonFields: 'emailAddresses,names',
        personFields: 'names,phoneNumbers',
        requestBody: {
          resourceName: 'people/c1',
          etag: '%EgUBAj03LhoEAQIFByIM',
          names: [{ givenName: 'Ada', metadata: { sourcePrimary: true } }],
          emailAddresses: [{ value: 'ada@example.com', type: 'work' }],
        },
      },
    });
  });

  it('sends a masked field the input leaves out as an empty list, which clears it', () => {
    const result = toUpdateContactRequest(base, [F.PHONE_NUMBERS], 'phoneNumbers');
    expect(result).toMatchObject({ request: { requestBody: { phoneNumbers: [] } } });
  });

  it('treats an explicit null like an absent field', () => {
    const result = toUpdateContactRequest({ ...base, urls: null }, [F.NAMES], 'names');
    expect(result).toMatchObject({
      request: { updatePersonFields: 'names', requestBody: { names: [] } },
    });
  });

  it('refuses every field set outside the mask, even an empty list', () => {
    const result = toUpdateContactRequest(
      { ...base, names: [{ givenName: 'A' }], urls: [], phoneNumbers: [{ value: '1' }] },
      [F.NAMES],
      'names',
    );
    expect(result).toEqual({
      error: expect.objectContaining({
        __typename: 'FieldNotInMask',
        fields: ['phoneNumbers', 'urls'],
      }) as unknown,
    });
  });

  it.each([F.NAMES, F.BIOGRAPHIES, F.BIRTHDAYS, F.GENDERS])(
    'refuses two values in the singleton %s',
    (field) => {
      const result = toUpdateContactRequest({ ...base, [field]: [{}, {}] }, [field], field);
      expect(result).toEqual({
        error: expect.objectContaining({
          __typename: 'SingletonViolation',
          field,
          count: 2,
        }) as unknown,
      });
    },
  );

  it('refuses MEMBERSHIPS in the mask without a contact group membership', () => {
    for (const memberships of [undefined, null, []]) {
      const result = toUpdateContactRequest(
        { ...base, memberships },
        [F.MEMBERSHIPS],
        'memberships',
      );
      expect(result).toEqual({
        error: expect.objectContaining({ __typename: 'MissingContactGroupMembership' }) as unknown,
      });
    }
  });

  it('refuses people/me and an empty etag as MissingSource, and an empty mask as InvalidArgument', () => {
    expect(
      toUpdateContactRequest({ ...base, resourceName: 'people/me' }, [F.NAMES], 'names'),
    ).toEqual({
      error: expect.objectContaining({
        __typename: 'MissingSource',
        resourceName: 'people/me',
      }) as unknown,
    });
    expect(toUpdateContactRequest({ ...base, etag: '' }, [F.NAMES], 'names')).toEqual({
      error: expect.objectContaining({ __typename: 'MissingSource' }) as unknown,
    });
    expect(toUpdateContactRequest(base, [], 'names')).toEqual({
      error: expect.objectContaining({ __typename: 'InvalidArgument', field: 'mask' }) as unknown,
    });
    expect(
      toUpdateContactRequest({ ...base, resourceName: 'contactGroups/x' }, [F.NAMES], 'names'),
    ).toEqual({
      error: expect.objectContaining({
        __typename: 'InvalidArgument',
        field: 'resourceName',
      }) as unknown,
    });
  });
});

describe('withoutNulls', () => {
  it('drops nulls at every depth and keeps falsy values', () => {
    expect(
      withoutNulls({ a: null, b: 0, c: '', d: false, e: [{ f: null, g: { h: null, i: 1 } }] }),
    ).toEqual({
      b: 0,
      c: '',
      d: false,
      e: [{ g: { i: 1 } }],
    });
  });
});
