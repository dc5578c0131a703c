/** The checks of a written person that depend on the store: singletons, groups, the etag sent. */
import { invalidArgument } from '../errors.js';
import { isJsonObject, type JsonObject } from '../person/json.js';
import { SINGLETON_FIELDS, type UpdatableField } from '../person/masks.js';
import { contactItems } from '../person/sanitize.js';
import { MY_CONTACTS, type UserState } from '../store/state.js';

export function checkSingletons(body: JsonObject, fields: readonly UpdatableField[]): void {
  for (const field of SINGLETON_FIELDS) {
    if (fields.includes(field) && contactItems(body, field).length > 1) {
      throw invalidArgument(`Cannot have more than one person.${field} per source.`);
    }
  }
}

/**
 * "Any contact group membership can be removed, but only user group or myContacts or starred
 * system groups memberships can be added." Unknown groups: emulator wording (Google's unknown).
 */
export function checkMemberships(
  user: UserState,
  items: JsonObject[],
  current: JsonObject[],
): void {
  const groupOf = (item: JsonObject): string | undefined => {
    const cgm = item.contactGroupMembership;
    return isJsonObject(cgm) && typeof cgm.contactGroupResourceName === 'string'
      ? cgm.contactGroupResourceName
      : undefined;
  };
  const existing = new Set(current.map(groupOf));
  for (const item of items) {
    const name = groupOf(item);
    if (name === undefined) continue;
    const group = user.groups.get(name);
    if (!group) {
      throw invalidArgument(`Contact group "${name}" does not exist.`);
    }
    const addable = !group.system || name === MY_CONTACTS || name === 'contactGroups/starred';
    if (!addable && !existing.has(name)) {
      throw invalidArgument(`Cannot add a contact to the system contact group "${name}".`);
    }
  }
}

export function hasGroupMembership(items: JsonObject[]): boolean {
  return items.some(
    (item) =>
      isJsonObject(item.contactGroupMembership) &&
      typeof item.contactGroupMembership.contactGroupResourceName === 'string' &&
      item.contactGroupMembership.contactGroupResourceName !== '',
  );
}

/** The etag the client sent: the CONTACT source's when present, else the top-level one. */
export function sentEtag(body: JsonObject): string | undefined {
  const metadata = body.metadata;
  if (isJsonObject(metadata) && Array.isArray(metadata.sources)) {
    for (const source of metadata.sources) {
      if (
        isJsonObject(source) &&
        source.type === 'CONTACT' &&
        typeof source.etag === 'string' &&
        source.etag !== ''
      ) {
        return source.etag;
      }
    }
  }
  return typeof body.etag === 'string' && body.etag !== '' ? body.etag : undefined;
}
