/**
 * Deterministic demo data for the `demo` user. Tests and the gateway's tests may rely on the
 * ids exported here; everything else about the seed may grow.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { UPDATE_PERSON_FIELDS } from './masks.js';
import type { JsonObject } from './person.js';
import { sanitizeItems } from './person.js';
import { DEFAULT_PHOTO_PNG } from './photos.js';
import type { ContactFields, EmulatorState, ProfileData, StoredGroup, UserState } from './store.js';
import { MY_CONTACTS, insertContact } from './store.js';

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

const GROUP_NAMES: Record<string, string> = {
  [DEMO_USER_GROUPS.familyTrip]: 'Family trip',
  [DEMO_USER_GROUPS.bookClub]: 'Book club',
  [DEMO_USER_GROUPS.work]: 'Work',
};

interface SeedProfile {
  accountId: string;
  person: people_v1.Schema$Person;
}

interface SeedContact {
  person: people_v1.Schema$Person;
  /** Groups besides myContacts. */
  groups?: string[];
  photo?: boolean;
  profile?: SeedProfile;
}

const named = (givenName: string, familyName: string): people_v1.Schema$Name[] => [
  { givenName, familyName },
];

const SEED: SeedContact[] = [
  {
    person: {
      names: [{ givenName: 'Ada', familyName: 'Lovelace', honorificPrefix: 'Countess' }],
      nicknames: [{ value: 'Enchantress of Numbers' }],
      emailAddresses: [
        { value: 'ada@example.com', type: 'home' },
        { value: 'ada.lovelace@analytical.example', type: 'work' },
      ],
      phoneNumbers: [
        { value: '+1 650-555-0100', type: 'mobile' },
        { value: '+44 20 7946 0958', type: 'home' },
      ],
      addresses: [
        {
          streetAddress: '12 St James’s Square',
          city: 'London',
          postalCode: 'SW1Y 4JH',
          country: 'United Kingdom',
          countryCode: 'GB',
          type: 'home',
        },
      ],
      biographies: [{ value: 'Wrote the first published algorithm.', contentType: 'TEXT_PLAIN' }],
      birthdays: [{ date: { year: 1815, month: 12, day: 10 } }],
      calendarUrls: [{ url: 'https://calendar.example/ada', type: 'home' }],
      clientData: [{ key: 'crm-id', value: 'A-1815' }],
      events: [{ date: { year: 1835, month: 7, day: 8 }, type: 'anniversary' }],
      externalIds: [{ value: 'AL-001', type: 'customer' }],
      genders: [{ value: 'female', addressMeAs: 'she' }],
      imClients: [{ username: 'ada', protocol: 'jabber', type: 'home' }],
      interests: [{ value: 'Mathematics' }, { value: 'Poetical science' }],
      locales: [{ value: 'en-GB' }],
      locations: [{ value: 'Ockham Park', type: 'grewUp', current: false }],
      miscKeywords: [{ value: 'VIP', type: 'OUTLOOK_KEYWORD' }],
      occupations: [{ value: 'Mathematician' }],
      organizations: [
        {
          name: 'Analytical Engine Society',
          title: 'Analyst',
          department: 'Notes',
          type: 'work',
          current: true,
          startDate: { year: 1842, month: 1 },
        },
      ],
      relations: [{ person: 'Charles Babbage', type: 'friend' }],
      sipAddresses: [{ value: 'sip:ada@example.com', type: 'work' }],
      urls: [{ value: 'https://en.wikipedia.org/wiki/Ada_Lovelace', type: 'profile' }],
      userDefined: [{ key: 'favourite engine', value: 'Analytical' }],
    },
  },
  {
    person: {
      names: named('Grace', 'Hopper'),
      emailAddresses: [{ value: 'grace@navy.example', type: 'work' }],
      phoneNumbers: [{ value: '(212) 555-0147', type: 'work' }],
      organizations: [{ name: 'US Navy', title: 'Rear Admiral', type: 'work' }],
    },
    profile: {
      accountId: '11000000000000000001',
      person: {
        names: [{ givenName: 'Grace', familyName: 'Hopper', middleName: 'Brewster Murray' }],
        emailAddresses: [{ value: 'grace.hopper@gmail.example' }],
      },
    },
  },
  {
    person: {
      names: named('Alan', 'Turing'),
      emailAddresses: [{ value: 'alan@bletchley.example', type: 'work' }],
      birthdays: [{ date: { year: 1912, month: 6, day: 23 } }],
    },
    groups: [DEMO_USER_GROUPS.work],
    profile: {
      accountId: '11000000000000000002',
      person: {
        names: named('Alan', 'Turing'),
        emailAddresses: [{ value: 'alan.turing@gmail.example' }, { value: 'amt@kings.example' }],
      },
    },
  },
  {
    person: {
      names: named('José', 'Núñez-Ødegård'),
      emailAddresses: [{ value: 'jose.nunez@exemple.example' }],
      addresses: [
        {
          streetAddress: 'Calle de Alcalá 42, 3º',
          city: 'Madrid',
          postalCode: '28014',
          country: 'España',
          countryCode: 'ES',
          type: 'work',
        },
      ],
      phoneNumbers: [{ value: '+34 912 345 678', type: 'work' }],
    },
  },
  { person: { names: named('Min', 'Mal') } },
  {
    person: {
      names: named('Katherine', 'Johnson'),
      emailAddresses: [{ value: 'katherine@nasa.example', type: 'work' }],
    },
    photo: true,
  },
  {
    person: {
      names: named('Margaret', 'Hamilton'),
      emailAddresses: [{ value: 'margaret@apollo.example' }],
      organizations: [{ name: 'MIT Instrumentation Laboratory', title: 'Director' }],
    },
    groups: ['contactGroups/starred'],
  },
  {
    person: {
      names: named('Dorothy', 'Vaughan'),
      phoneNumbers: [{ value: '757-555-0123', type: 'home' }],
      relations: [{ person: 'Howard Vaughan', type: 'spouse' }],
    },
    groups: [DEMO_USER_GROUPS.familyTrip, DEMO_USER_GROUPS.bookClub],
  },
  { person: { emailAddresses: [{ value: 'no-name@example.com', type: 'other' }] } },
  {
    person: {
      names: [
        {
          givenName: 'さくら',
          familyName: '渡辺',
          phoneticGivenName: 'Sakura',
          phoneticFamilyName: 'Watanabe',
        },
      ],
      phoneNumbers: [{ value: '+81 3-1234-5678', type: 'mobile' }],
      addresses: [{ formattedValue: '東京都千代田区丸の内1-1', city: '東京', countryCode: 'JP' }],
    },
  },
  {
    person: {
      names: [{ givenName: 'Tim', familyName: 'Berners-Lee', honorificSuffix: 'KBE' }],
      phoneNumbers: [
        { value: '+1 (617) 555-0190', type: 'work' },
        { value: '555-0199', type: 'pager' },
      ],
      urls: [{ value: 'https://www.w3.org/People/Berners-Lee/', type: 'homePage' }],
      emailAddresses: [{ value: 'timbl@w3.example', type: 'work' }],
    },
    groups: [DEMO_USER_GROUPS.work],
  },
];

