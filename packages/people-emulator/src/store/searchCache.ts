/**
 * Google's search cache, as the emulator models it. `people.searchContacts` says: "Before
 * searching, clients should send a warmup request with an empty query to update the cache"
 * (https://developers.google.com/people/api/rest/v1/people/searchContacts). So a search matches
 * the contacts as they were at the user's last warm-up: a contact created or renamed since is not
 * found (or found by its old values) until the next empty-query request. No capture shows how
 * stale Google's cache gets; the emulator makes the warm-up the only refresh, so that a client
 * that skips it is caught by its tests.
 */
import { decorateItem } from '../person/decorate.js';
import type { JsonObject } from '../person/json.js';
import type { StoredContact, UserState } from './state.js';

/** Lower case, whitespace runs as one space: "Ada  Lovelace" and "ada lovelace" match alike. */
export function normalizeSearchText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

function strings(items: readonly JsonObject[] | undefined, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of items ?? []) {
    for (const key of keys) {
      const value = item[key];
      if (typeof value === 'string' && value !== '') out.push(value);
    }
  }
  return out;
}

/**
 * The texts a query may match, from the CONTACT source's "names, nickNames, emailAddresses,
 * phoneNumbers, and organizations" (the method's reference page): the display forms Google
 * computes for names, phone numbers as written, in E.164 and as bare digits.
 */
export function searchableTexts(contact: StoredContact): string[] {
  const { fields } = contact;
  const names = (fields.names ?? []).map((name) => decorateItem('names', name));
  const phones = (fields.phoneNumbers ?? []).map((phone) => decorateItem('phoneNumbers', phone));
  const texts = [
    ...strings(names, ['displayName', 'displayNameLastFirst', 'unstructuredName']),
    ...strings(names, ['phoneticGivenName', 'phoneticFamilyName', 'phoneticFullName']),
    ...strings(fields.nicknames, ['value']),
    ...strings(fields.emailAddresses, ['value']),
    ...strings(phones, ['value', 'canonicalForm']),
    ...strings(phones, ['value']).map((value) => value.replace(/\D/g, '')),
    ...strings(fields.organizations, ['name', 'title', 'department']),
  ];
  return [...new Set(texts.map(normalizeSearchText).filter((text) => text !== ''))];
}

/** The warm-up: the cache takes every contact as it is now. */
export function refreshSearchCache(user: UserState): void {
  user.searchCache = new Map(
    [...user.contacts.values()].map((contact) => [contact.resourceName, searchableTexts(contact)]),
  );
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * "A person with name "foo name" matches queries such as "f", "fo", "foo", "foo n", "nam", etc.,
 * but not "oo n"": the query is a prefix of the text from the start of one of its words.
 */
export function matchesPrefixPhrase(text: string, query: string): boolean {
  for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + 1)) {
    const before = at === 0 ? '' : text.charAt(at - 1);
    if (!WORD_CHARACTER.test(before)) return true;
  }
  return false;
}

/** Resource names of the cached contacts that match, in store order. */
export function searchCached(user: UserState, query: string): string[] {
  const wanted = normalizeSearchText(query).trimStart();
  const found: string[] = [];
  for (const [resourceName, texts] of user.searchCache) {
    if (texts.some((text) => matchesPrefixPhrase(text, wanted))) found.push(resourceName);
  }
  return found;
}
