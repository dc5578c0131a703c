import type { PersonResolvers } from '../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../mappers/selection.js';
import { isPersonResourceName } from '../people/resourceNames.js';
import type { Person as PersonModel } from '../people/types.js';
import { loadPerson } from './loadPerson.js';

type ListField = {
  [K in keyof PersonModel]-?: NonNullable<PersonModel[K]> extends unknown[] ? K : never;
}[keyof PersonModel];

/** REST omits an empty list; the schema promises one. */
function emptyWhenAbsent<K extends ListField>(field: K) {
  return (person: PersonModel): NonNullable<PersonModel[K]> | [] => person[field] ?? [];
}

export const Person: PersonResolvers = {
  // Federation entity references: all of one operation go through the request's loader, so
  // many references become one getBatchGet per 200 names, reading only the fields selected.
  // A name outside the grammar is null, uncalled: one bad entity must not fail `_entities`.
  __resolveReference: (reference, ctx, info) =>
    isPersonResourceName(reference.resourceName)
      ? loadPerson(ctx, reference.resourceName, toPersonFieldsMask(personFieldsFromSelection(info)))
      : null,
  addresses: emptyWhenAbsent('addresses'),
  ageRanges: emptyWhenAbsent('ageRanges'),
  biographies: emptyWhenAbsent('biographies'),
  birthdays: emptyWhenAbsent('birthdays'),
  braggingRights: emptyWhenAbsent('braggingRights'),
  calendarUrls: emptyWhenAbsent('calendarUrls'),
  clientData: emptyWhenAbsent('clientData'),
  coverPhotos: emptyWhenAbsent('coverPhotos'),
  emailAddresses: emptyWhenAbsent('emailAddresses'),
  events: emptyWhenAbsent('events'),
  externalIds: emptyWhenAbsent('externalIds'),
  fileAses: emptyWhenAbsent('fileAses'),
  genders: emptyWhenAbsent('genders'),
  imClients: emptyWhenAbsent('imClients'),
  interests: emptyWhenAbsent('interests'),
  locales: emptyWhenAbsent('locales'),
  locations: emptyWhenAbsent('locations'),
  memberships: emptyWhenAbsent('memberships'),
  miscKeywords: emptyWhenAbsent('miscKeywords'),
  names: emptyWhenAbsent('names'),
  nicknames: emptyWhenAbsent('nicknames'),
  occupations: emptyWhenAbsent('occupations'),
  organizations: emptyWhenAbsent('organizations'),
  phoneNumbers: emptyWhenAbsent('phoneNumbers'),
  photos: emptyWhenAbsent('photos'),
  relations: emptyWhenAbsent('relations'),
  relationshipInterests: emptyWhenAbsent('relationshipInterests'),
  relationshipStatuses: emptyWhenAbsent('relationshipStatuses'),
  residences: emptyWhenAbsent('residences'),
  sipAddresses: emptyWhenAbsent('sipAddresses'),
  skills: emptyWhenAbsent('skills'),
  taglines: emptyWhenAbsent('taglines'),
  urls: emptyWhenAbsent('urls'),
  userDefined: emptyWhenAbsent('userDefined'),
};
