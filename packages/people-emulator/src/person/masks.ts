import { invalidArgument } from '../errors.js';

/** The 29 valid `personFields` paths (discovery document, people.get). */
export const PERSON_FIELDS = [
  'addresses',
  'ageRanges',
  'biographies',
  'birthdays',
  'calendarUrls',
  'clientData',
  'coverPhotos',
  'emailAddresses',
  'events',
  'externalIds',
  'genders',
  'imClients',
  'interests',
  'locales',
  'locations',
  'memberships',
  'metadata',
  'miscKeywords',
  'names',
  'nicknames',
  'occupations',
  'organizations',
  'phoneNumbers',
  'photos',
  'relations',
  'sipAddresses',
  'skills',
  'urls',
  'userDefined',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** The 5 `personFields` paths that are read-only: absent from `updatePersonFields`. */
const READ_ONLY_PERSON_FIELDS = [
  'ageRanges',
  'coverPhotos',
  'metadata',
  'photos',
  'skills',
] as const;
export type UpdatableField = Exclude<PersonField, (typeof READ_ONLY_PERSON_FIELDS)[number]>;

function isReadOnly(field: PersonField): field is (typeof READ_ONLY_PERSON_FIELDS)[number] {
  return (READ_ONLY_PERSON_FIELDS as readonly string[]).includes(field);
}

/** The 24 valid `updatePersonFields` paths: the 29 minus the read-only ones. */
export const UPDATE_PERSON_FIELDS: readonly UpdatableField[] = PERSON_FIELDS.filter(
  (field): field is UpdatableField => !isReadOnly(field),
);

/** "This field is a singleton for contact sources." (discovery document). */
export const SINGLETON_FIELDS: readonly UpdatableField[] = [
  'biographies',
  'birthdays',
  'genders',
  'names',
];

export const GROUP_FIELDS = ['clientData', 'groupType', 'memberCount', 'metadata', 'name'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export const READ_SOURCE_TYPES = [
  'READ_SOURCE_TYPE_UNSPECIFIED',
  'READ_SOURCE_TYPE_PROFILE',
  'READ_SOURCE_TYPE_CONTACT',
  'READ_SOURCE_TYPE_DOMAIN_CONTACT',
  'READ_SOURCE_TYPE_OTHER_CONTACT',
] as const;

const DOCS = 'https://developers.google.com/people/api/rest/v1/';

/** Documentation page quoted in mask errors, e.g. `people/get`. */
export type MaskDoc = string;

export function isUpdatableField(path: string): path is UpdatableField {
  return (UPDATE_PERSON_FIELDS as readonly string[]).includes(path);
}

/** Splits a `google-fieldmask` string into paths; empty input gives an empty list. */
export function splitMask(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * Parses a mask against its valid paths. `required` gives Google's "mask is required" 400 when
 * the mask is absent or empty; otherwise an absent mask yields `undefined` (caller's default).
 */
export function parseMask<T extends string>(
  value: string | undefined,
  maskName: string,
  valid: readonly T[],
  doc: MaskDoc,
  required: boolean,
): T[] | undefined {
  const paths = splitMask(value);
  if (paths.length === 0) {
    if (required) {
      throw invalidArgument(
        `${maskName} mask is required. Please specify one or more valid paths. Valid paths are documented at ${DOCS}${doc}.`,
      );
    }
    return undefined;
  }
  const result: T[] = [];
  for (const path of paths) {
    if (!(valid as readonly string[]).includes(path)) {
      throw invalidArgument(
        `Invalid ${maskName} mask path: "${path}". Valid paths are documented at ${DOCS}${doc}.`,
      );
    }
    if (!result.includes(path as T)) result.push(path as T);
  }
  return result;
}

export type SourceKind = 'CONTACT' | 'PROFILE';

/**
 * Parses repeated `sources`. Unset (or only UNSPECIFIED) means CONTACT and PROFILE, the default
 * of every method the emulator serves. Domain and other-contact sources have no data here.
 */
export function parseSources(values: readonly string[], field = 'sources'): Set<SourceKind> {
  const kinds = new Set<SourceKind>();
  values.forEach((value, index) => {
    if (!(READ_SOURCE_TYPES as readonly string[]).includes(value)) {
      throw invalidArgument(
        `Invalid value at '${field}[${index}]' (type.googleapis.com/google.people.v1.ReadSourceType), "${value}"`,
        `${field}[${index}]`,
      );
    }
    if (value === 'READ_SOURCE_TYPE_CONTACT') kinds.add('CONTACT');
    if (value === 'READ_SOURCE_TYPE_PROFILE') kinds.add('PROFILE');
  });
  const onlyUnspecified = values.every((v) => v === 'READ_SOURCE_TYPE_UNSPECIFIED');
  if (onlyUnspecified) return new Set<SourceKind>(['CONTACT', 'PROFILE']);
  return kinds;
}
