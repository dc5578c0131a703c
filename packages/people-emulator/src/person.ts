/**
 * The Person request body: binding (what Google's JSON→proto layer rejects), sanitising (what
 * the contact store keeps) and the output-only fields the server computes on every read.
 */
import { invalidArgument } from './errors.js';
import type { UpdatableField } from './masks.js';

export type JsonObject = Record<string, unknown>;

type Scalar = 'string' | 'bool' | 'int';
interface EnumSpec {
  enum: readonly string[];
  protoType: string;
}
type SubfieldSpec = Scalar | 'date' | 'membership' | EnumSpec;

interface ItemSpec {
  proto: string;
  writable: Record<string, SubfieldSpec>;
  outputOnly: readonly string[];
}

const S = 'string' as const;

/** Writable and output-only subfields per updatable field (discovery document schemas). */
const ITEM_SPECS: Record<UpdatableField, ItemSpec> = {
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

/** Every property of the Person schema (38); anything else in a body is an unknown name. */
const PERSON_PROPERTIES = new Set([
  'addresses',
  'ageRange',
  'ageRanges',
  'biographies',
  'birthdays',
  'braggingRights',
  'calendarUrls',
  'clientData',
  'coverPhotos',
  'emailAddresses',
  'etag',
  'events',
  'externalIds',
  'fileAses',
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
  'relationshipInterests',
  'relationshipStatuses',
  'residences',
  'resourceName',
  'sipAddresses',
  'skills',
  'taglines',
  'urls',
  'userDefined',
]);

const FIELD_METADATA_KEYS = new Set(['primary', 'sourcePrimary', 'source', 'verified']);
const SOURCE_KEYS = new Set(['etag', 'id', 'type', 'updateTime', 'profileMetadata']);
const DATE_KEYS = new Set(['year', 'month', 'day']);

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownName(name: string, at: string): never {
  throw invalidArgument(
    `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`,
    at,
  );
}

function invalidValue(at: string, protoType: string, value: unknown): never {
  throw invalidArgument(`Invalid value at '${at}' (${protoType}), ${JSON.stringify(value)}`, at);
}

function checkKeys(value: JsonObject, allowed: Set<string>, at: string): void {
  for (const key of Object.keys(value)) if (!allowed.has(key)) unknownName(key, at);
}

function checkObject(value: unknown, at: string, proto: string): asserts value is JsonObject {
  if (!isJsonObject(value))
    invalidValue(at, `type.googleapis.com/google.people.v1.${proto}`, value);
}

function checkScalar(value: unknown, spec: Scalar, at: string): void {
  if (value === null) return;
  if (spec === 'string' && typeof value !== 'string') invalidValue(at, 'TYPE_STRING', value);
  if (spec === 'bool' && typeof value !== 'boolean') invalidValue(at, 'TYPE_BOOL', value);
  if (spec === 'int' && !Number.isInteger(value)) invalidValue(at, 'TYPE_INT32', value);
}

function checkFieldMetadata(value: unknown, at: string): void {
  if (value === null || value === undefined) return;
  checkObject(value, at, 'FieldMetadata');
  checkKeys(value, FIELD_METADATA_KEYS, at);
  const source = value.source;
  if (source !== null && source !== undefined) {
    checkObject(source, `${at}.source`, 'Source');
    checkKeys(source, SOURCE_KEYS, `${at}.source`);
  }
}

function checkDate(value: unknown, at: string): void {
  if (value === null) return;
  checkObject(value, at, 'Date');
  checkKeys(value, DATE_KEYS, at);
  for (const key of DATE_KEYS) {
    if (value[key] !== undefined) checkScalar(value[key], 'int', `${at}.${key}`);
  }
}

function checkItem(field: UpdatableField, item: unknown, at: string): void {
  const spec = ITEM_SPECS[field];
  checkObject(item, at, spec.proto);
  for (const [key, value] of Object.entries(item)) {
    const path = `${at}.${snake(key)}`;
    if (key === 'metadata') {
      checkFieldMetadata(value, path);
      continue;
    }
    if (spec.outputOnly.includes(key)) continue;
    const sub = spec.writable[key];
    if (sub === undefined) unknownName(key, at);
    if (sub === 'date') checkDate(value, path);
    else if (sub === 'membership') {
      if (value === null) continue;
      checkObject(value, path, 'ContactGroupMembership');
      checkKeys(value, new Set(['contactGroupResourceName', 'contactGroupId']), path);
      checkScalar(value.contactGroupResourceName, 'string', `${path}.contact_group_resource_name`);
    } else if (typeof sub === 'object') {
      if (value !== null && (typeof value !== 'string' || !sub.enum.includes(value))) {
        invalidValue(path, `type.googleapis.com/${sub.protoType}`, value);
      }
    } else checkScalar(value, sub, path);
  }
}

export function isUpdatable(key: string): key is UpdatableField {
  return key in ITEM_SPECS;
}

/**
 * Binds a request body to the Person message the way Google's JSON layer does: unknown names
 * and wrongly typed values are 400s. Only the 24 writable lists are checked item by item; the
 * output-only lists (photos, coverPhotos…) are ignored on write anyway.
 */
export function bindPerson(body: unknown): JsonObject {
  if (!isJsonObject(body)) {
    throw invalidArgument('Invalid JSON payload received. Expected an object for the person.');
  }
  for (const [key, value] of Object.entries(body)) {
    if (!PERSON_PROPERTIES.has(key)) unknownName(key, 'person');
    if (value === null || value === undefined) continue;
    if (key === 'etag' || key === 'resourceName') {
      checkScalar(value, 'string', `person.${key}`);
    } else if (key === 'metadata') {
      checkObject(value, 'person.metadata', 'PersonMetadata');
    } else if (isUpdatable(key)) {
      // An object where a list belongs: Google's generic answer (google-api-php-client#1615).
      if (!Array.isArray(value)) throw invalidArgument('Request contains an invalid argument.');
      value.forEach((item, i) => {
        checkItem(key, item, `person.${snake(key)}[${i}]`);
      });
    }
  }
  return body;
}

/** Items of a field that belong to the CONTACT source (items without a source count as it). */
export function contactItems(body: JsonObject, field: UpdatableField): JsonObject[] {
  const value = body[field];
  if (!Array.isArray(value)) return [];
  return value.filter(isJsonObject).filter((item) => {
    const metadata = item.metadata;
    if (!isJsonObject(metadata) || !isJsonObject(metadata.source)) return true;
    const type = metadata.source.type;
    return type === undefined || type === null || type === 'CONTACT';
  });
}

/** proto3 JSON drops default values; so does the store, so reads look like Google's. */
function isDefault(value: unknown): boolean {
  return value === null || value === undefined || value === '' || value === false || value === 0;
}

function cleanObject(value: JsonObject, keys: Iterable<string>): JsonObject | undefined {
  const out: JsonObject = {};
  for (const key of keys) {
    const v = value[key];
    if (!isDefault(v)) out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Keeps only the writable subfields of CONTACT items: output-only ones (formattedType,
 * displayName…) and item metadata are dropped silently; the server recomputes them. Client
 * `sourcePrimary` is not kept: the first item is always the primary one.
 */
export function sanitizeItems(field: UpdatableField, items: JsonObject[]): JsonObject[] {
  const spec = ITEM_SPECS[field];
  const out: JsonObject[] = [];
  for (const item of items) {
    const kept: JsonObject = {};
    for (const [key, sub] of Object.entries(spec.writable)) {
      const value = item[key];
      if (isDefault(value)) continue;
      if (sub === 'date' && isJsonObject(value)) {
        const date = cleanObject(value, DATE_KEYS);
        if (date) kept[key] = date;
      } else if (sub === 'membership' && isJsonObject(value)) {
        const membership = cleanObject(value, ['contactGroupResourceName']);
        if (membership) kept[key] = membership;
      } else {
        kept[key] = value;
      }
    }
    if (Object.keys(kept).length > 0) out.push(kept);
  }
  return out;
}

const TYPE_LABELS: Record<string, string> = {
  home: 'Home',
  work: 'Work',
  other: 'Other',
  mobile: 'Mobile',
  homeFax: 'Home Fax',
  workFax: 'Work Fax',
  otherFax: 'Other Fax',
  pager: 'Pager',
  workMobile: 'Work Mobile',
  workPager: 'Work Pager',
  main: 'Main',
  googleVoice: 'Google Voice',
  anniversary: 'Anniversary',
  account: 'Account',
  customer: 'Customer',
  loginId: 'Login ID',
  network: 'Network',
  organization: 'Organization',
  freeBusy: 'Free/Busy',
  school: 'School',
  spouse: 'Spouse',
  child: 'Child',
  mother: 'Mother',
  father: 'Father',
  parent: 'Parent',
  brother: 'Brother',
  sister: 'Sister',
  friend: 'Friend',
  relative: 'Relative',
  domesticPartner: 'Domestic Partner',
  manager: 'Manager',
  assistant: 'Assistant',
  referredBy: 'Referred by',
  partner: 'Partner',
  blog: 'Blog',
  profile: 'Profile',
  homePage: 'Home Page',
  ftp: 'FTP',
  reservations: 'Reservations',
  appInstallPage: 'App Install Page',
};

const PROTOCOL_LABELS: Record<string, string> = {
  aim: 'AIM',
  msn: 'MSN',
  yahoo: 'Yahoo',
  skype: 'Skype',
  qq: 'QQ',
  googleTalk: 'Google Talk',
  icq: 'ICQ',
  jabber: 'Jabber',
  netMeeting: 'NetMeeting',
};

const GENDER_LABELS: Record<string, string> = {
  male: 'Male',
  female: 'Female',
  unspecified: 'Unspecified',
};

/** Localised label of a predefined type; a custom type is shown as entered (Google does so). */
function label(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

function keywordLabel(type: string): string {
  const words = type
    .replace(/^OUTLOOK_/, '')
    .toLowerCase()
    .split('_');
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/**
 * E.164 form when the number is parseable. Numbers without a country code are read as North
 * American (the emulator's account region), as Google does with the account's region.
 */
export function canonicalPhone(value: string): string | undefined {
  if (/[A-Za-z]/.test(value)) return undefined;
  const digits = value.replace(/\D/g, '');
  if (value.trim().startsWith('+')) {
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0')
      ? `+${digits}`
      : undefined;
  }
  if (value.trim().startsWith('00') && digits.length >= 10 && digits.length <= 17) {
    return `+${digits.slice(2)}`;
  }
  if (digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && /^1[2-9]\d{2}[2-9]/.test(digits)) return `+${digits}`;
  return undefined;
}

function joinWords(parts: unknown[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}

/** Adds the output-only subfields Google computes on read. Returns a new object. */
export function decorateItem(field: string, stored: JsonObject): JsonObject {
  const item: JsonObject = { ...stored };
  const type = typeof item.type === 'string' ? item.type : undefined;
  switch (field) {
    case 'names': {
      const given = joinWords([item.honorificPrefix, item.givenName, item.middleName]);
      const family = joinWords([item.familyName]);
      const suffix = typeof item.honorificSuffix === 'string' ? item.honorificSuffix : '';
      const structured = joinWords([given, family]);
      const display =
        (suffix ? `${structured}, ${suffix}` : structured) ||
        (typeof item.unstructuredName === 'string' ? item.unstructuredName : '');
      const lastFirst = family && given ? `${family}, ${given}` : family || given;
      if (display) item.displayName = display;
      if (lastFirst || display) {
        item.displayNameLastFirst =
          (suffix && lastFirst ? `${lastFirst}, ${suffix}` : lastFirst) || display;
      }
      if (item.unstructuredName === undefined && display) item.unstructuredName = display;
      break;
    }
    case 'phoneNumbers': {
      const canonical = typeof item.value === 'string' ? canonicalPhone(item.value) : undefined;
      if (canonical) item.canonicalForm = canonical;
      if (type) item.formattedType = label(TYPE_LABELS, type);
      break;
    }
    case 'genders':
      if (typeof item.value === 'string') item.formattedValue = label(GENDER_LABELS, item.value);
      break;
    case 'imClients':
      if (typeof item.protocol === 'string') {
        item.formattedProtocol = label(PROTOCOL_LABELS, item.protocol);
      }
      if (type) item.formattedType = label(TYPE_LABELS, type);
      break;
    case 'miscKeywords':
      if (type) item.formattedType = keywordLabel(type);
      break;
    case 'memberships': {
      const membership = item.contactGroupMembership;
      if (isJsonObject(membership) && typeof membership.contactGroupResourceName === 'string') {
        item.contactGroupMembership = {
          contactGroupId: membership.contactGroupResourceName.replace(/^contactGroups\//, ''),
          contactGroupResourceName: membership.contactGroupResourceName,
        };
      }
      break;
    }
    case 'addresses':
    case 'calendarUrls':
    case 'emailAddresses':
    case 'events':
    case 'externalIds':
    case 'organizations':
    case 'relations':
    case 'sipAddresses':
    case 'urls':
      if (type) item.formattedType = label(TYPE_LABELS, type);
      break;
    default:
      break;
  }
  return item;
}
