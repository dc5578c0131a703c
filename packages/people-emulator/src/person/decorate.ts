/** The output-only subfields Google computes on every read of an item. */
import { isJsonObject, type JsonObject } from './json.js';
import { GENDER_LABELS, PROTOCOL_LABELS, TYPE_LABELS, keywordLabel, label } from './labels.js';

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

/** `displayName`, `displayNameLastFirst` and, when absent, `unstructuredName` of a name. */
function decorateName(item: JsonObject): void {
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
}

/** A membership reads back with the group's id beside its resource name. */
function decorateMembership(item: JsonObject): void {
  const membership = item.contactGroupMembership;
  if (isJsonObject(membership) && typeof membership.contactGroupResourceName === 'string') {
    item.contactGroupMembership = {
      contactGroupId: membership.contactGroupResourceName.replace(/^contactGroups\//, ''),
      contactGroupResourceName: membership.contactGroupResourceName,
    };
  }
}

/** Fields whose only computed subfield is `formattedType`, the label of `type`. */
const TYPED_FIELDS: ReadonlySet<string> = new Set([
  'addresses',
  'calendarUrls',
  'emailAddresses',
  'events',
  'externalIds',
  'organizations',
  'relations',
  'sipAddresses',
  'urls',
]);

/** Adds the output-only subfields Google computes on read. Returns a new object. */
export function decorateItem(field: string, stored: JsonObject): JsonObject {
  const item: JsonObject = { ...stored };
  const type = typeof item.type === 'string' ? item.type : undefined;
  switch (field) {
    case 'names':
      decorateName(item);
      break;
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
    case 'memberships':
      decorateMembership(item);
      break;
    default:
      if (type && TYPED_FIELDS.has(field)) item.formattedType = label(TYPE_LABELS, type);
      break;
  }
  return item;
}
