/**
 * Form values → People API inputs, with no React and no I/O. Each builder gives a field's whole
 * new value list (REST replace semantics): an emptied field gives `[]`, which clears it.
 */
import type {
  AddressInput,
  BiographyInput,
  BirthdayInput,
  CreateContactInput,
  EmailAddressInput,
  MembershipInput,
  NameInput,
  PhoneNumberInput,
} from '../gql/graphql';
import {
  sameJson,
  type AddressForm,
  type BiographyForm,
  type BirthdayForm,
  type EditableField,
  type EmailForm,
  type NameForm,
  type PersonForm,
  type PhoneForm,
} from './form';

export type FieldProblems = Partial<Record<EditableField, string>>;

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Drops `null` sub-fields, so the input carries only values that are set. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

export function nameInput(name: NameForm): NameInput[] {
  const shown = {
    honorificPrefix: orNull(name.honorificPrefix),
    givenName: orNull(name.givenName),
    middleName: orNull(name.middleName),
    familyName: orNull(name.familyName),
    honorificSuffix: orNull(name.honorificSuffix),
  };
  if (Object.values(shown).every((v) => v === null)) return [];
  return [compact({ ...name.kept, ...shown })];
}

export function emailInputs(emails: readonly EmailForm[]): EmailAddressInput[] {
  return emails
    .filter((email) => email.value.trim() !== '')
    .map((email) =>
      compact({ ...email.kept, value: orNull(email.value), type: orNull(email.type) }),
    );
}

export function phoneInputs(phones: readonly PhoneForm[]): PhoneNumberInput[] {
  return phones
    .filter((phone) => phone.value.trim() !== '')
    .map((phone) =>
      compact({ ...phone.kept, value: orNull(phone.value), type: orNull(phone.type) }),
    );
}

export function addressInputs(
  addresses: readonly AddressForm[],
  read: readonly AddressForm[],
): AddressInput[] {
  return addresses.flatMap((address) => {
    const { kept, ...shown } = address;
    const values = Object.fromEntries(
      Object.entries(shown).map(([key, value]) => [key, orNull(value)]),
    ) as Record<keyof typeof shown, string | null>;
    const { type, ...place } = values;
    if (Object.values(place).every((v) => v === null)) return [];
    // A stale `formattedValue` would win over edited parts: send it only for an untouched address.
    const untouched = read.some((r) => sameJson(r, address));
    const { formattedValue, ...rest } = kept;
    return [compact({ ...rest, ...(untouched ? { formattedValue } : {}), ...place, type })];
  });
}

/** A number typed in a birthday box, or a message saying what is wrong with it. */
export function datePart(value: string, label: string, max: number): number | null | string {
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    return `${label} must be a whole number from 1 to ${max}.`;
  return n;
}

export function birthdayInput(birthday: BirthdayForm): BirthdayInput[] | string {
  const year = datePart(birthday.year, 'Year', 9999);
  const month = datePart(birthday.month, 'Month', 12);
  const day = datePart(birthday.day, 'Day', 31);
  for (const part of [year, month, day]) if (typeof part === 'string') return part;
  if (year === null && month === null && day === null) return [];
  if (month === null || day === null)
    return 'A birthday needs a month and a day (the year may stay empty).';
  return [{ date: compact({ year, month, day }) as { year?: number; month: number; day: number } }];
}

export function biographyInput(biography: BiographyForm): BiographyInput[] {
  const value = orNull(biography.value);
  return value === null ? [] : [{ ...biography.kept, value }];
}

export function membershipInputs(groups: readonly string[]): MembershipInput[] {
  return groups.map((contactGroupResourceName) => ({
    contactGroupMembership: { contactGroupResourceName },
  }));
}

/** The `createContact` input for the filled-in fields, or the problems found in the form. */
export function toCreateInput(form: PersonForm): CreateContactInput | { problems: FieldProblems } {
  const birthdays = birthdayInput(form.birthdays);
  if (typeof birthdays === 'string') return { problems: { birthdays } };
  const input: CreateContactInput = compact({
    names: nonEmpty(nameInput(form.names)),
    emailAddresses: nonEmpty(emailInputs(form.emailAddresses)),
    phoneNumbers: nonEmpty(phoneInputs(form.phoneNumbers)),
    addresses: nonEmpty(addressInputs(form.addresses, [])),
    birthdays: nonEmpty(birthdays),
    biographies: nonEmpty(biographyInput(form.biographies)),
    memberships: nonEmpty(membershipInputs(form.memberships)),
  });
  if (Object.keys(input).length === 0) {
    return { problems: { names: 'Fill in at least one field, such as a name.' } };
  }
  return input;
}

const nonEmpty = <T>(values: T[]): T[] | null => (values.length === 0 ? null : values);
