/**
 * Binding a request body to the Person message the way Google's JSON→proto layer does: unknown
 * names and wrongly typed values are 400s, before the method's own checks.
 */
import { invalidArgument } from '../errors.js';
import {
  DATE_KEYS,
  FIELD_METADATA_KEYS,
  ITEM_SPECS,
  PERSON_PROPERTIES,
  SOURCE_KEYS,
  isUpdatable,
  type Scalar,
} from './itemSpecs.js';
import { isJsonObject, type JsonObject } from './json.js';
import type { UpdatableField } from './masks.js';

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
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

function checkKeys(value: JsonObject, allowed: ReadonlySet<string>, at: string): void {
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
