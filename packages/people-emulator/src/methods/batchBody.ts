/**
 * Binding the body of a batch write (`BatchUpdateContactsRequest`, `BatchCreateContactsRequest`,
 * `BatchDeleteContactsRequest`) as Google's JSON layer does: unknown names and wrongly typed
 * values are 400s for the whole request, before any contact is looked at; then the size limits
 * the reference pages give (200 contacts, 500 resource names).
 */
import { invalidArgument } from '../errors.js';
import { isJsonObject, type JsonObject } from '../person/json.js';
import { parseSources, type SourceKind } from '../person/masks.js';

/** "Allows up to 200 contacts in a single request" (batchUpdateContacts, batchCreateContacts). */
export const BATCH_WRITE_MAX = 200;
/** "Allows up to 500 resource names in a single request" (batchDeleteContacts). */
export const BATCH_DELETE_MAX = 500;

function unknownName(name: string): never {
  throw invalidArgument(
    `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`,
    name,
  );
}

function invalidValue(at: string, protoType: string, value: unknown): never {
  throw invalidArgument(`Invalid value at '${at}' (${protoType}), ${JSON.stringify(value)}`, at);
}

/** The request object, with only `allowed` keys. */
export function bindRequest(body: unknown, allowed: readonly string[]): JsonObject {
  if (!isJsonObject(body)) {
    throw invalidArgument('Invalid JSON payload received. Expected an object for the request.');
  }
  for (const key of Object.keys(body)) if (!allowed.includes(key)) unknownName(key);
  return body;
}

/** A `google-fieldmask` string field, or undefined when absent. */
export function maskField(request: JsonObject, key: string): string | undefined {
  const value = request[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    invalidValue(key, 'type.googleapis.com/google.protobuf.FieldMask', value);
  return value;
}

/** The body's `sources` (a list of ReadSourceType names), CONTACT and PROFILE when absent. */
export function bodySources(request: JsonObject): Set<SourceKind> {
  const value = request.sources ?? [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    invalidValue('sources', 'TYPE_ENUM', value);
  }
  return parseSources(value);
}

/** Refuses a list with no entries or more than `max` (emulator wording: no capture shows Google's). */
export function checkBatchSize(count: number, max: number, field: string, what: string): void {
  if (count === 0) {
    throw invalidArgument(`Request must specify at least one ${what}.`, field);
  }
  if (count > max) {
    throw invalidArgument(
      `Too many ${what}s: ${count}. Allows up to ${max} ${what}s in a single request.`,
      field,
    );
  }
}
