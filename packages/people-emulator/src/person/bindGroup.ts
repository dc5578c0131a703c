/**
 * Binding the bodies of the contact group methods as Google's JSON layer does: unknown names and
 * wrongly typed values are 400s before the method's own checks. Messages as in bind.ts.
 */
import { invalidArgument } from '../errors.js';
import { isJsonObject, type JsonObject } from './json.js';

/** `ContactGroup` (discovery document). */
const CONTACT_GROUP_KEYS: ReadonlySet<string> = new Set([
  'clientData',
  'etag',
  'formattedName',
  'groupType',
  'memberCount',
  'memberResourceNames',
  'metadata',
  'name',
  'resourceName',
]);

function unknownName(name: string, at: string): never {
  throw invalidArgument(
    `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`,
    at,
  );
}

function invalidValue(at: string, protoType: string, value: unknown): never {
  throw invalidArgument(`Invalid value at '${at}' (${protoType}), ${JSON.stringify(value)}`, at);
}

function optionalString(body: JsonObject, key: string, at: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalidValue(at, 'TYPE_STRING', value);
  return value;
}

export interface GroupRequest {
  group: JsonObject;
  name: string | undefined;
  etag: string | undefined;
  clientData: JsonObject[] | undefined;
  readGroupFields: string | undefined;
  updateGroupFields: string | undefined;
}

/** `CreateContactGroupRequest` or `UpdateContactGroupRequest` (with `updateGroupFields`). */
export function bindGroupRequest(body: unknown, update: boolean): GroupRequest {
  if (!isJsonObject(body)) throw invalidArgument('Invalid JSON payload received.');
  const requestKeys = ['contactGroup', 'readGroupFields', ...(update ? ['updateGroupFields'] : [])];
  for (const key of Object.keys(body)) if (!requestKeys.includes(key)) unknownName(key, '');
  const group = body.contactGroup ?? {};
  if (!isJsonObject(group)) {
    invalidValue('contact_group', 'type.googleapis.com/google.people.v1.ContactGroup', group);
  }
  for (const key of Object.keys(group)) {
    if (!CONTACT_GROUP_KEYS.has(key)) unknownName(key, 'contact_group');
  }
  const clientData = group.clientData;
  if (clientData !== undefined && clientData !== null) {
    if (!Array.isArray(clientData) || !clientData.every(isJsonObject)) {
      throw invalidArgument('Request contains an invalid argument.');
    }
  }
  return {
    group,
    name: optionalString(group, 'name', 'contact_group.name'),
    etag: optionalString(group, 'etag', 'contact_group.etag'),
    clientData: Array.isArray(clientData) ? clientData.filter(isJsonObject) : undefined,
    readGroupFields: optionalString(body, 'readGroupFields', 'read_group_fields'),
    updateGroupFields: optionalString(body, 'updateGroupFields', 'update_group_fields'),
  };
}

/** `ModifyContactGroupMembersRequest`: two optional lists of resource names. */
export function bindModifyMembers(body: unknown): { add: string[]; remove: string[] } {
  if (!isJsonObject(body)) throw invalidArgument('Invalid JSON payload received.');
  const lists = { resourceNamesToAdd: [] as string[], resourceNamesToRemove: [] as string[] };
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'resourceNamesToAdd' && key !== 'resourceNamesToRemove') unknownName(key, '');
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) throw invalidArgument('Request contains an invalid argument.');
    value.forEach((name, i) => {
      const at = `${key === 'resourceNamesToAdd' ? 'resource_names_to_add' : 'resource_names_to_remove'}[${i}]`;
      if (typeof name !== 'string') invalidValue(at, 'TYPE_STRING', name);
      lists[key].push(name);
    });
  }
  return { add: lists.resourceNamesToAdd, remove: lists.resourceNamesToRemove };
}
