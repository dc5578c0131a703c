/**
 * The People API methods. Each handler validates in Google's order, mutates the store and
 * returns the JSON body; errors are thrown as ApiError and answered by the router.
 */
import { createHash } from 'node:crypto';
import {
  ApiError,
  NOT_FOUND_MESSAGE,
  failedPrecondition,
  invalidArgument,
  notFound,
  rpcCode,
} from './errors.js';
import {
  GROUP_FIELDS,
  PERSON_FIELDS,
  SINGLETON_FIELDS,
  UPDATE_PERSON_FIELDS,
  parseMask,
  parseSources,
  type PersonField,
  type SourceKind,
  type UpdatableField,
} from './masks.js';
import {
  bindPerson,
  contactItems,
  isJsonObject,
  sanitizeItems,
  type JsonObject,
} from './person.js';
import { decodePhotoBytes, validatePhoto } from './photos.js';
import type { Query } from './query.js';
import {
  MY_CONTACTS,
  bumpVersion,
  contactEtagIsCurrent,
  groupMemberCount,
  insertContact,
  renderContact,
  renderGroupEtag,
  renderResolved,
  resolvePerson,
  type ContactFields,
  type EmulatorState,
  type RenderContext,
  type StoredContact,
  type StoredGroup,
  type UserState,
} from './store.js';

export interface CallContext {
  state: EmulatorState;
  user: UserState;
  query: Query;
  /** Parsed JSON body (`{}` when empty); only mutations read it. */
  body: unknown;
  /** `people/{id}` for routes with a resource in the path. */
  resourceName: string;
}

export type Handler = (ctx: CallContext) => unknown;

/** Contact ids are `c` + digits; `people/me` and account ids are profiles, not contacts. */
function requireContactName(resourceName: string): void {
  if (!/^people\/c\d+$/.test(resourceName)) {
    throw invalidArgument(
      `Resource name "${resourceName}" is not a valid contact person resource.`,
    );
  }
}

/** The legacy `requestMask.includeField` (`person.names,…`) stands in for personFields. */
function personFieldsParam(query: Query): string | undefined {
  const fields = query.one('personFields');
  if (fields !== undefined && fields !== '') return fields;
  const legacy = query.one('requestMask.includeField');
  return legacy?.replace(/(^|,)\s*person\./g, '$1');
}

function readContext(
  state: EmulatorState,
  fields: readonly PersonField[],
  sources: Set<SourceKind>,
): RenderContext {
  return { rootUrl: state.rootUrl, fields, sources };
}

function findContact(user: UserState, resourceName: string): StoredContact {
  const contact = user.contacts.get(resourceName);
  if (!contact) throw notFound();
  return contact;
}

export const getPerson: Handler = ({ state, user, query, resourceName }) => {
  const fields =
    parseMask(personFieldsParam(query), 'personFields', PERSON_FIELDS, 'people/get', true) ?? [];
  const sources = parseSources(query.all('sources'));
  const resolved = resolvePerson(user, resourceName);
  if (!resolved) throw notFound();
  return renderResolved(user, resolved, readContext(state, fields, sources));
};

/** "There is a maximum of 200 resource names." (discovery document). */
const BATCH_GET_MAX = 200;

export const batchGet: Handler = ({ state, user, query }) => {
  const names = query.all('resourceNames');
  if (names.length === 0) {
    // Emulator wording: Google's message for a missing resourceNames is not documented.
    throw invalidArgument('Request must specify at least one resource name.', 'resource_names');
  }
  if (names.length > BATCH_GET_MAX) {
    throw invalidArgument(
      `Too many resource names: ${names.length}. There is a maximum of ${BATCH_GET_MAX} resource names.`,
      'resource_names',
    );
  }
  const fields =
    parseMask(personFieldsParam(query), 'personFields', PERSON_FIELDS, 'people/get', true) ?? [];
  const ctx = readContext(state, fields, parseSources(query.all('sources')));
  return {
    responses: names.map((requestedResourceName) => {
      const resolved = resolvePerson(user, requestedResourceName);
      if (!resolved) {
        return {
          requestedResourceName,
          httpStatusCode: 404,
          status: { code: rpcCode('NOT_FOUND'), message: NOT_FOUND_MESSAGE },
        };
      }
      return {
        requestedResourceName,
        httpStatusCode: 200,
        person: renderResolved(user, resolved, ctx),
        status: {},
      };
    }),
  };
};

