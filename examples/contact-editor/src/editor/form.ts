/**
 * The editor's form model, with no React and no I/O: a person → form values, and which fields a
 * form changed. Only values of the contact's own CONTACT source are edited; values from a linked
 * Google profile are shown but never sent back.
 */
import type {
  AddressInput,
  BiographyInput,
  EmailAddressInput,
  NameInput,
  PhoneNumberInput,
  UpdatablePersonField,
  ValueSourceFragment,
} from '../gql/graphql';
import { contactValues, groupsOf, type Person } from '../person';

/** The Person fields the editor changes, in the order the form shows them. */
export const EDITABLE_FIELDS = [
  'names',
  'emailAddresses',
  'phoneNumbers',
  'addresses',
  'birthdays',
  'biographies',
  'memberships',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const MASK_OF: Record<EditableField, UpdatablePersonField> = {
  names: 'NAMES',
  emailAddresses: 'EMAIL_ADDRESSES',
  phoneNumbers: 'PHONE_NUMBERS',
  addresses: 'ADDRESSES',
  birthdays: 'BIRTHDAYS',
  biographies: 'BIOGRAPHIES',
  memberships: 'MEMBERSHIPS',
};

export const FIELD_LABELS: Record<EditableField, string> = {
  names: 'Name',
  emailAddresses: 'Email addresses',
  phoneNumbers: 'Phone numbers',
  addresses: 'Addresses',
  birthdays: 'Birthday',
  biographies: 'Notes',
  memberships: 'Contact groups',
};

/** The editable field a mask value (or an `InvalidArgument.field` path) concerns, if any. */
export function editableFieldOf(name: string): EditableField | undefined {
  const byMask = EDITABLE_FIELDS.find((field) => MASK_OF[field] === name);
  if (byMask !== undefined) return byMask;
  // `InvalidArgument.field` is a REST path such as `email_addresses[0].value` or `names`.
  const head = (name.split(/[.[]/)[0] ?? '').replace(/_([a-z])/g, (_, c: string) =>
    c.toUpperCase(),
  );
  return EDITABLE_FIELDS.find((field) => field === head || field === `${head}s`);
}

export interface NameForm {
  honorificPrefix: string;
  givenName: string;
  middleName: string;
  familyName: string;
  honorificSuffix: string;
  /** Sub-fields the form does not show, sent back as read. */
  kept: NameInput;
}

export interface EmailForm {
  value: string;
  type: string;
  kept: EmailAddressInput;
}

export interface PhoneForm {
  value: string;
  type: string;
  kept: PhoneNumberInput;
}

export interface AddressForm {
  streetAddress: string;
  extendedAddress: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  type: string;
  kept: AddressInput;
}

export interface BirthdayForm {
  year: string;
  month: string;
  day: string;
}

export interface BiographyForm {
  value: string;
  kept: BiographyInput;
}

export interface PersonForm {
  names: NameForm;
  emailAddresses: EmailForm[];
  phoneNumbers: PhoneForm[];
  addresses: AddressForm[];
  birthdays: BirthdayForm;
  biographies: BiographyForm;
  /** Contact group resource names, in the order read. */
  memberships: string[];
}

const text = (value: string | null | undefined): string => value ?? '';
const keptMetadata = (metadata: ValueSourceFragment | null) =>
  metadata?.sourcePrimary === true ? { metadata: { sourcePrimary: true } } : {};

export function emptyName(): NameForm {
  return {
    honorificPrefix: '',
    givenName: '',
    middleName: '',
    familyName: '',
    honorificSuffix: '',
    kept: {},
  };
}
export const emptyEmail = (): EmailForm => ({ value: '', type: '', kept: {} });
export const emptyPhone = (): PhoneForm => ({ value: '', type: '', kept: {} });
export const emptyAddress = (): AddressForm => ({
  streetAddress: '',
  extendedAddress: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
  type: '',
  kept: {},
});

export function formFromPerson(person: Person): PersonForm {
  const [name] = contactValues(person.names);
  const [birthday] = contactValues(person.birthdays);
  const [biography] = contactValues(person.biographies);
  return {
    names:
      name === undefined
        ? emptyName()
        : {
            honorificPrefix: text(name.honorificPrefix),
            givenName: text(name.givenName),
            middleName: text(name.middleName),
            familyName: text(name.familyName),
            honorificSuffix: text(name.honorificSuffix),
            kept: {
              phoneticGivenName: name.phoneticGivenName,
              phoneticMiddleName: name.phoneticMiddleName,
              phoneticFamilyName: name.phoneticFamilyName,
              phoneticFullName: name.phoneticFullName,
              phoneticHonorificPrefix: name.phoneticHonorificPrefix,
              phoneticHonorificSuffix: name.phoneticHonorificSuffix,
              ...keptMetadata(name.metadata),
            },
          },
    emailAddresses: contactValues(person.emailAddresses).map((email) => ({
      value: text(email.value),
      type: text(email.type),
      kept: { displayName: email.displayName, ...keptMetadata(email.metadata) },
    })),
    phoneNumbers: contactValues(person.phoneNumbers).map((phone) => ({
      value: text(phone.value),
      type: text(phone.type),
      kept: keptMetadata(phone.metadata),
    })),
    addresses: contactValues(person.addresses).map((address) => ({
      streetAddress: text(address.streetAddress),
      extendedAddress: text(address.extendedAddress),
      city: text(address.city),
      region: text(address.region),
      postalCode: text(address.postalCode),
      country: text(address.country),
      type: text(address.type),
      kept: {
        poBox: address.poBox,
        countryCode: address.countryCode,
        formattedValue: address.formattedValue,
        ...keptMetadata(address.metadata),
      },
    })),
    birthdays: {
      year: birthday?.date?.year?.toString() ?? '',
      month: birthday?.date?.month?.toString() ?? '',
      day: birthday?.date?.day?.toString() ?? '',
    },
    biographies: {
      value: text(biography?.value),
      kept: biography?.contentType ? { contentType: biography.contentType } : {},
    },
    memberships: groupsOf(person),
  };
}

export const sameJson = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ from what was read: the mask of the next save. */
export function touchedFields(initial: PersonForm, form: PersonForm): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => !sameJson(initial[field], form[field]));
}

/** `target` with the given fields taken from `source`. */
export function withFields(
  target: PersonForm,
  source: PersonForm,
  fields: readonly EditableField[],
): PersonForm {
  const taken = Object.fromEntries(fields.map((field) => [field, source[field]]));
  return { ...target, ...taken };
}

/** What a form was read from: the person (its etag, its values) and the form values it gives. */
export interface Base {
  person: Person;
  initial: PersonForm;
}

export const baseOf = (person: Person): Base => ({ person, initial: formFromPerson(person) });

/** Field labels as a list for a sentence: "Name, Email addresses". */
export const labelsOf = (fields: readonly EditableField[]): string =>
  fields.map((f) => FIELD_LABELS[f]).join(', ');
