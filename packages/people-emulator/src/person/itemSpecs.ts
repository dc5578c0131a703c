/**
 * The Person message as the discovery document describes it: which subfields of each updatable
 * field a client may write, and which the server computes (output only).
 */
import { PERSON_FIELDS, type UpdatableField } from './masks.js';

export type Scalar = 'string' | 'bool' | 'int';
interface EnumSpec {
  enum: readonly string[];
  protoType: string;
}
type SubfieldSpec = Scalar | 'date' | 'membership' | EnumSpec;

export interface ItemSpec {
  proto: string;
  writable: Record<string, SubfieldSpec>;
  outputOnly: readonly string[];
}

const S = 'string' as const;

/** Writable and output-only subfields per updatable field (discovery document schemas). */
export const ITEM_SPECS: Record<UpdatableField, ItemSpec> = {
  addresses: {
    proto: 'Address',
    writable: {
      city: S,
      country: S,
      countryCode: S,
      extendedAddress: S,
      formattedValue: S,
      poBox: S,
      postalCode: S,
      region: S,
      streetAddress: S,
      type: S,
    },
    outputOnly: ['formattedType'],
  },
  biographies: {
    proto: 'Biography',
    writable: {
      value: S,
      contentType: {
        enum: ['CONTENT_TYPE_UNSPECIFIED', 'TEXT_PLAIN', 'TEXT_HTML'],
        protoType: 'google.people.v1.Biography.ContentType',
      },
    },
    outputOnly: [],
  },
  birthdays: { proto: 'Birthday', writable: { date: 'date', text: S }, outputOnly: [] },
  calendarUrls: {
    proto: 'CalendarUrl',
    writable: { type: S, url: S },
    outputOnly: ['formattedType'],
  },
  clientData: { proto: 'ClientData', writable: { key: S, value: S }, outputOnly: [] },
  emailAddresses: {
    proto: 'EmailAddress',
    writable: { displayName: S, type: S, value: S },
    outputOnly: ['formattedType'],
  },
  events: { proto: 'Event', writable: { date: 'date', type: S }, outputOnly: ['formattedType'] },
  externalIds: {
    proto: 'ExternalId',
    writable: { type: S, value: S },
    outputOnly: ['formattedType'],
  },
  genders: {
    proto: 'Gender',
    writable: { addressMeAs: S, value: S },
    outputOnly: ['formattedValue'],
  },
  imClients: {
    proto: 'ImClient',
    writable: { protocol: S, type: S, username: S },
    outputOnly: ['formattedProtocol', 'formattedType'],
  },
  interests: { proto: 'Interest', writable: { value: S }, outputOnly: [] },
  locales: { proto: 'Locale', writable: { value: S }, outputOnly: [] },
  locations: {
    proto: 'Location',
    writable: {
      buildingId: S,
      current: 'bool',
      deskCode: S,
      floor: S,
      floorSection: S,
      type: S,
      value: S,
    },
    outputOnly: [],
  },
  memberships: {
    proto: 'Membership',
    writable: { contactGroupMembership: 'membership' },
    outputOnly: ['domainMembership'],
  },
  miscKeywords: {
    proto: 'MiscKeyword',
    writable: {
      value: S,
      type: {
        enum: [
          'TYPE_UNSPECIFIED',
          'OUTLOOK_BILLING_INFORMATION',
          'OUTLOOK_DIRECTORY_SERVER',
          'OUTLOOK_KEYWORD',
          'OUTLOOK_MILEAGE',
          'OUTLOOK_PRIORITY',
          'OUTLOOK_SENSITIVITY',
          'OUTLOOK_SUBJECT',
          'OUTLOOK_USER',
          'HOME',
          'WORK',
          'OTHER',
        ],
        protoType: 'google.people.v1.MiscKeyword.KeywordType',
      },
    },
    outputOnly: ['formattedType'],
  },
  names: {
    proto: 'Name',
    writable: {
      familyName: S,
      givenName: S,
      honorificPrefix: S,
      honorificSuffix: S,
      middleName: S,
      phoneticFamilyName: S,
      phoneticFullName: S,
      phoneticGivenName: S,
      phoneticHonorificPrefix: S,
      phoneticHonorificSuffix: S,
      phoneticMiddleName: S,
      unstructuredName: S,
    },
    outputOnly: ['displayName', 'displayNameLastFirst'],
  },
  nicknames: {
    proto: 'Nickname',
    writable: {
      value: S,
      type: {
        enum: [
          'DEFAULT',
          'MAIDEN_NAME',
          'INITIALS',
          'GPLUS',
          'OTHER_NAME',
          'ALTERNATE_NAME',
          'SHORT_NAME',
        ],
        protoType: 'google.people.v1.Nickname.NicknameType',
      },
    },
    outputOnly: [],
  },
  occupations: { proto: 'Occupation', writable: { value: S }, outputOnly: [] },
  organizations: {
    proto: 'Organization',
    writable: {
      costCenter: S,
      current: 'bool',
      department: S,
      domain: S,
      endDate: 'date',
      fullTimeEquivalentMillipercent: 'int',
      jobDescription: S,
      location: S,
      name: S,
      phoneticName: S,
      startDate: 'date',
      symbol: S,
      title: S,
      type: S,
    },
    outputOnly: ['formattedType'],
  },
  phoneNumbers: {
    proto: 'PhoneNumber',
    writable: { type: S, value: S },
    outputOnly: ['canonicalForm', 'formattedType'],
  },
  relations: { proto: 'Relation', writable: { person: S, type: S }, outputOnly: ['formattedType'] },
  sipAddresses: {
    proto: 'SipAddress',
    writable: { type: S, value: S },
    outputOnly: ['formattedType'],
  },
  urls: { proto: 'Url', writable: { type: S, value: S }, outputOnly: ['formattedType'] },
  userDefined: { proto: 'UserDefined', writable: { key: S, value: S }, outputOnly: [] },
};

/**
 * Every property of the Person schema (38): the 29 `personFields` paths and nine more that are
 * deprecated or top-level. Anything else in a body is an unknown name.
 */
export const PERSON_PROPERTIES: ReadonlySet<string> = new Set([
  ...PERSON_FIELDS,
  'ageRange',
  'braggingRights',
  'etag',
  'fileAses',
  'relationshipInterests',
  'relationshipStatuses',
  'residences',
  'resourceName',
  'taglines',
]);

export const FIELD_METADATA_KEYS: ReadonlySet<string> = new Set([
  'primary',
  'sourcePrimary',
  'source',
  'verified',
]);
export const SOURCE_KEYS: ReadonlySet<string> = new Set([
  'etag',
  'id',
  'type',
  'updateTime',
  'profileMetadata',
]);
export const DATE_KEYS: ReadonlySet<string> = new Set(['year', 'month', 'day']);

export function isUpdatable(key: string): key is UpdatableField {
  return key in ITEM_SPECS;
}