function checkSingletons(body: JsonObject, fields: readonly UpdatableField[]): void {
  for (const field of SINGLETON_FIELDS) {
    if (fields.includes(field) && contactItems(body, field).length > 1) {
      throw invalidArgument(`Cannot have more than one person.${field} per source.`);
    }
  }
}

/**
 * "Any contact group membership can be removed, but only user group or myContacts or starred
 * system groups memberships can be added." Unknown groups: emulator wording (Google's unknown).
 */
function checkMemberships(user: UserState, items: JsonObject[], current: JsonObject[]): void {
  const groupOf = (item: JsonObject): string | undefined => {
    const cgm = item.contactGroupMembership;
    return isJsonObject(cgm) && typeof cgm.contactGroupResourceName === 'string'
      ? cgm.contactGroupResourceName
      : undefined;
  };
  const existing = new Set(current.map(groupOf));
  for (const item of items) {
    const name = groupOf(item);
    if (name === undefined) continue;
    const group = user.groups.get(name);
    if (!group) {
      throw invalidArgument(`Contact group "${name}" does not exist.`);
    }
    const addable = !group.system || name === MY_CONTACTS || name === 'contactGroups/starred';
    if (!addable && !existing.has(name)) {
      throw invalidArgument(`Cannot add a contact to the system contact group "${name}".`);
    }
  }
}

function hasGroupMembership(items: JsonObject[]): boolean {
  return items.some(
    (item) =>
      isJsonObject(item.contactGroupMembership) &&
      typeof item.contactGroupMembership.contactGroupResourceName === 'string' &&
      item.contactGroupMembership.contactGroupResourceName !== '',
  );
}

/** The etag the client sent: the CONTACT source's when present, else the top-level one. */
function sentEtag(body: JsonObject): string | undefined {
  const metadata = body.metadata;
  if (isJsonObject(metadata) && Array.isArray(metadata.sources)) {
    for (const source of metadata.sources) {
      if (
        isJsonObject(source) &&
        source.type === 'CONTACT' &&
        typeof source.etag === 'string' &&
        source.etag !== ''
      ) {
        return source.etag;
      }
    }
  }
  return typeof body.etag === 'string' && body.etag !== '' ? body.etag : undefined;
}

export const updateContact: Handler = ({ state, user, query, body, resourceName }) => {
  // JSON binding errors (unknown names, wrong types) come first, as at Google's front end; then
  // the order of docs/people-api.md#updatecontact-checks (1–9).
  const person = bindPerson(body);
  requireContactName(resourceName);
  const mask =
    parseMask(
      query.one('updatePersonFields'),
      'updatePersonFields',
      UPDATE_PERSON_FIELDS,
      'people/updateContact',
      true,
    ) ?? [];
  const fields =
    parseMask(
      query.one('personFields'),
      'personFields',
      PERSON_FIELDS,
      'people/updateContact',
      false,
    ) ?? PERSON_FIELDS;
  const sources = parseSources(query.all('sources'));
  const contact = findContact(user, resourceName);
  const etag = sentEtag(person);
  if (etag === undefined) {
    // Google's status here is reported both ways (docs/people-api.md#errors): INVALID_ARGUMENT.
    throw invalidArgument(
      'Request must set person.etag or person.metadata.sources.etag for the source that is being updated.',
    );
  }
  if (!contactEtagIsCurrent(user, contact, etag)) {
    throw failedPrecondition(
      'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.',
    );
  }
  checkSingletons(person, mask);
  const memberships = contactItems(person, 'memberships');
  if (mask.includes('memberships')) {
    if (!hasGroupMembership(memberships)) {
      // Emulator wording: Google documents the 400, no message (docs/people-api.md#unknown).
      throw invalidArgument(
        'Request must specify at least one contact group membership when updating memberships.',
      );
    }
    checkMemberships(user, memberships, contact.fields.memberships ?? []);
  }
  // Replace semantics: each masked field is replaced wholesale; absent or empty clears it.
  for (const field of mask) {
    const items = sanitizeItems(field, contactItems(person, field));
    if (items.length > 0) contact.fields[field] = items;
    else contact.fields[field] = undefined;
  }
  bumpVersion(user, contact);
  return renderContact(user, contact, readContext(state, fields, sources));
};

