/** Fills the `demo` user's store with the demo data, identically on every run. */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { DEFAULT_PHOTO_PNG } from '../images.js';
import type { JsonObject } from '../person/json.js';
import { UPDATE_PERSON_FIELDS } from '../person/masks.js';
import { sanitizeItems } from '../person/sanitize.js';
import { refreshSearchCache } from '../store/searchCache.js';
import {
  MY_CONTACTS,
  insertContact,
  type ContactFields,
  type EmulatorState,
  type ProfileData,
  type StoredGroup,
  type UserState,
} from '../store/state.js';
import { DEMO_GROUP_NAMES } from './demoNames.js';
import { DEMO_PEOPLE } from './demoPeople.js';

function toFields(person: people_v1.Schema$Person): Partial<Record<string, JsonObject[]>> {
  const fields: Partial<Record<string, JsonObject[]>> = {};
  for (const [key, value] of Object.entries(structuredClone(person))) {
    if (Array.isArray(value)) fields[key] = value as JsonObject[];
  }
  return fields;
}

function contactFields(person: people_v1.Schema$Person, groups: string[]): ContactFields {
  const raw = toFields(person);
  const fields: ContactFields = {};
  for (const field of UPDATE_PERSON_FIELDS) {
    const items = sanitizeItems(field, raw[field] ?? []);
    if (items.length > 0) fields[field] = items;
  }
  fields.memberships = [MY_CONTACTS, ...groups].map((resourceName) => ({
    contactGroupMembership: { contactGroupResourceName: resourceName },
  }));
  return fields;
}

/** Fixed timestamps keep seeded etags and updateTimes identical across runs. */
const SEED_EPOCH = Date.parse('2024-03-01T09:00:00.000Z');

export function seedDemoUser(user: UserState, state: EmulatorState): void {
  user.profile.fields.names = [{ givenName: 'Demo', familyName: 'User' }];
  for (const [resourceName, name] of Object.entries(DEMO_GROUP_NAMES)) {
    const group: StoredGroup = {
      resourceName,
      name,
      formattedName: name,
      system: false,
      updateTime: new Date(SEED_EPOCH).toISOString(),
    };
    user.groups.set(resourceName, group);
  }
  DEMO_PEOPLE.forEach((seed, index) => {
    let profile: ProfileData | undefined;
    if (seed.profile) {
      const photoId = `profile-${seed.profile.accountId}`;
      state.photos.set(photoId, { bytes: DEFAULT_PHOTO_PNG, contentType: 'image/png' });
      profile = {
        accountId: seed.profile.accountId,
        fields: {
          ...toFields(seed.profile.person),
          photos: [{ url: `${state.rootUrl}__emulator/photos/${photoId}` }],
        },
      };
    }
    const updateTime = new Date(SEED_EPOCH + index * 60_000).toISOString();
    const contact = insertContact(
      user,
      contactFields(seed.person, seed.groups ?? []),
      updateTime,
      profile,
    );
    if (seed.photo) {
      const photoId = `seed-${contact.sourceId}`;
      state.photos.set(photoId, { bytes: DEFAULT_PHOTO_PNG, contentType: 'image/png' });
      contact.photoId = photoId;
    }
  });
  // The seed is in Google's search cache, as if warmed up before the emulator started.
  refreshSearchCache(user);
}
