/**
 * `people.batchUpdateContacts` and `people.batchCreateContacts`: every contact is checked as the
 * single method checks it; one failing contact refuses the whole batch, nothing applied, and the
 * answer names the failing contacts (batchRefusal.ts). `readMask` left empty or out skips the
 * post-mutate read: "no data will be returned in the response"
 * (https://developers.google.com/people/api/rest/v1/people/batchUpdateContacts).
 */
import { batchRefused } from '../batchRefusal.js';
import { ApiError } from '../errors.js';
import { bindPerson } from '../person/bind.js';
import { isJsonObject, type JsonObject } from '../person/json.js';
import { PERSON_FIELDS, UPDATE_PERSON_FIELDS, parseMask } from '../person/masks.js';
import { renderContact } from '../store/render.js';
import { insertContact, type StoredContact } from '../store/state.js';
import {
  BATCH_WRITE_MAX,
  bindRequest,
  bodySources,
  checkBatchSize,
  maskField,
} from './batchBody.js';
import { readContext, requireContactName, type CallContext, type Handler } from './context.js';
import { prepareCreate, prepareUpdate } from './writes.js';

/** Runs `check` for each keyed entry; the failures by key, in order, or the checked values. */
function checkEach<T, R>(
  entries: readonly (readonly [string, T])[],
  check: (value: T, key: string) => R,
): { failures: Map<string, ApiError>; checked: R[] } {
  const failures = new Map<string, ApiError>();
  const checked: R[] = [];
  for (const [key, value] of entries) {
    try {
      checked.push(check(value, key));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      failures.set(key, error);
    }
  }
  return { failures, checked };
}

/** The post-mutate read's rendering, or null when `readMask` is empty (the read is skipped). */
function postMutateRead(
  ctx: CallContext,
  request: JsonObject,
  doc: string,
): ((contact: StoredContact) => unknown) | null {
  const fields = parseMask(maskField(request, 'readMask'), 'readMask', PERSON_FIELDS, doc, false);
  const sources = bodySources(request);
  if (fields === undefined) return null;
  const read = readContext(ctx.state, fields, sources);
  return (contact) => renderContact(ctx.user, contact, read);
}

export const batchUpdateContacts: Handler = (ctx) => {
  const doc = 'people/batchUpdateContacts';
  const request = bindRequest(ctx.body, ['contacts', 'updateMask', 'readMask', 'sources']);
  const contacts = request.contacts ?? {};
  if (!isJsonObject(contacts)) {
    throw new ApiError(
      400,
      'INVALID_ARGUMENT',
      'Request contains an invalid argument.',
      'badRequest',
    );
  }
  // Binding is the JSON layer's: a malformed person refuses the request, not one contact.
  const entries = Object.entries(contacts).map(([name, body]) => [name, bindPerson(body)] as const);
  checkBatchSize(entries.length, BATCH_WRITE_MAX, 'contacts', 'contact');
  const mask =
    parseMask(maskField(request, 'updateMask'), 'updateMask', UPDATE_PERSON_FIELDS, doc, true) ??
    [];
  const render = postMutateRead(ctx, request, doc);
  const { failures, checked } = checkEach(entries, (person, name) => {
    requireContactName(name);
    return [name, prepareUpdate(ctx.user, name, person, mask, ctx.etagEnvelope)] as const;
  });
  if (failures.size > 0) {
    throw batchRefused('BatchUpdateContactsErrorDetails', failures, ctx.batchRefusal);
  }
  const updated = checked.map(([name, apply]) => [name, apply()] as const);
  if (render === null) return {};
  return {
    updateResult: Object.fromEntries(
      updated.map(([name, contact]) => [
        name,
        { person: render(contact), requestedResourceName: name, httpStatusCode: 200, status: {} },
      ]),
    ),
  };
};

export const batchCreateContacts: Handler = (ctx) => {
  const request = bindRequest(ctx.body, ['contacts', 'readMask', 'sources']);
  const contacts = request.contacts ?? [];
  if (!Array.isArray(contacts)) {
    throw new ApiError(
      400,
      'INVALID_ARGUMENT',
      'Request contains an invalid argument.',
      'badRequest',
    );
  }
  const entries = contacts.map((item, i) => {
    const wrapper = bindRequest(item, ['contactPerson']);
    return [String(i), bindPerson(wrapper.contactPerson ?? {})] as const;
  });
  checkBatchSize(entries.length, BATCH_WRITE_MAX, 'contacts', 'contact');
  const render = postMutateRead(ctx, request, 'people/batchCreateContacts');
  const { failures, checked } = checkEach(entries, (person) => prepareCreate(ctx.user, person));
  if (failures.size > 0) {
    throw batchRefused('BatchCreateContactsErrorDetails', failures, ctx.batchRefusal);
  }
  const now = new Date().toISOString();
  const created = checked.map((fields) => insertContact(ctx.user, fields, now));
  if (render === null) return {};
  return {
    createdPeople: created.map((contact) => ({
      person: render(contact),
      httpStatusCode: 200,
      status: {},
    })),
  };
};