export const createContact: Handler = ({ state, user, query, body }) => {
  const person = bindPerson(body);
  const fields =
    parseMask(
      query.one('personFields'),
      'personFields',
      PERSON_FIELDS,
      'people/createContact',
      false,
    ) ?? PERSON_FIELDS;
  const sources = parseSources(query.all('sources'));
  checkSingletons(person, UPDATE_PERSON_FIELDS);
  const stored: ContactFields = {};
  for (const field of UPDATE_PERSON_FIELDS) {
    const items = sanitizeItems(field, contactItems(person, field));
    if (items.length > 0) stored[field] = items;
  }
  if (Object.keys(stored).length === 0) {
    throw invalidArgument('Must specify a non-metadata contact field on the person');
  }
  const memberships = stored.memberships ?? [];
  checkMemberships(user, memberships, []);
  if (!hasGroupMembership(memberships)) {
    stored.memberships = [{ contactGroupMembership: { contactGroupResourceName: MY_CONTACTS } }];
  }
  const contact = insertContact(user, stored, new Date().toISOString());
  return renderContact(user, contact, readContext(state, fields, sources));
};

/** updateContactPhoto's body is an UpdateContactPhotoRequest, bound like Google's JSON layer. */
function bindPhotoRequest(body: unknown): {
  photoBytes: string;
  personFields: string | undefined;
  sources: string[];
} {
  if (!isJsonObject(body)) {
    throw invalidArgument('Invalid JSON payload received. Expected an object.');
  }
  for (const key of Object.keys(body)) {
    if (!['photoBytes', 'personFields', 'sources'].includes(key)) {
      throw invalidArgument(
        `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`,
        key,
      );
    }
  }
  const { photoBytes, personFields, sources } = body;
  if (photoBytes !== undefined && photoBytes !== null && typeof photoBytes !== 'string') {
    throw invalidArgument(
      `Invalid value at 'photo_bytes' (TYPE_BYTES), ${JSON.stringify(photoBytes)}`,
      'photo_bytes',
    );
  }
  if (personFields !== undefined && personFields !== null && typeof personFields !== 'string') {
    throw invalidArgument(
      `Invalid value at 'person_fields' (type.googleapis.com/google.protobuf.FieldMask), ${JSON.stringify(personFields)}`,
      'person_fields',
    );
  }
  const sourceList: string[] = [];
  if (sources !== undefined && sources !== null) {
    if (!Array.isArray(sources) || !sources.every((s) => typeof s === 'string')) {
      throw invalidArgument('Request contains an invalid argument.');
    }
    sourceList.push(...sources);
  }
  return {
    photoBytes: typeof photoBytes === 'string' ? photoBytes : '',
    personFields: typeof personFields === 'string' ? personFields : undefined,
    sources: sourceList,
  };
}

function newPhotoId(state: EmulatorState, user: UserState): string {
  state.photoCounter += 1;
  const digest = createHash('sha256')
    .update(`${state.seed}/${user.token}/${state.photoCounter}`)
    .digest('hex')
    .slice(0, 16);
  return `p${state.photoCounter}-${digest}`;
}

/** Photo methods answer `{}` unless personFields is set ("skips the post mutate get"). */
function photoResponse(
  state: EmulatorState,
  user: UserState,
  contact: StoredContact,
  fields: PersonField[] | undefined,
  sources: Set<SourceKind>,
): unknown {
  if (!fields) return {};
  return { person: renderContact(user, contact, readContext(state, fields, sources)) };
}

export const updateContactPhoto: Handler = ({ state, user, body, resourceName }) => {
  const request = bindPhotoRequest(body);
  const bytes = decodePhotoBytes(request.photoBytes);
  requireContactName(resourceName);
  const fields = parseMask(
    request.personFields,
    'personFields',
    PERSON_FIELDS,
    'people/updateContactPhoto',
    false,
  );
  const sources = parseSources(request.sources);
  const photo = validatePhoto(bytes, state.maxPhotoBytes);
  const contact = findContact(user, resourceName);
  const photoId = newPhotoId(state, user);
  state.photos.set(photoId, photo);
  // A new URL on every upload: "The server will generate a new URL whenever the photo changes".
  contact.photoId = photoId;
  bumpVersion(user, contact);
  return photoResponse(state, user, contact, fields, sources);
};

