/**
 * `contactGroups.members.modify`
 * (https://developers.google.com/people/api/rest/v1/contactGroups.members/modify): at most 1000
 * names in both lists together; "The only system contact groups that can have members added are
 * `contactGroups/myContacts` and `contactGroups/starred`. Other system contact groups are
 * deprecated and can only have contacts removed." Names that are not the user's contacts come
 * back in `notFoundResourceNames`, a contact whose last group this is in
 * `canNotRemoveLastContactGroupResourceNames`; the rest is applied.
 */
import { invalidArgument } from '../errors.js';
import { bindModifyMembers } from '../person/bindGroup.js';
import {
  MY_CONTACTS,
  bumpVersion,
  isGroupMember,
  membershipGroup,
  type StoredContact,
  type UserState,
} from '../store/state.js';
import type { Handler } from './context.js';
import { findGroup } from './contactGroups.js';

/** "The total number of resource names in … must be less than or equal to 1000." */
const MAX_MEMBER_NAMES = 1000;

interface Outcome {
  notFound: Set<string>;
  lastGroup: Set<string>;
  changed: Set<StoredContact>;
}

function addMembers(user: UserState, groupName: string, names: string[], outcome: Outcome): void {
  for (const name of names) {
    const contact = user.contacts.get(name);
    if (!contact) {
      outcome.notFound.add(name);
      continue;
    }
    if (isGroupMember(contact, groupName)) continue;
    contact.fields.memberships = [
      ...(contact.fields.memberships ?? []),
      { contactGroupMembership: { contactGroupResourceName: groupName } },
    ];
    outcome.changed.add(contact);
  }
}

function removeMembers(user: UserState, groupName: string, names: string[], outcome: Outcome) {
  for (const name of names) {
    const contact = user.contacts.get(name);
    if (!contact) {
      outcome.notFound.add(name);
      continue;
    }
    if (!isGroupMember(contact, groupName)) continue;
    const memberships = contact.fields.memberships ?? [];
    const kept = memberships.filter((item) => membershipGroup(item) !== groupName);
    if (!kept.some((item) => membershipGroup(item) !== undefined)) {
      outcome.lastGroup.add(name);
      continue;
    }
    contact.fields.memberships = kept;
    outcome.changed.add(contact);
  }
}

export const modifyContactGroupMembers: Handler = ({ user, body, resourceName }) => {
  const { add, remove } = bindModifyMembers(body);
  if (add.length + remove.length > MAX_MEMBER_NAMES) {
    // Emulator wording; the limit is the discovery document's.
    throw invalidArgument(
      `Too many resource names: ${add.length + remove.length}. The total number of resource names to add and to remove must be less than or equal to ${MAX_MEMBER_NAMES}.`,
    );
  }
  const group = findGroup(user, resourceName);
  const addable =
    !group.system || resourceName === MY_CONTACTS || resourceName === 'contactGroups/starred';
  if (add.length > 0 && !addable) {
    // Emulator wording: Google documents the rule, not the message.
    throw invalidArgument(
      `Cannot add contacts to the system contact group "${resourceName}": only contactGroups/myContacts and contactGroups/starred take new members.`,
    );
  }
  const outcome: Outcome = { notFound: new Set(), lastGroup: new Set(), changed: new Set() };
  addMembers(user, resourceName, add, outcome);
  removeMembers(user, resourceName, remove, outcome);
  // A membership is a Person field: each changed contact gets a new etag.
  for (const contact of outcome.changed) bumpVersion(user, contact);
  return {
    ...(outcome.notFound.size > 0 ? { notFoundResourceNames: [...outcome.notFound] } : {}),
    ...(outcome.lastGroup.size > 0
      ? { canNotRemoveLastContactGroupResourceNames: [...outcome.lastGroup] }
      : {}),
  };
};
