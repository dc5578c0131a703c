/**
 * `people.searchContacts` (https://developers.google.com/people/api/rest/v1/people/searchContacts):
 * prefix-phrase matching over the search cache, which only a warm-up (an empty query) refreshes.
 */
import { invalidArgument } from '../errors.js';
import { PERSON_FIELDS, parseMask, parseSources, type SourceKind } from '../person/masks.js';
import type { Query } from '../query.js';
import { renderContact } from '../store/render.js';
import { refreshSearchCache, searchCached } from '../store/searchCache.js';
import { readContext, type Handler } from './context.js';

/** "Defaults to 10 if field is not set, or set to 0. Values greater than 30 will be capped to 30." */
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 30;

function searchPageSize(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_SIZE;
  if (!/^-?\d+$/.test(value)) {
    throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${value}"`, 'page_size');
  }
  const size = Number(value);
  if (size < 0) {
    // Emulator wording: Google documents no answer for a negative size.
    throw invalidArgument(`Page size must not be negative (got ${size}).`, 'page_size');
  }
  return size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

/** "Defaults to READ_SOURCE_TYPE_CONTACT if not set." */
function searchSources(query: Query): Set<SourceKind> {
  const values = query.all('sources');
  return values.length === 0 ? new Set<SourceKind>(['CONTACT']) : parseSources(values);
}

export const searchContacts: Handler = ({ state, user, query }) => {
  const fields =
    parseMask(query.one('readMask'), 'readMask', PERSON_FIELDS, 'people/searchContacts', true) ??
    [];
  const pageSize = searchPageSize(query.one('pageSize'));
  const sources = searchSources(query);
  const text = query.one('query') ?? '';
  if (text.trim() === '') {
    // The warm-up: it refreshes the cache and finds nothing. A missing `query` (Google calls it
    // required) is taken as empty too: no capture shows Google refusing it.
    refreshSearchCache(user);
    return {};
  }
  const ctx = readContext(state, fields, sources);
  const results = searchCached(user, text)
    .map((name) => user.contacts.get(name))
    // A contact deleted since the warm-up is gone, whatever the cache still holds.
    .filter((contact) => contact !== undefined)
    .slice(0, pageSize)
    .map((contact) => ({ person: renderContact(user, contact, ctx) }));
  // proto3 JSON leaves an empty list out.
  return results.length > 0 ? { results } : {};
};
