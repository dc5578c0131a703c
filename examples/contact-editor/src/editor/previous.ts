/**
 * `UpdateContactInput.previous`: what the editor read in the fields it sends. With it the gateway
 * can tell an edit made elsewhere to other fields (merged, `UpdateContactSuccess.mergedOnto`)
 * from one to the same fields (`EtagConflict.conflictingFields`). Every subfield of the input
 * types is given as read, since the gateway compares them all (a subfield one side lacks is a
 * difference); CONTACT-source values only, as only those are written.
 */
import type { PersonFieldsInput } from '../gql/graphql';
import { contactValues, type Person } from '../person';
import type { EditableField } from './form';
import { compact } from './inputs';

type Name = Person['names'][number];
type Address = Person['addresses'][number];

const NAME_SUBFIELDS = [
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
] as const satisfies readonly (keyof Name)[];

const ADDRESS_SUBFIELDS = [
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
] as const satisfies readonly (keyof Address)[];

function pick<T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

function readValues(person: Person, field: EditableField): PersonFieldsInput[EditableField] {
  switch (field) {
    case 'names':
      return contactValues(person.names).map((name) => compact(pick(name, NAME_SUBFIELDS)));
    case 'emailAddresses':
      return contactValues(person.emailAddresses).map(({ value, type, displayName }) =>
        compact({ value, type, displayName }),
      );
    case 'phoneNumbers':
      return contactValues(person.phoneNumbers).map(({ value, type }) => compact({ value, type }));
    case 'addresses':
      return contactValues(person.addresses).map((address) =>
        compact(pick(address, ADDRESS_SUBFIELDS)),
      );
    case 'birthdays':
      return contactValues(person.birthdays).map(({ date, text }) =>
        compact({ date: date === null ? null : compact(date), text }),
      );
    case 'biographies':
      return contactValues(person.biographies).map(({ value, contentType }) =>
        compact({ value, contentType }),
      );
    case 'memberships':
      return contactValues(person.memberships).flatMap(({ contactGroupMembership }) => {
        const group = contactGroupMembership?.contactGroupResourceName;
        return group ? [{ contactGroupMembership: { contactGroupResourceName: group } }] : [];
      });
  }
}

/** The values `person` held in `fields`, as the input types spell them. */
export function previousOf(person: Person, fields: readonly EditableField[]): PersonFieldsInput {
  return Object.fromEntries(fields.map((field) => [field, readValues(person, field)]));
}
