/**
 * The People API's field lists. The GraphQL enums `UpdatablePersonField` (24 `updatePersonFields`
 * paths) and `PersonField` (29 `personFields` paths) carry the REST spelling at run time
 * (codegen `enumValues`), so the schema is their single source.
 */
import { PersonField, UpdatablePersonField } from '../generated/resolvers-types.js';

export { PersonField, UpdatablePersonField };

export const UPDATABLE_PERSON_FIELDS: readonly UpdatablePersonField[] =
  Object.values(UpdatablePersonField);
export const PERSON_FIELDS: readonly PersonField[] = Object.values(PersonField);

/** "This field is a singleton for contact sources" in the discovery document. */
export const SINGLETON_FIELDS: readonly UpdatablePersonField[] = [
  UpdatablePersonField.Biographies,
  UpdatablePersonField.Birthdays,
  UpdatablePersonField.Genders,
  UpdatablePersonField.Names,
];

const personFieldSet: ReadonlySet<string> = new Set(PERSON_FIELDS);

export function isPersonField(name: string): name is PersonField {
  return personFieldSet.has(name);
}

/** `emailAddresses` → `EMAIL_ADDRESSES`: the GraphQL enum value name of a REST field path. */
export function toEnumName(field: string): string {
  return field.replace(/([A-Z])/g, '_$1').toUpperCase();
}
