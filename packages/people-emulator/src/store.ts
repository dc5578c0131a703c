/**
 * In-memory state: one user per bearer token with contacts, contact groups and a profile.
 * Contacts keep only CONTACT-source data (sanitised items); output-only fields, field metadata
 * and etags are computed on every read by `renderPerson`.
 */
import { etagIsCurrent, groupEtag, personEtag, sourceEtag } from './etag.js';
import type { PersonField, SourceKind, UpdatableField } from './masks.js';
import { UPDATE_PERSON_FIELDS } from './masks.js';
import { decorateItem, type JsonObject } from './person.js';
import { DEFAULT_PHOTO_ID, type StoredPhoto } from './photos.js';

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

function etagKey(user: UserState, resourceName: string): string {
  return `${user.token}/${resourceName}`;
}

export function contactEtagIsCurrent(
  user: UserState,
  contact: StoredContact,
  etag: string,
): boolean {
  return etagIsCurrent(etag, etagKey(user, contact.resourceName), contact.version);
}

export function groupMemberCount(user: UserState, group: StoredGroup): number {
  if (group.resourceName === 'contactGroups/all') return user.contacts.size;
  let count = 0;
  for (const contact of user.contacts.values()) {
    const member = (contact.fields.memberships ?? []).some((m) => {
      const cgm = m.contactGroupMembership;
      return (
        typeof cgm === 'object' &&
        cgm !== null &&
        (cgm as JsonObject).contactGroupResourceName === group.resourceName
      );
    });
    if (member) count += 1;
  }
  return count;
}

export function renderGroupEtag(group: StoredGroup): string | undefined {
  return group.system || !group.updateTime
    ? undefined
    : groupEtag(group.resourceName, group.updateTime);
}

/** Context a read needs to build URLs and etags. */
export interface RenderContext {
  rootUrl: string;
  fields: readonly PersonField[];
  sources: ReadonlySet<SourceKind>;
}

interface SourceItems {
  type: SourceKind;
  id: string;
  items: JsonObject[];
}

export function photoUrl(rootUrl: string, photoId: string): string {
  return `${rootUrl}__emulator/photos/${photoId}`;
}

/** Merges items of all sources: first overall is `primary`, first per source `sourcePrimary`. */
function withMetadata(field: PersonField, groups: SourceItems[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const group of groups) {
    group.items.forEach((item, index) => {
      const metadata: JsonObject = {};
      if (out.length === 0) metadata.primary = true;
      if (index === 0) metadata.sourcePrimary = true;
      metadata.source = { type: group.type, id: group.id };
      out.push({ metadata, ...decorateItem(field, item) });
    });
  }
  return out;
}

function readKey(ctx: RenderContext): string {
  return `${[...ctx.fields].sort().join(',')}|${[...ctx.sources].sort().join(',')}`;
}

function profileSource(profile: ProfileData, user: UserState): JsonObject {
  return {
    type: 'PROFILE',
    id: profile.accountId,
    etag: sourceEtag(etagKey(user, `people/${profile.accountId}`), 1),
    profileMetadata: { objectType: 'PERSON', userTypes: ['GOOGLE_USER'] },
  };
}

export function renderContact(
  user: UserState,
  contact: StoredContact,
  ctx: RenderContext,
): JsonObject {
  const key = etagKey(user, contact.resourceName);
  const person: JsonObject = {
    resourceName: contact.resourceName,
    etag: personEtag(key, contact.version, readKey(ctx)),
  };
  const wantContact = ctx.sources.has('CONTACT');
  const wantProfile = ctx.sources.has('PROFILE') && contact.profile !== undefined;
  for (const field of ctx.fields) {
    if (field === 'metadata') {
      const sources: JsonObject[] = [];
      if (wantContact) {
        sources.push({
          type: 'CONTACT',
          id: contact.sourceId,
          etag: sourceEtag(key, contact.version),
          updateTime: contact.updateTime,
        });
      }
      if (wantProfile && contact.profile) sources.push(profileSource(contact.profile, user));
      person.metadata = { sources, objectType: 'PERSON' };
      continue;
    }
    const groups: SourceItems[] = [];
    const profileItems = wantProfile ? (contact.profile?.fields[field] ?? []) : [];
    if (wantContact) {
      let items: JsonObject[] = [];
      if (field === 'photos') {
        // Google always shows a photo: the uploaded one, else a default unless a profile has one.
        if (contact.photoId) items = [{ url: photoUrl(ctx.rootUrl, contact.photoId) }];
        else if (profileItems.length === 0) {
          items = [{ url: photoUrl(ctx.rootUrl, DEFAULT_PHOTO_ID), default: true }];
        }
      } else if ((UPDATE_PERSON_FIELDS as readonly string[]).includes(field)) {
        items = contact.fields[field as UpdatableField] ?? [];
      }
      groups.push({ type: 'CONTACT', id: contact.sourceId, items });
    }
    if (wantProfile && contact.profile) {
      groups.push({ type: 'PROFILE', id: contact.profile.accountId, items: profileItems });
    }
    const items = withMetadata(field, groups);
    if (items.length > 0) person[field] = items;
  }
  return person;
}

/** A profile-only person (people/me, or a linked profile by account id). */
export function renderProfile(
  user: UserState,
  profile: ProfileData,
  ctx: RenderContext,
): JsonObject {
  const resourceName = `people/${profile.accountId}`;
  const person: JsonObject = {
    resourceName,
    etag: personEtag(etagKey(user, resourceName), 1, readKey(ctx)),
  };
  if (!ctx.sources.has('PROFILE')) return person;
  for (const field of ctx.fields) {
    if (field === 'metadata') {
      person.metadata = { sources: [profileSource(profile, user)], objectType: 'PERSON' };
      continue;
    }
    let items = profile.fields[field] ?? [];
    if (field === 'photos' && items.length === 0) {
      items = [{ url: photoUrl(ctx.rootUrl, DEFAULT_PHOTO_ID), default: true }];
    }
    const rendered = withMetadata(field, [{ type: 'PROFILE', id: profile.accountId, items }]);
    if (rendered.length > 0) person[field] = rendered;
  }
  return person;
}

/** The whole emulator's state; rebuilt by every startEmulator() call. */
export interface EmulatorState {
  rootUrl: string;
  seed: number;
  maxPhotoBytes: number;
  users: Map<string, UserState>;
  photos: Map<string, StoredPhoto>;
  photoCounter: number;
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

export function renderResolved(
  user: UserState,
  resolved: NonNullable<Resolved>,
  ctx: RenderContext,
): JsonObject {
  return resolved.kind === 'contact'
    ? renderContact(user, resolved.contact, ctx)
    : renderProfile(user, resolved.profile, ctx);
}