/** Plainer contacts so paging and batch reads have something to chew on. */
const FILLERS: [string, string, string][] = [
  ['Hedy', 'Lamarr', 'Actress and inventor'],
  ['Claude', 'Shannon', 'Information theorist'],
  ['Barbara', 'Liskov', 'Computer scientist'],
  ['Donald', 'Knuth', 'Author of TAOCP'],
  ['Frances', 'Allen', 'Compiler pioneer'],
  ['Edsger', 'Dijkstra', 'Shortest paths'],
  ['Radia', 'Perlman', 'Spanning tree'],
  ['Ken', 'Thompson', 'Unix co-author'],
  ['Sophie', 'Wilson', 'ARM designer'],
  ['Zoë', 'Ångström', 'Physicist'],
  ['Jürgen', 'Müller', 'Ingenieur'],
  ['Олег', 'Иванов', 'Программист'],
  ['Mary', 'Jackson', 'Aerospace engineer'],
  ['Søren', 'Kierkegaard', 'Philosopher'],
];

for (const [index, [given, family, bio]] of FILLERS.entries()) {
  const n = index + 1;
  SEED.push({
    person: {
      names: named(given, family),
      emailAddresses: [
        {
          value:
            `${given}.${family}`
              .normalize('NFD')
              .replace(/[^\x20-\x7e]/g, '')
              .toLowerCase() + '@example.org',
          type: n % 2 === 0 ? 'work' : 'home',
        },
      ],
      phoneNumbers: [{ value: `+1 415-555-${String(100 + n).padStart(4, '0')}`, type: 'mobile' }],
      biographies: [{ value: bio }],
      ...(n % 3 === 0 ? { birthdays: [{ date: { month: n % 12 || 12, day: n } }] } : {}),
      ...(n % 4 === 0 ? { organizations: [{ name: 'Example Corp', title: 'Engineer' }] } : {}),
    },
    ...(n % 5 === 0 ? { groups: [DEMO_USER_GROUPS.bookClub] } : {}),
  });
}

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
  for (const [resourceName, name] of Object.entries(GROUP_NAMES)) {
    const group: StoredGroup = {
      resourceName,
      name,
      formattedName: name,
      system: false,
      updateTime: new Date(SEED_EPOCH).toISOString(),
    };
    user.groups.set(resourceName, group);
  }
  SEED.forEach((seed, index) => {
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
}
