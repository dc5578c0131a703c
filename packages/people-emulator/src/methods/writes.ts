/** `people.updateContact` and `people.createContact`. */
import { invalidArgument } from '../errors.js';
import { etagFailure, type EtagEnvelope } from '../etagFailure.js';
import { bindPerson } from '../person/bind.js';
import type { JsonObject } from '../person/json.js';
import {
  PERSON_FIELDS,
  UPDATE_PERSON_FIELDS,
  parseMask,
  parseSources,
  type UpdatableField,
} from '../person/masks.js';
import { contactItems, sanitizeItems } from '../person/sanitize.js';
import { renderContact } from '../store/render.js';
import {
  MY_CONTACTS,
  bumpVersion,
  contactEtagIsCurrent,
  insertContact,
  type ContactFields,
  type StoredContact,
  type UserState,
} from '../store/state.js';
import { checkMemberships, checkSingletons, hasGroupMembership, sentEtag } from './checks.js';
import { findContact, readContext, requireContactName, type Handler } from './context.js';

export const updateContact: Handler = ({
  state,
  user,
  query,
  body,
  resourceName,
  etagEnvelope,
}) => {
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
  const contact = prepareUpdate(user, resourceName, person, mask, etagEnvelope)();
  return renderContact(user, contact, readContext(state, fields, sources));
};

/**
 * updateContact's checks of one contact that need the store (checks 5–9: found, etag present and
 * current, singletons, memberships), made now; the change they allow, made when the returned
 * function runs. A batch checks every contact before it changes any.
 */
export function prepareUpdate(
  user: UserState,
  resourceName: string,
  person: JsonObject,
  mask: readonly UpdatableField[],
  etagEnvelope: EtagEnvelope,
): () => StoredContact {
  const contact = findContact(user, resourceName);
  const etag = sentEtag(person);
  if (etag === undefined) {
    // Google's status here is reported both ways (docs/people-api.md#errors): INVALID_ARGUMENT.
    throw invalidArgument(
      'Request must set person.etag or person.metadata.sources.etag for the source that is being updated.',
    );
  }
  if (!contactEtagIsCurrent(user, contact, etag)) {
    throw etagFailure(etagEnvelope);
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
  return () => {
    // Replace semantics: each masked field is replaced wholesale; absent or empty clears it.
    for (const field of mask) {
      const items = sanitizeItems(field, contactItems(person, field));
      if (items.length > 0) contact.fields[field] = items;
      else contact.fields[field] = undefined;
    }
    bumpVersion(user, contact);
    return contact;
  };
}

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
  const contact = insertContact(user, prepareCreate(user, person), new Date().toISOString());
  return renderContact(user, contact, readContext(state, fields, sources));
};

/** createContact's checks of one person; the fields to store (memberships defaulted). */
export function prepareCreate(user: UserState, person: JsonObject): ContactFields {
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
  return stored;
}
