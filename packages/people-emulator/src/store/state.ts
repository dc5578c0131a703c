/**
 * In-memory state: one user per bearer token with contacts, contact groups and a profile.
 * Contacts keep only CONTACT-source data (sanitised items); output-only fields, field metadata
 * and etags are computed on every read (render.ts).
 */
import type { StoredPhoto } from '../images.js';
import { etagIsCurrent, groupEtag } from '../person/etag.js';
import type { JsonObject } from '../person/json.js';
import type { PersonField, UpdatableField } from '../person/masks.js';

export type ContactFields = Partial<Record<UpdatableField, JsonObject[]>>;

/** Google profile data: of the user (people/me) or linked to a contact. Never modified. */
export interface ProfileData {
  accountId: string;
  fields: Partial<Record<PersonField, JsonObject[]>>;
}

export interface StoredContact {
  resourceName: string;
  /** CONTACT source id: the contact number in hex, as Google's ids relate. */
  sourceId: string;
  version: number;
  updateTime: string;
  /** Per-user modification sequence, for LAST_MODIFIED sort orders. */
  modSeq: number;
  fields: ContactFields;
  photoId?: string;
  profile?: ProfileData;
}

export interface StoredGroup {
  resourceName: string;
  name: string;
  formattedName: string;
  system: boolean;
  updateTime?: string;
  /** `clientData` set through `contactGroups.update` (`updateGroupFields=clientData`). */
  clientData?: JsonObject[];
}

export interface UserState {
  token: string;
  /** Leading digits of this user's contact ids, so ids differ between users. */
  idPrefix: bigint;
  profile: ProfileData;
  contacts: Map<string, StoredContact>;
  groups: Map<string, StoredGroup>;
  nextContactNumber: number;
  modSeq: number;
  /**
   * What `people.searchContacts` searches: each contact's searchable texts as of the last
   * warm-up (an empty query), not the contacts as they are now (store/searchCache.ts).
   */
  searchCache: ReadonlyMap<string, readonly string[]>;
}

/** System groups in the order of a captured real response, with their English names. */
export const SYSTEM_GROUPS: readonly (readonly [string, string])[] = [
  ['chatBuddies', 'Chat contacts'],
  ['all', 'All Contacts'],
  ['myContacts', 'My Contacts'],
  ['friends', 'Friends'],
  ['family', 'Family'],
  ['coworkers', 'Coworkers'],
  ['blocked', 'Blocked'],
  ['starred', 'Starred'],
];

export const MY_CONTACTS = 'contactGroups/myContacts';

export function contactResourceName(user: UserState, n: number): string {
  return `people/c${(user.idPrefix * 10n ** 15n + BigInt(n)).toString()}`;
}

export function newUser(token: string, idPrefix: bigint, accountId: string): UserState {
  const groups = new Map<string, StoredGroup>();
  for (const [id, formatted] of SYSTEM_GROUPS) {
    groups.set(`contactGroups/${id}`, {
      resourceName: `contactGroups/${id}`,
      name: id,
      formattedName: formatted,
      system: true,
    });
  }
  return {
    token,
    idPrefix,
    profile: {
      accountId,
      fields: {
        names: [{ givenName: token.charAt(0).toUpperCase() + token.slice(1), familyName: 'User' }],
        emailAddresses: [{ value: `${token}@example.com` }],
        ageRanges: [{ ageRange: 'TWENTY_ONE_OR_OLDER' }],
        locales: [{ value: 'en' }],
      },
    },
    contacts: new Map(),
    groups,
    nextContactNumber: 1,
    modSeq: 0,
    searchCache: new Map(),
  };
}

/** Adds a contact with the next id; `updateTime` is given so seeds stay deterministic. */
export function insertContact(
  user: UserState,
  fields: ContactFields,
  updateTime: string,
  profile?: ProfileData,
): StoredContact {
  const number = user.nextContactNumber++;
  const resourceName = contactResourceName(user, number);
  const contact: StoredContact = {
    resourceName,
    sourceId: BigInt(resourceName.slice('people/c'.length)).toString(16),
    version: 1,
    updateTime,
    modSeq: ++user.modSeq,
    fields,
    ...(profile ? { profile } : {}),
  };
  user.contacts.set(resourceName, contact);
  return contact;
}

/** Every successful mutation moves the version, hence the etag (photo writes included). */
export function bumpVersion(user: UserState, contact: StoredContact): void {
  contact.version += 1;
  // Strictly increasing so two writes within one millisecond still order correctly.
  const now = Math.max(Date.now(), Date.parse(contact.updateTime) + 1);
  contact.updateTime = new Date(now).toISOString();
  contact.modSeq = ++user.modSeq;
}

export function etagKey(user: UserState, resourceName: string): string {
  return `${user.token}/${resourceName}`;
}

export function contactEtagIsCurrent(
  user: UserState,
  contact: StoredContact,
  etag: string,
): boolean {
  return etagIsCurrent(etag, etagKey(user, contact.resourceName), contact.version);
}

/** The group a membership item names, if it is a contact group membership. */
export function membershipGroup(item: JsonObject): string | undefined {
  const cgm = item.contactGroupMembership;
  return typeof cgm === 'object' &&
    cgm !== null &&
    typeof (cgm as JsonObject).contactGroupResourceName === 'string'
    ? ((cgm as JsonObject).contactGroupResourceName as string)
    : undefined;
}

export function isGroupMember(contact: StoredContact, groupName: string): boolean {
  return (contact.fields.memberships ?? []).some((m) => membershipGroup(m) === groupName);
}

/** The group's members in store order; `contactGroups/all` holds every contact. */
export function groupMembers(user: UserState, group: StoredGroup): StoredContact[] {
  const contacts = [...user.contacts.values()];
  if (group.resourceName === 'contactGroups/all') return contacts;
  return contacts.filter((contact) => isGroupMember(contact, group.resourceName));
}

export function groupMemberCount(user: UserState, group: StoredGroup): number {
  return groupMembers(user, group).length;
}

export function renderGroupEtag(group: StoredGroup): string | undefined {
  return group.system || !group.updateTime
    ? undefined
    : groupEtag(group.resourceName, group.updateTime);
}

/** The whole emulator's state; rebuilt by every startEmulator() call. */
export interface EmulatorState {
  rootUrl: string;
  seed: number;
  maxPhotoBytes: number;
  users: Map<string, UserState>;
  photos: Map<string, StoredPhoto>;
  photoCounter: number;
  /** Bearer tokens holding only `contacts.readonly` (scopes.ts). */
  readOnlyTokens: ReadonlySet<string>;
}

/** Resolves `people/{id}` for reads: a contact, the user's profile or a linked profile. */
export type Resolved =
  | { kind: 'contact'; contact: StoredContact }
  | { kind: 'profile'; profile: ProfileData }
  | undefined;

export function resolvePerson(user: UserState, resourceName: string): Resolved {
  const contact = user.contacts.get(resourceName);
  if (contact) return { kind: 'contact', contact };
  if (resourceName === 'people/me' || resourceName === `people/${user.profile.accountId}`) {
    return { kind: 'profile', profile: user.profile };
  }
  for (const c of user.contacts.values()) {
    if (c.profile && resourceName === `people/${c.profile.accountId}`) {
      return { kind: 'profile', profile: c.profile };
    }
  }
  return undefined;
}