export const deleteContactPhoto: Handler = ({ state, user, query, resourceName }) => {
  requireContactName(resourceName);
  const fields = parseMask(
    query.one('personFields'),
    'personFields',
    PERSON_FIELDS,
    'people/deleteContactPhoto',
    false,
  );
  const sources = parseSources(query.all('sources'));
  const contact = findContact(user, resourceName);
  // Idempotent: deleting an absent photo succeeds (Google's behaviour there is unknown).
  delete contact.photoId;
  bumpVersion(user, contact);
  return photoResponse(state, user, contact, fields, sources);
};

function parsePageSize(value: string | undefined, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d+$/.test(value)) {
    throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${value}"`, 'page_size');
  }
  const size = Number(value);
  if (size === 0) return fallback;
  if (size < 1 || size > max) {
    // Emulator wording; the range is the discovery document's.
    throw invalidArgument(
      `Page size must be between 1 and ${max}, inclusive (got ${size}).`,
      'page_size',
    );
  }
  return size;
}

function rejectSyncToken(query: Query): void {
  if (query.one('syncToken') !== undefined) {
    throw invalidArgument(
      'Sync tokens are not supported by the People API emulator.',
      'sync_token',
    );
  }
}

const SORT_ORDERS = [
  'LAST_MODIFIED_ASCENDING',
  'LAST_MODIFIED_DESCENDING',
  'FIRST_NAME_ASCENDING',
  'LAST_NAME_ASCENDING',
] as const;
type SortOrder = (typeof SORT_ORDERS)[number];

interface PageToken {
  order: string;
  after: string;
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function invalidPageToken(): ApiError {
  return invalidArgument('Request contains an invalid argument.', 'page_token');
}

function decodeToken(text: string): PageToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidPageToken();
  }
  if (
    !isJsonObject(parsed) ||
    typeof parsed.order !== 'string' ||
    typeof parsed.after !== 'string'
  ) {
    throw invalidPageToken();
  }
  return { order: parsed.order, after: parsed.after };
}

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

function renderGroup(user: UserState, group: StoredGroup, fields: readonly string[]): JsonObject {
  const out: JsonObject = { resourceName: group.resourceName };
  const etag = renderGroupEtag(group);
  if (etag) out.etag = etag;
  if (fields.includes('metadata') && !group.system && group.updateTime) {
    out.metadata = { updateTime: group.updateTime };
  }
  if (fields.includes('groupType')) {
    out.groupType = group.system ? 'SYSTEM_CONTACT_GROUP' : 'USER_CONTACT_GROUP';
  }
  if (fields.includes('name')) {
    out.name = group.name;
    out.formattedName = group.formattedName;
  }
  if (fields.includes('memberCount')) {
    // proto3 JSON omits zero: empty groups carry no memberCount.
    const count = groupMemberCount(user, group);
    if (count > 0) out.memberCount = count;
  }
  return out;
}

export const listContactGroups: Handler = ({ user, query }) => {
  const fields = parseMask(
    query.one('groupFields'),
    'groupFields',
    GROUP_FIELDS,
    'contactGroups/list',
    false,
  ) ?? ['metadata', 'groupType', 'memberCount', 'name'];
  const pageSize = parsePageSize(query.one('pageSize'), 1000, 30);
  rejectSyncToken(query);
  const groups = [...user.groups.values()];
  const pageToken = query.one('pageToken');
  let offset = 0;
  if (pageToken) {
    const token = decodeToken(pageToken);
    offset = Number(token.after);
    if (token.order !== 'groups' || !Number.isInteger(offset) || offset < 0) {
      throw invalidPageToken();
    }
  }
  const page = groups.slice(offset, offset + pageSize);
  const next = offset + page.length;
  return {
    contactGroups: page.map((group) => renderGroup(user, group, fields)),
    totalItems: groups.length,
    ...(next < groups.length
      ? { nextPageToken: encodeToken({ order: 'groups', after: String(next) }) }
      : {}),
  };
};
