/**
 * The editor's form model, with no React and no I/O: a person → form values, form values →
 * `updateContact` input and mask. Only values of the contact's own CONTACT source are edited;
 * values from a linked Google profile are shown but never sent back.
 */
import type {
  AddressInput,
  BiographyInput,
  BirthdayInput,
  CreateContactInput,
  EmailAddressInput,
  MembershipInput,
  NameInput,
  PersonDetailsFragment,
  PhoneNumberInput,
  UpdatablePersonField,
  UpdateContactInput,
  ValueSourceFragment,
} from '../gql/graphql';

export type Person = PersonDetailsFragment;

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

type WithSource = { metadata: ValueSourceFragment | null } | null;

/** Values of the contact's own source: the only ones `updateContact` writes. */
export function contactValues<T extends WithSource>(values: readonly T[]): T[] {
  return values.filter((value) => value?.metadata?.source?.type === 'CONTACT');
}

/** Values from other sources (a linked Google profile), shown read-only. */
export function otherSourceValues<T extends WithSource>(values: readonly T[]): T[] {
  return values.filter((value) => value?.metadata?.source?.type !== 'CONTACT');
}

const text = (value: string | null | undefined): string => value ?? '';
const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
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
    memberships: contactValues(person.memberships).flatMap((membership) => {
      const group = membership.contactGroupMembership?.contactGroupResourceName;
      return group ? [group] : [];
    }),
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ from what was read: the mask of the next save. */
export function touchedFields(initial: PersonForm, form: PersonForm): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => !sameJson(initial[field], form[field]));
}

/** Drops `null` sub-fields, so the input carries only values that are set. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

function nameInput(name: NameForm): NameInput[] {
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

function emailInputs(emails: readonly EmailForm[]): EmailAddressInput[] {
  return emails
    .filter((email) => email.value.trim() !== '')
    .map((email) =>
      compact({ ...email.kept, value: orNull(email.value), type: orNull(email.type) }),
    );
}

function phoneInputs(phones: readonly PhoneForm[]): PhoneNumberInput[] {
  return phones
    .filter((phone) => phone.value.trim() !== '')
    .map((phone) =>
      compact({ ...phone.kept, value: orNull(phone.value), type: orNull(phone.type) }),
    );
}

function addressInputs(
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
function datePart(value: string, label: string, max: number): number | null | string {
  if (value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    return `${label} must be a whole number from 1 to ${max}.`;
  return n;
}

function birthdayInput(birthday: BirthdayForm): BirthdayInput[] | string {
  const year = datePart(birthday.year, 'Year', 9999);
  const month = datePart(birthday.month, 'Month', 12);
  const day = datePart(birthday.day, 'Day', 31);
  for (const part of [year, month, day]) if (typeof part === 'string') return part;
  if (year === null && month === null && day === null) return [];
  if (month === null || day === null)
    return 'A birthday needs a month and a day (the year may stay empty).';
  return [{ date: compact({ year, month, day }) as { year?: number; month: number; day: number } }];
}

function biographyInput(biography: BiographyForm): BiographyInput[] {
  const value = orNull(biography.value);
  return value === null ? [] : [{ ...biography.kept, value }];
}

function membershipInputs(groups: readonly string[]): MembershipInput[] {
  return groups.map((contactGroupResourceName) => ({
    contactGroupMembership: { contactGroupResourceName },
  }));
}

export type FieldProblems = Partial<Record<EditableField, string>>;

export interface UpdateRequest {
  input: UpdateContactInput;
  mask: UpdatablePersonField[];
}

/**
 * The `updateContact` variables for the touched fields only: each is sent whole (REST replace
 * semantics), and a touched field left empty is sent as `[]`, which clears it. Or the problems
 * found in the form before any request.
 */
export function toUpdateRequest(
  person: { resourceName: string; etag: string },
  initial: PersonForm,
  form: PersonForm,
  fields: readonly EditableField[],
): UpdateRequest | { problems: FieldProblems } {
  const input: UpdateContactInput = { resourceName: person.resourceName, etag: person.etag };
  const problems: FieldProblems = {};
  for (const field of fields) {
    switch (field) {
      case 'names':
        input.names = nameInput(form.names);
        break;
      case 'emailAddresses':
        input.emailAddresses = emailInputs(form.emailAddresses);
        break;
      case 'phoneNumbers':
        input.phoneNumbers = phoneInputs(form.phoneNumbers);
        break;
      case 'addresses':
        input.addresses = addressInputs(form.addresses, initial.addresses);
        break;
      case 'birthdays': {
        const birthdays = birthdayInput(form.birthdays);
        if (typeof birthdays === 'string') problems.birthdays = birthdays;
        else input.birthdays = birthdays;
        break;
      }
      case 'biographies':
        input.biographies = biographyInput(form.biographies);
        break;
      case 'memberships':
        input.memberships = membershipInputs(form.memberships);
        break;
    }
  }
  if (Object.keys(problems).length > 0) return { problems };
  return { input, mask: fields.map((field) => MASK_OF[field]) };
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

/** One field of a form as a line of text, to compare two versions side by side. */
export function describeField(
  field: EditableField,
  form: PersonForm,
  groupName: (resourceName: string) => string,
): string {
  const join = (parts: readonly string[]) => parts.filter((p) => p.trim() !== '').join(' ');
  const typed = (value: string, type: string) =>
    type.trim() === '' ? value : `${value} (${type})`;
  const list = (items: readonly string[]) => (items.length === 0 ? '(none)' : items.join('; '));
  switch (field) {
    case 'names': {
      const n = form.names;
      const name = join([
        n.honorificPrefix,
        n.givenName,
        n.middleName,
        n.familyName,
        n.honorificSuffix,
      ]);
      return name === '' ? '(none)' : name;
    }
    case 'emailAddresses':
      return list(
        form.emailAddresses.filter((e) => e.value !== '').map((e) => typed(e.value, e.type)),
      );
    case 'phoneNumbers':
      return list(
        form.phoneNumbers.filter((p) => p.value !== '').map((p) => typed(p.value, p.type)),
      );
    case 'addresses':
      return list(
        form.addresses.map((a) =>
          typed(
            [a.streetAddress, a.extendedAddress, a.postalCode, a.city, a.region, a.country]
              .filter((p) => p.trim() !== '')
              .join(', '),
            a.type,
          ),
        ),
      );
    case 'birthdays': {
      const { year, month, day } = form.birthdays;
      if (month === '' && day === '' && year === '') return '(none)';
      return [
        year === '' ? '----' : year.padStart(4, '0'),
        month.padStart(2, '0'),
        day.padStart(2, '0'),
      ].join('-');
    }
    case 'biographies':
      return form.biographies.value === '' ? '(none)' : form.biographies.value;
    case 'memberships':
      return list(form.memberships.map(groupName));
  }
}

/** The person's name as the list shows it. */
export function displayName(person: Person): string {
  const name = person.names.find((n) => n.displayName)?.displayName;
  const email = person.emailAddresses.find((e) => e.value)?.value;
  return name ?? email ?? '(no name)';
}

/** The photo to show: the contact's own, else the first (Google's default letter avatar). */
export function shownPhoto(person: Person): { url: string; own: boolean } | undefined {
  const own = contactValues(person.photos).find((p) => p.default !== true && p.url);
  const photo = own ?? person.photos.find((p) => p.url);
  return photo?.url ? { url: photo.url, own: own !== undefined } : undefined;
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
