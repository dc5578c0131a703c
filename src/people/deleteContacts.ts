/**
 * `people.deleteContact` and `people.batchDeleteContacts`
 * (https://developers.google.com/people/api/rest/v1/people/deleteContact,
 * https://developers.google.com/people/api/rest/v1/people/batchDeleteContacts): "Any non-contact
 * data will not be deleted"; both answer an empty body. Retried like every write: a retry that
 * finds the contacts gone (404) after a lost answer answers success, since what was asked holds.
 */
import { BATCH_GET_LIMIT, type PeopleClient } from './client.js';
import { gatewayThrottled, PeopleApiError } from './errors.js';
import { isTransient, type GoogleError } from './googleError.js';
import { isPersonResourceName, InvalidResourceName, toPersonPathParam } from './resourceNames.js';

/** "Allows up to 500 resource names in a single request." */
export const BATCH_DELETE_LIMIT = 500;

/** Deletes one contact; throws the PeopleApiError of a refusal. */
export async function deleteContact(client: PeopleClient, resourceName: string): Promise<void> {
  const { calls } = client;
  const params = { resourceName: toPersonPathParam(resourceName) };
  let attempts = 0;
  try {
    await calls.mutate((attempt) => {
      attempts = attempt + 1;
      return calls.call(
        () => calls.api.people.deleteContact(params, calls.options()),
        'deleteContact',
      );
    });
  } catch (error) {
    // Gone on a retry: the first attempt's answer was lost after it deleted the contact.
    const gone = error instanceof PeopleApiError && error.google.httpStatus === 404;
    if (!(gone && attempts > 1)) throw error;
  }
}

/** How far a `batchDeleteContacts` of many names got. */
export interface DeleteContactsOutcome {
  /** The names deleted, in the order given: whole calls that Google accepted. */
  deleted: string[];
  /** Why the rest were not: the failing call's error; none when all were deleted. */
  failure?: { error: GoogleError; names: string[]; mayHaveApplied: boolean };
}

/**
 * Deletes `resourceNames` (distinct, in the grammar) at most BATCH_DELETE_LIMIT a call, in order,
 * stopping at the first call that fails for good. A call that failed without an answer, or that a
 * retry found partly gone, is settled by reading its names back: when none exists any more, the
 * call counts as done.
 */
export async function batchDeleteContacts(
  client: PeopleClient,
  resourceNames: readonly string[],
): Promise<DeleteContactsOutcome> {
  for (const name of resourceNames) {
    if (!isPersonResourceName(name)) throw new InvalidResourceName();
  }
  const needed = Math.ceil(resourceNames.length / BATCH_DELETE_LIMIT);
  const { budget } = client.calls;
  if (budget && !budget.fits(needed, 0)) {
    const { google } = gatewayThrottled(
      `These ${resourceNames.length} names need ${needed} People API calls (${BATCH_DELETE_LIMIT} a call), more than this operation may make; send them in several operations.`,
      0,
    );
    return {
      deleted: [],
      failure: { error: google, names: [...resourceNames], mayHaveApplied: false },
    };
  }
  const deleted: string[] = [];
  for (let start = 0; start < resourceNames.length; start += BATCH_DELETE_LIMIT) {
    const names = resourceNames.slice(start, start + BATCH_DELETE_LIMIT);
    const failure = await deleteChunk(client, names);
    if (failure) return { deleted, failure: { ...failure, names: resourceNames.slice(start) } };
    deleted.push(...names);
  }
  return { deleted };
}

async function deleteChunk(
  client: PeopleClient,
  names: string[],
): Promise<{ error: GoogleError; mayHaveApplied: boolean } | null> {
  const { calls } = client;
  let attempts = 0;
  try {
    await calls.mutate((attempt) => {
      attempts = attempt + 1;
      return calls.call(
        () =>
          calls.api.people.batchDeleteContacts(
            { requestBody: { resourceNames: names } },
            calls.options(),
          ),
        'batchDeleteContacts',
        0,
      );
    });
    return null;
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    const { google } = error;
    const lost = isTransient(google) && google.httpStatus !== 429;
    // After a lost answer, or a retry refused as "not found", only a read tells what happened.
    if (!lost && !(attempts > 1 && google.httpStatus === 404)) {
      if ([401, 403].includes(google.httpStatus) || google.httpStatus >= 500) throw error;
      return { error: google, mayHaveApplied: false };
    }
    const gone = await allGone(client, names);
    if (gone === true) return null;
    return { error: google, mayHaveApplied: gone === null };
  }
}

/** Whether none of `names` resolves any more; null when the read fails. */
async function allGone(client: PeopleClient, names: string[]): Promise<boolean | null> {
  try {
    for (let i = 0; i < names.length; i += BATCH_GET_LIMIT) {
      const found = await client.getBatchGet(names.slice(i, i + BATCH_GET_LIMIT), 'metadata');
      if (found.some((person) => person !== null)) return false;
    }
    return true;
  } catch {
    // Quota, budget or no answer: what happened stays unknown.
    return null;
  }
}
