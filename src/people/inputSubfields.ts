/**
 * The subfields a client can write in each updatable field's items: those of the GraphQL input
 * types of schema.graphql (`AddressInput`, `NameInput`, …) without `metadata`. Output-only
 * subfields (`displayName` of a name, `formattedType`, `canonicalForm`, …) are not among them.
 * test/people/inputSubfields.test.ts checks them against the schema.
 */
import { UpdatablePersonField as F } from './fields.js';

/** An item's writable subfields: `true` for a scalar, the nested subfields for an object. */
export interface Subfields {
  readonly [subfield: string]: true | Subfields;
}

const DATE: Subfields = { year: true, month: true, day: true };

const values = (...names: string[]): Subfields =>
  Object.fromEntries(names.map((name) => [name, true]));

export const INPUT_SUBFIELDS: Readonly<Record<F, Subfields>> = {
  [F.ADDRESSES]: values(
    'city',
    'country',
    'countryCode',
    'extendedAddress',
    'formattedValue',
    'poBox',
    'postalCode',
    'region',
    'streetAddress',
    'type',
  ),
  [F.BIOGRAPHIES]: values('contentType', 'value'),
  [F.BIRTHDAYS]: { date: DATE, text: true },
  [F.CALENDAR_URLS]: values('type', 'url'),
  [F.CLIENT_DATA]: values('key', 'value'),
  [F.EMAIL_ADDRESSES]: values('displayName', 'type', 'value'),
  [F.EVENTS]: { date: DATE, type: true },
  [F.EXTERNAL_IDS]: values('type', 'value'),
  [F.GENDERS]: values('addressMeAs', 'value'),
  [F.IM_CLIENTS]: values('protocol', 'type', 'username'),
  [F.INTERESTS]: values('value'),
  [F.LOCALES]: values('value'),
  [F.LOCATIONS]: values(
    'buildingId',
    'current',
    'deskCode',
    'floor',
    'floorSection',
    'type',
    'value',
  ),
  [F.MEMBERSHIPS]: { contactGroupMembership: values('contactGroupResourceName') },
  [F.MISC_KEYWORDS]: values('type', 'value'),
  [F.NAMES]: values(
    'familyName',
    'givenName',
    'honorificPrefix',
    'honorificSuffix',
    'middleName',
    'phoneticFamilyName',
    'phoneticFullName',
    'phoneticGivenName',
    'phoneticHonorificPrefix',
    'phoneticHonorificSuffix',
    'phoneticMiddleName',
    'unstructuredName',
  ),
  [F.NICKNAMES]: values('type', 'value'),
  [F.OCCUPATIONS]: values('value'),
  [F.ORGANIZATIONS]: {
    ...values(
      'costCenter',
      'current',
      'department',
      'domain',
      'fullTimeEquivalentMillipercent',
      'jobDescription',
      'location',
      'name',
      'phoneticName',
      'symbol',
      'title',
      'type',
    ),
    startDate: DATE,
    endDate: DATE,
  },
  [F.PHONE_NUMBERS]: values('type', 'value'),
  [F.RELATIONS]: values('person', 'type'),
  [F.SIP_ADDRESSES]: values('type', 'value'),
  [F.URLS]: values('type', 'value'),
  [F.USER_DEFINED]: values('key', 'value'),
};

/**
 * Writable subfields that the server fills in when a write leaves them out, so a stored value
 * there may be the server's, not a writer's: an address's `formattedValue` "will be automatically
 * constructed from structured values" (`Address` in the discovery document), and a name's
 * `unstructuredName` is computed from its parts (packages/people-emulator/README.md).
 */
export const FILLED_IN_WHEN_LEFT_OUT: Readonly<Partial<Record<F, readonly string[]>>> = {
  [F.ADDRESSES]: ['formattedValue'],
  [F.NAMES]: ['unstructuredName'],
};
