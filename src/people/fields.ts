/**
 * The People API's field lists, kept once: each member's name is the GraphQL enum value of
 * schema.graphql, its value the REST path. codegen.yml binds the GraphQL enums to these
 * (`enumValues`) and the resolvers pass them to Apollo as the enums' internal values, so
 * resolvers, mappers and the client see REST paths. test/people/fields.test.ts checks them
 * against the schema and against the discovery document's lists.
 */

/** The 24 paths `updatePersonFields` takes (`people.updateContact`). */
export enum UpdatablePersonField {
  ADDRESSES = 'addresses',
  BIOGRAPHIES = 'biographies',
  BIRTHDAYS = 'birthdays',
  CALENDAR_URLS = 'calendarUrls',
  CLIENT_DATA = 'clientData',
  EMAIL_ADDRESSES = 'emailAddresses',
  EVENTS = 'events',
  EXTERNAL_IDS = 'externalIds',
  GENDERS = 'genders',
  IM_CLIENTS = 'imClients',
  INTERESTS = 'interests',
  LOCALES = 'locales',
  LOCATIONS = 'locations',
  MEMBERSHIPS = 'memberships',
  MISC_KEYWORDS = 'miscKeywords',
  NAMES = 'names',
  NICKNAMES = 'nicknames',
  OCCUPATIONS = 'occupations',
  ORGANIZATIONS = 'organizations',
  PHONE_NUMBERS = 'phoneNumbers',
  RELATIONS = 'relations',
  SIP_ADDRESSES = 'sipAddresses',
  URLS = 'urls',
  USER_DEFINED = 'userDefined',
}

/** The 29 paths `personFields` takes (`people.get`): the updatable ones and five read-only. */
export enum PersonField {
  ADDRESSES = 'addresses',
  AGE_RANGES = 'ageRanges',
  BIOGRAPHIES = 'biographies',
  BIRTHDAYS = 'birthdays',
  CALENDAR_URLS = 'calendarUrls',
  CLIENT_DATA = 'clientData',
  COVER_PHOTOS = 'coverPhotos',
  EMAIL_ADDRESSES = 'emailAddresses',
  EVENTS = 'events',
  EXTERNAL_IDS = 'externalIds',
  GENDERS = 'genders',
  IM_CLIENTS = 'imClients',
  INTERESTS = 'interests',
  LOCALES = 'locales',
  LOCATIONS = 'locations',
  MEMBERSHIPS = 'memberships',
  METADATA = 'metadata',
  MISC_KEYWORDS = 'miscKeywords',
  NAMES = 'names',
  NICKNAMES = 'nicknames',
  OCCUPATIONS = 'occupations',
  ORGANIZATIONS = 'organizations',
  PHONE_NUMBERS = 'phoneNumbers',
  PHOTOS = 'photos',
  RELATIONS = 'relations',
  SIP_ADDRESSES = 'sipAddresses',
  SKILLS = 'skills',
  URLS = 'urls',
  USER_DEFINED = 'userDefined',
}

/** In the order above; an update's `updatePersonFields` and body follow it. */
export const UPDATABLE_PERSON_FIELDS: readonly UpdatablePersonField[] =
  Object.values(UpdatablePersonField);
export const PERSON_FIELDS: readonly PersonField[] = Object.values(PersonField);

/** "This field is a singleton for contact sources" in the discovery document. */
export const SINGLETON_FIELDS: readonly UpdatablePersonField[] = [
  UpdatablePersonField.BIOGRAPHIES,
  UpdatablePersonField.BIRTHDAYS,
  UpdatablePersonField.GENDERS,
  UpdatablePersonField.NAMES,
];

const personFieldSet: ReadonlySet<string> = new Set(PERSON_FIELDS);

export function isPersonField(name: string): name is PersonField {
  return personFieldSet.has(name);
}
