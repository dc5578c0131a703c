/** `people.connections.list`: the contacts of `people/me`, in pages, in one of four orders. */
import { invalidArgument } from '../errors.js';
import { PERSON_FIELDS, parseMask, parseSources } from '../person/masks.js';
import { renderContact } from '../store/render.js';
import type { StoredContact } from '../store/state.js';
import { personFieldsParam, readContext, type Handler } from './context.js';
import {
  decodeToken,
  encodeToken,
  invalidPageToken,
  parsePageSize,
  rejectSyncToken,
} from './paging.js';

const SORT_ORDERS = [
  'LAST_MODIFIED_ASCENDING',
  'LAST_MODIFIED_DESCENDING',
  'FIRST_NAME_ASCENDING',
  'LAST_NAME_ASCENDING',
] as const;
type SortOrder = (typeof SORT_ORDERS)[number];

function nameKey(contact: StoredContact, part: 'givenName' | 'familyName'): string {
  const name = contact.fields.names?.[0]?.[part];
  // Contacts without that name part sort last.
  return typeof name === 'string' && name !== '' ? name.toLocaleLowerCase('en') : '\uffff';
}

/** A total order per sort order: the key of the last item returned is the page token. */
function sortKey(contact: StoredContact, order: SortOrder): string {
  switch (order) {
    case 'LAST_MODIFIED_ASCENDING':
    case 'LAST_MODIFIED_DESCENDING':
      return `${String(contact.modSeq).padStart(12, '0')}\u0000${contact.resourceName}`;
    case 'FIRST_NAME_ASCENDING':
      return `${nameKey(contact, 'givenName')}\u0000${contact.resourceName}`;
    case 'LAST_NAME_ASCENDING':
      return `${nameKey(contact, 'familyName')}\u0000${contact.resourceName}`;
  }
}

/**
 * Keyset paging: a token names the last key served, so a contact edited between pages is never
 * skipped (it may come again at the end under LAST_MODIFIED orders, as a sync would show it).
 */
export const listConnections: Handler = ({ state, user, query, resourceName }) => {
  if (resourceName !== 'people/me') {
    // Emulator wording: "Only `people/me` is valid." (discovery document).
    throw invalidArgument(
      `Resource name "${resourceName}" is not valid for connections. Only "people/me" is valid.`,
    );
  }
  const fields =
    parseMask(personFieldsParam(query), 'personFields', PERSON_FIELDS, 'people/get', true) ?? [];
  const pageSize = parsePageSize(query.one('pageSize'), 1000, 100);
  const orderParam = query.one('sortOrder') ?? 'LAST_MODIFIED_ASCENDING';
  if (!(SORT_ORDERS as readonly string[]).includes(orderParam)) {
    throw invalidArgument(
      `Invalid value at 'sort_order' (type.googleapis.com/google.people.v1.ListConnectionsRequest.SortOrder), "${orderParam}"`,
      'sort_order',
    );
  }
  const order = orderParam as SortOrder;
  const sources = parseSources(query.all('sources'));
  rejectSyncToken(query);
  const pageToken = query.one('pageToken');
  const token = pageToken ? decodeToken(pageToken) : undefined;
  if (token && token.order !== order) {
    // "When the page_token is specified, all other request parameters must match the first call."
    throw invalidPageToken();
  }
  const descending = order === 'LAST_MODIFIED_DESCENDING';
  const keyed = [...user.contacts.values()].map((contact) => ({
    contact,
    key: sortKey(contact, order),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (descending ? -1 : 1));
  const remaining = token
    ? keyed.filter(({ key }) => (descending ? key < token.after : key > token.after))
    : keyed;
  const page = remaining.slice(0, pageSize);
  const ctx = readContext(state, fields, sources);
  const last = page[page.length - 1];
  return {
    connections: page.map(({ contact }) => renderContact(user, contact, ctx)),
    ...(remaining.length > pageSize && last
      ? { nextPageToken: encodeToken({ order, after: last.key }) }
      : {}),
    totalPeople: user.contacts.size,
    totalItems: user.contacts.size,
  };
};
