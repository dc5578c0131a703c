/**
 * The `demo` user's contacts, in seed order (their ids follow it: see demoNames.ts). Typed as
 * googleapis' Person so that every field is one the People API has.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import { DEMO_USER_GROUPS } from './demoNames.js';

export interface SeedProfile {
  accountId: string;
  person: people_v1.Schema$Person;
}

export interface SeedContact {
  person: people_v1.Schema$Person;
  /** Groups besides myContacts. */
  groups?: string[];
  photo?: boolean;
  profile?: SeedProfile;
}

const named = (givenName: string, familyName: string): people_v1.Schema$Name[] => [
  { givenName, familyName },
];

const FAMOUS: SeedContact[] = [
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

function filler([given, family, bio]: [string, string, string], index: number): SeedContact {
  const n = index + 1;
  return {
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
  };
}

export const DEMO_PEOPLE: readonly SeedContact[] = [...FAMOUS, ...FILLERS.map(filler)];
