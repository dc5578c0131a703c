/**
 * `contactGroups.create`, `contactGroups.update` and `contactGroups.delete`
 * (https://developers.google.com/people/api/rest/v1/contactGroups). Group names are unique per
 * user ("will return a HTTP 409 error"); a stale etag on update answers 409 "Contact group etag
 * is outdated", as a public client's handling of the live API shows.
 */
import { createHash } from 'node:crypto';
import { ApiError, invalidArgument } from '../errors.js';
import { bindGroupRequest } from '../person/bindGroup.js';
import { GROUP_FIELDS, parseMask, type GroupField } from '../person/masks.js';
import {
  bumpVersion,
  groupMembers,
  membershipGroup,
  renderGroupEtag,
  type StoredGroup,
  type UserState,
} from '../store/state.js';
import type { Handler } from './context.js';
import { findGroup, renderGroup } from './contactGroups.js';

/** `readGroupFields` of create and update: "Defaults to `metadata`, `groupType`, and `name`". */
const DEFAULT_READ_FIELDS: GroupField[] = ['metadata', 'groupType', 'name'];
/** create's `readGroupFields` lists every group field but `memberCount`. */
const CREATE_READ_FIELDS = GROUP_FIELDS.filter((field) => field !== 'memberCount');
const UPDATE_GROUP_FIELDS = ['clientData', 'name'] as const;

/**
 * The capture (mrmattwilkins/google-contacts-sync, contacts.py `update_contactGroup_tag`) checks
 * for HTTP 409 and this text; the status is ABORTED, HTTP 409 in google/rpc/code.proto's mapping.
 */
export function staleGroupEtag(): ApiError {
  return new ApiError(409, 'ABORTED', 'Contact group etag is outdated', 'aborted');
}

/** Emulator wording: Google documents the 409 for a duplicate name, not its message. */
function duplicateName(name: string): ApiError {
  return new ApiError(
    409,
    'ALREADY_EXISTS',
    `Contact group name "${name}" already exists.`,
    'duplicate',
  );
}

/** Emulator wording: Google's answer for a system group here is not documented. */
export function systemGroupRefused(resourceName: string): ApiError {
  return invalidArgument(`Cannot modify the system contact group "${resourceName}".`);
}

/** A non-empty name no other group of the user has (exact comparison). */
function checkedName(user: UserState, name: string | undefined, self?: StoredGroup): string {
  if (name === undefined || name.trim() === '') {
    throw invalidArgument('Contact group name must not be empty.', 'contact_group.name');
  }
  for (const group of user.groups.values()) {
    if (group !== self && group.name === name) throw duplicateName(name);
  }
  return name;
}

/** Strictly increasing, so two writes within one millisecond still change the etag. */
function nextUpdateTime(previous: string | undefined): string {
  const floor = previous === undefined ? 0 : Date.parse(previous) + 1;
  return new Date(Math.max(Date.now(), floor)).toISOString();
}

/** User group ids are 16 hex digits, like Google's (`contactGroups/65189743883aabaf`). */
function newGroupName(user: UserState, seed: number): string {
  for (;;) {
    const id = createHash('sha256')
      .update(`${user.token}/${seed}/group/${++user.modSeq}`)
      .digest('hex')
      .slice(0, 16);
    const resourceName = `contactGroups/${id}`;
    if (!user.groups.has(resourceName)) return resourceName;
  }
}

export const createContactGroup: Handler = ({ state, user, body }) => {
  const request = bindGroupRequest(body, false);
  const fields =
    parseMask(
      request.readGroupFields,
      'readGroupFields',
      CREATE_READ_FIELDS,
      'contactGroups/create',
      false,
    ) ?? DEFAULT_READ_FIELDS;
  const name = checkedName(user, request.name);
  const group: StoredGroup = {
    resourceName: newGroupName(user, state.seed),
    name,
    formattedName: name,
    system: false,
    updateTime: nextUpdateTime(undefined),
    ...(request.clientData ? { clientData: request.clientData } : {}),
  };
  user.groups.set(group.resourceName, group);
  return renderGroup(user, group, fields);
};

/** Checks in order: binding, masks, the group, system groups, the etag, the name. */
export const updateContactGroup: Handler = ({ user, body, resourceName }) => {
  const request = bindGroupRequest(body, true);
  const doc = 'contactGroups/update';
  const updated = parseMask(
    request.updateGroupFields,
    'updateGroupFields',
    UPDATE_GROUP_FIELDS,
    doc,
    false,
  ) ?? ['name'];
  const fields =
    parseMask(request.readGroupFields, 'readGroupFields', GROUP_FIELDS, doc, false) ??
    DEFAULT_READ_FIELDS;
  const group = findGroup(user, resourceName);
  if (group.system) throw systemGroupRefused(resourceName);
  // No capture shows an update without an etag; the emulator applies it unconditionally.
  if (request.etag !== undefined && request.etag !== renderGroupEtag(group)) {
    throw staleGroupEtag();
  }
  if (updated.includes('name')) {
    const name = checkedName(user, request.name, group);
    group.name = name;
    group.formattedName = name;
  }
  if (updated.includes('clientData')) {
    if (request.clientData) group.clientData = request.clientData;
    else delete group.clientData;
  }
  group.updateTime = nextUpdateTime(group.updateTime);
  return renderGroup(user, group, fields);
};

function booleanParam(value: string | undefined, field: string): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw invalidArgument(`Invalid value at '${field}' (TYPE_BOOL), "${value}"`, field);
}

/**
 * Members lose the membership; with `deleteContacts` they are deleted instead. A contact whose
 * only group this was keeps no membership (Google's behaviour there is not documented).
 */
export const deleteContactGroup: Handler = ({ user, query, resourceName }) => {
  const deleteContacts = booleanParam(query.one('deleteContacts'), 'delete_contacts');
  const group = findGroup(user, resourceName);
  if (group.system) throw systemGroupRefused(resourceName);
  const members = groupMembers(user, group);
  user.groups.delete(resourceName);
  for (const contact of members) {
    if (deleteContacts) {
      user.contacts.delete(contact.resourceName);
      continue;
    }
    const kept = (contact.fields.memberships ?? []).filter(
      (item) => membershipGroup(item) !== resourceName,
    );
    contact.fields.memberships = kept.length > 0 ? kept : undefined;
    bumpVersion(user, contact);
  }
  return {};
};
