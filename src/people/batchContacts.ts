/**
 * `people.batchUpdateContacts` and `people.batchCreateContacts`
 * (https://developers.google.com/people/api/rest/v1/people/batchUpdateContacts,
 * https://developers.google.com/people/api/rest/v1/people/batchCreateContacts): at most 200
 * contacts a call, sent by `runBatch` so that each contact gets its own true answer.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import type { PeopleClient } from './client.js';
import { UPDATABLE_PERSON_FIELDS } from './fields.js';
import { runBatch, type BatchOutcome, type BatchPlan } from './batchRunner.js';
import type { PeopleApiError } from './errors.js';
import type { CreateContactsRequest, UpdateContactsRequest } from './requests.js';
import { isPersonResourceName, InvalidResourceName } from './resourceNames.js';
import { holdsUpdate } from './sameValues.js';
import type { Person } from './types.js';

export type { BatchOutcome };

/** "Allows up to 200 contacts in a single request" (both methods). */
export const BATCH_WRITE_LIMIT = 200;

type UpdateItem = UpdateContactsRequest['contacts'][number];

/**
 * Updates every contact of `request` with one `updateMask`; one outcome per contact, in order.
 * Retried like `updateContact`: the etag makes an update idempotent, so a contact refused after a
 * lost answer is looked up, and when its masked fields hold what was sent, its change landed.
 */
export async function batchUpdateContacts(
  client: PeopleClient,
  request: UpdateContactsRequest,
): Promise<BatchOutcome<Person>[]> {
  for (const { resourceName } of request.contacts) {
    // Names travel in the body, not the path; the grammar still holds for every name sent.
    if (!isPersonResourceName(resourceName)) throw new InvalidResourceName();
  }
  const masked = new Set(request.updateMask.split(','));
  const fields = UPDATABLE_PERSON_FIELDS.filter((f) => masked.has(f));
  const readFields = [...new Set([...request.readMask.split(','), ...fields])].sort().join(',');
  const plan: BatchPlan<UpdateItem, Person, people_v1.Schema$BatchUpdateContactsResponse> = {
    method: 'batchUpdateContacts',
    limit: BATCH_WRITE_LIMIT,
    send: (items, api, options) =>
      api.people.batchUpdateContacts(
        {
          requestBody: {
            contacts: Object.fromEntries(items.map((c) => [c.resourceName, c.person])),
            updateMask: request.updateMask,
            readMask: request.readMask,
          },
        },
        options,
      ),
    answers: (data, items) => items.map((c) => data.updateResult?.[c.resourceName]?.person ?? null),
    keyOf: (item) => item.resourceName,
    landed: async (items) => {
      const current = await client.getBatchGet(
        items.map((c) => c.resourceName),
        readFields,
      );
      return items.map((c, i) => {
        const person = current[i];
        return person && holdsUpdate(person, c.person, fields) ? person : null;
      });
    },
  };
  return runBatch(client.calls, plan, request.contacts);
}

/**
 * Creates every contact of `request`; one outcome per contact, in order. Like `createContact`,
 * retried only after a 429 (refused before anything happened): a create whose answer was lost may
 * have landed, and sending it again would make two contacts, so its outcome stays unknown.
 */
export function batchCreateContacts(
  client: PeopleClient,
  request: CreateContactsRequest,
): Promise<BatchOutcome<Person>[]> {
  const plan: BatchPlan<Person, Person, people_v1.Schema$BatchCreateContactsResponse> = {
    method: 'batchCreateContacts',
    limit: BATCH_WRITE_LIMIT,
    send: (items, api, options) =>
      api.people.batchCreateContacts(
        {
          requestBody: {
            contacts: items.map((contactPerson) => ({ contactPerson })),
            readMask: request.readMask,
          },
        },
        options,
      ),
    // "The contacts that were created", in the order sent.
    answers: (data, items) => items.map((_, i) => data.createdPeople?.[i]?.person ?? null),
    // BatchCreateContactsErrorDetails keys a failing contact by its index in the call.
    keyOf: (_, index) => String(index),
    retryable: (error: PeopleApiError) => error.google.httpStatus === 429,
  };
  return runBatch(client.calls, plan, request.contacts);
}
