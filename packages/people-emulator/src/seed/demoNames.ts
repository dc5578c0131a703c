/**
 * The names of the `demo` user's data that tests (the gateway's too) may rely on; everything else
 * about the seed may grow.
 */

/** Well-known demo contacts (user `demo`), in seed order. */
export const DEMO_CONTACTS = {
  /** Ada Lovelace: every updatable field set, good for replace/clear tests. */
  ada: 'people/c1001000000000000001',
  /** Grace Hopper: linked to a Google profile (PROFILE names, emails, photo besides CONTACT). */
  linkedProfile: 'people/c1001000000000000002',
  /** Alan Turing: a second contact linked to a Google profile. */
  linkedProfile2: 'people/c1001000000000000003',
  /** José Núñez-Ødegård: non-ASCII names and addresses. */
  nonAscii: 'people/c1001000000000000004',
  /** Min Mal: only a name (and the myContacts membership). */
  minimal: 'people/c1001000000000000005',
  /** Katherine Johnson: has an uploaded contact photo (PNG). */
  withPhoto: 'people/c1001000000000000006',
  /** Margaret Hamilton: member of myContacts and starred. */
  starred: 'people/c1001000000000000007',
  /** Dorothy Vaughan: member of the "Family trip" and "Book club" user groups. */
  multiGroup: 'people/c1001000000000000008',
  /** No name at all, only an email address. */
  emailOnly: 'people/c1001000000000000009',
  /** 渡辺 さくら: CJK name with phonetic names. */
  cjk: 'people/c1001000000000000010',
  /** Tim Berners-Lee: member of the "Work" user group, several phones (one not parseable). */
  work: 'people/c1001000000000000011',
} as const;

/** The demo user's contact groups (user groups have hex ids, like Google's). */
export const DEMO_USER_GROUPS = {
  familyTrip: 'contactGroups/3a6f0c2d9b1e4f57',
  bookClub: 'contactGroups/5c81e2a7d40b9f13',
  work: 'contactGroups/7e29b4f1c05a8d66',
} as const;

/** The `people/me` account id of the demo user (other users get other ids). */
export const DEMO_ACCOUNT_ID = '10000000000000000001';

/** Names of the demo user's contact groups. */
export const DEMO_GROUP_NAMES: Record<string, string> = {
  [DEMO_USER_GROUPS.familyTrip]: 'Family trip',
  [DEMO_USER_GROUPS.bookClub]: 'Book club',
  [DEMO_USER_GROUPS.work]: 'Work',
};
