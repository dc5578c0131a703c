/**
 * Contact group mutations: the checks made before any upstream call, and the group union
 * members. Rules from https://developers.google.com/people/api/rest/v1/contactGroups: names are
 * unique per user; only user groups, `contactGroups/myContacts` and `contactGroups/starred` take
 * new members; system groups are Google's own.
 */
import type { ContactGroupNotFound, GroupEtagConflict } from '../generated/resolvers-types.js';
import {
  CONTACT_GROUP_RESOURCE_NAME_GRAMMAR,
  MAX_RESOURCE_NAME_LENGTH,
  isContactGroupResourceName,
  isPersonResourceName,
} from '../people/resourceNames.js';
import { invalidArgument, type InvalidArgumentResult } from './results.js';

/**
 * The system groups of a captured `contactGroups.list` answer (groupType SYSTEM_CONTACT_GROUP):
 * Google's, so never renamed or deleted here. User groups have hex ids.
 */
export const SYSTEM_CONTACT_GROUPS: ReadonlySet<string> = new Set(
  ['myContacts', 'starred', 'all', 'chatBuddies', 'friends', 'family', 'coworkers', 'blocked'].map(
    (id) => `contactGroups/${id}`,
  ),
);

/** "The only system contact groups that can have members added" (members.modify). */
const ADDABLE_SYSTEM_GROUPS: ReadonlySet<string> = new Set([
  'contactGroups/myContacts',
  'contactGroups/starred',
]);

export type ContactGroupNotFoundResult = Omit<ContactGroupNotFound, '__typename'> & {
  __typename: 'ContactGroupNotFound';
};
/** `current` is read lazily from `resourceName`, only when selected. */
export type GroupEtagConflictResult = Omit<GroupEtagConflict, '__typename' | 'current'> & {
  __typename: 'GroupEtagConflict';
};

export function contactGroupNotFound(resourceName: string): ContactGroupNotFoundResult {
  return {
    __typename: 'ContactGroupNotFound',
    resourceName,
    message: `No contact group ${resourceName} exists for the caller.`,
  };
}

export function groupEtagConflict(resourceName: string, sentEtag: string): GroupEtagConflictResult {
  return {
    __typename: 'GroupEtagConflict',
    resourceName,
    sentEtag,
    message: `${resourceName} changed since etag "${sentEtag}" was read. Read the group again and rename it with its current etag.`,
  };
}

/** Google's 409 ALREADY_EXISTS on create or rename: the caller has a group of that name. */
export function duplicateGroupName(): InvalidArgumentResult {
  return invalidArgument(
    'The caller already has a contact group with this name: group names are unique.',
    'name',
  );
}

/**
 * A group to write: in the grammar (the message states it, never the string) and, unless
 * `systemAllowed`, not a system group.
 */
export function checkContactGroupResourceName(
  resourceName: string,
  systemAllowed = false,
): InvalidArgumentResult | null {
  if (!isContactGroupResourceName(resourceName)) {
    return invalidArgument(
      `Refused resourceName: a contact group's resource name is ${CONTACT_GROUP_RESOURCE_NAME_GRAMMAR}.`,
      'resourceName',
    );
  }
  if (!systemAllowed && SYSTEM_CONTACT_GROUPS.has(resourceName)) {
    return invalidArgument(
      `${resourceName} is a system contact group: Google's own, it cannot be renamed or deleted.`,
      'resourceName',
    );
  }
  return null;
}

/** A group name Google would refuse as empty; other names are Google's to judge. */
export function checkContactGroupName(name: string): InvalidArgumentResult | null {
  return name.trim() === ''
    ? invalidArgument('A contact group name must not be empty.', 'name')
    : null;
}

/**
 * Members are contacts: person names in the grammar, `people/me` (a profile) excluded. New members
 * only go to user groups, `myContacts` and `starred`.
 */
export function checkMembers(
  resourceName: string,
  add: readonly string[],
  remove: readonly string[],
): InvalidArgumentResult | null {
  for (const [field, names] of [
    ['add', add],
    ['remove', remove],
  ] as const) {
    if (!names.every((name) => isPersonResourceName(name) && name !== 'people/me')) {
      return invalidArgument(
        `Refused ${field}: members are contacts, "people/" followed by an optional "c" and ASCII digits, at most ${MAX_RESOURCE_NAME_LENGTH} characters (people/me is a profile, not a contact).`,
        field,
      );
    }
  }
  if (add.length > 0 && SYSTEM_CONTACT_GROUPS.has(resourceName)) {
    if (!ADDABLE_SYSTEM_GROUPS.has(resourceName)) {
      return invalidArgument(
        `${resourceName} is a system contact group that takes no new members: only user groups, contactGroups/myContacts and contactGroups/starred do.`,
        'resourceName',
      );
    }
  }
  return null;
}
