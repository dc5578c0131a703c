/** A stored person as a read returns it: the requested fields, sources, metadata and etags. */
import { DEFAULT_PHOTO_ID } from '../images.js';
import { personEtag, sourceEtag } from '../person/etag.js';
import { decorateItem } from '../person/decorate.js';
import type { JsonObject } from '../person/json.js';
import { isUpdatableField, type PersonField, type SourceKind } from '../person/masks.js';
import {
  etagKey,
  type ProfileData,
  type Resolved,
  type StoredContact,
  type UserState,
} from './state.js';

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

/** The CONTACT source's items of one field; photos: the upload, else a default (see below). */
function contactFieldItems(
  contact: StoredContact,
  field: PersonField,
  profileItems: readonly JsonObject[],
  rootUrl: string,
): JsonObject[] {
  if (field === 'photos') {
    // Google always shows a photo: the uploaded one, else a default unless a profile has one.
    if (contact.photoId) return [{ url: photoUrl(rootUrl, contact.photoId) }];
    if (profileItems.length > 0) return [];
    return [{ url: photoUrl(rootUrl, DEFAULT_PHOTO_ID), default: true }];
  }
  return isUpdatableField(field) ? (contact.fields[field] ?? []) : [];
}

/** `metadata.sources` of a contact: its CONTACT source and, when linked, the PROFILE one. */
function contactMetadata(
  user: UserState,
  contact: StoredContact,
  wantContact: boolean,
  wantProfile: boolean,
): JsonObject {
  const sources: JsonObject[] = [];
  if (wantContact) {
    sources.push({
      type: 'CONTACT',
      id: contact.sourceId,
      etag: sourceEtag(etagKey(user, contact.resourceName), contact.version),
      updateTime: contact.updateTime,
    });
  }
  if (wantProfile && contact.profile) sources.push(profileSource(contact.profile, user));
  return { sources, objectType: 'PERSON' };
}

export function renderContact(
  user: UserState,
  contact: StoredContact,
  ctx: RenderContext,
): JsonObject {
  const person: JsonObject = {
    resourceName: contact.resourceName,
    etag: personEtag(etagKey(user, contact.resourceName), contact.version, readKey(ctx)),
  };
  const wantContact = ctx.sources.has('CONTACT');
  const profile = ctx.sources.has('PROFILE') ? contact.profile : undefined;
  for (const field of ctx.fields) {
    if (field === 'metadata') {
      person.metadata = contactMetadata(user, contact, wantContact, profile !== undefined);
      continue;
    }
    const profileItems = profile?.fields[field] ?? [];
    const groups: SourceItems[] = [];
    if (wantContact) {
      const items = contactFieldItems(contact, field, profileItems, ctx.rootUrl);
      groups.push({ type: 'CONTACT', id: contact.sourceId, items });
    }
    if (profile) groups.push({ type: 'PROFILE', id: profile.accountId, items: profileItems });
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

export function renderResolved(
  user: UserState,
  resolved: NonNullable<Resolved>,
  ctx: RenderContext,
): JsonObject {
  return resolved.kind === 'contact'
    ? renderContact(user, resolved.contact, ctx)
    : renderProfile(user, resolved.profile, ctx);
}
