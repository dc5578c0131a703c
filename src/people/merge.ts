/**
 * `updateContact` on a stale etag. The etag covers the whole person, so an edit made elsewhere to
 * any field makes the update fail (400 FAILED_PRECONDITION). When the client says what it read in
 * the masked fields (`previous`), the gateway reads the contact once: if every masked field still
 * holds those values (`differingFields`, the equality of the landed-update check), nothing the
 * client did not see would be overwritten, so the update is sent again on the version read; the
 * etag makes that second PATCH fail rather than overwrite anything written after the read. At
 * most MAX_MERGES such re-sends, then the conflict is the client's.
 *
 * All of it runs in the caller's one turn of the per-user queue: the caller's own later
 * mutations cannot slip between the read and the re-send.
 */
import { PeopleApiError } from './errors.js';
import { UPDATABLE_PERSON_FIELDS, type UpdatablePersonField } from './fields.js';
import { isEtagFailure, type GoogleError } from './googleError.js';
import type { UpdateContactRequest } from './requests.js';
import { toPersonPathParam } from './resourceNames.js';
import { differingFields, holdsUpdate } from './sameValues.js';
import type { Person } from './types.js';
import type { Metrics } from '../metrics.js';

/** Re-sends on a newer version before a stale etag is the client's conflict. */
export const MAX_MERGES = 2;

/** What the caller of `PeopleClient.updateContact` may add to the request. */
export interface UpdateOptions {
  /** The REST values the client read in the masked fields: a stale etag may then be merged. */
  previous?: Person;
  /**
   * The `personFields` an `EtagConflict.current` will be read with: the update's own reads take
   * them too, so that the conflict answer can reuse the read (prime the request's loader).
   */
  conflictFields?: string;
  /**
   * Google's stale-etag answer that the request's etag already met (an item of a refused
   * `batchUpdateContacts`): the PATCH is not sent again on that etag. With `previous` the merge
   * starts at the read; without it, the StaleEtagError is thrown at once, with no call.
   */
  staleEtag?: GoogleError;
}

export interface UpdatedContact {
  person: Person;
  /** The etag the update was merged onto; null when it applied to the etag sent. */
  mergedOnto: string | null;
}

/**
 * A stale etag that stays the client's conflict: `current` is the contact as the gateway last
 * read it with `readFields` (undefined when it did not read it after the failure; null when the
 * contact is gone), `conflictingFields` the masked fields that differ from `previous` (null when
 * `previous` was not sent).
 */
export class StaleEtagError extends PeopleApiError {
  constructor(
    google: GoogleError,
    readonly readFields: string,
    readonly current?: Person | null,
    readonly conflictingFields: UpdatablePersonField[] | null = null,
  ) {
    super(google);
  }
}

/** What `updateContact` needs from the client: one PATCH, one read, the retry policy. */
export interface UpdateSteps {
  /** One PATCH with these googleapis arguments; throws the People API's error. */
  patch(params: UpdateContactRequest): Promise<Person>;
  /** The contact with `readFields`; null when it does not resolve. */
  read(): Promise<Person | null>;
  /** `attempt` under the retry policy and budgets (0 first). */
  retried<T>(attempt: (n: number) => Promise<T>): Promise<T>;
  readFields: string;
  metrics?: Metrics | undefined;
}

/** The masked fields, in `updatePersonFields` order. */
export function maskedFields(request: UpdateContactRequest): UpdatablePersonField[] {
  const masked = new Set(request.updatePersonFields.split(','));
  return UPDATABLE_PERSON_FIELDS.filter((f) => masked.has(f));
}

/**
 * The `personFields` of the reads an update makes: the masked fields (to compare), those of its
 * answer (the landed-update check answers with the read) and of an `EtagConflict.current`.
 */
export function readFieldsOf(request: UpdateContactRequest, options: UpdateOptions): string {
  const masks = [request.personFields, request.updatePersonFields, options.conflictFields];
  const fields = masks.flatMap((mask) => (mask ? mask.split(',') : []));
  return [...new Set(fields)].sort().join(',');
}

/**
 * The request sent with `etag`, retried on 429/5xx/no answer. A retry that meets a stale etag
 * reads the contact: when the masked fields already hold what was sent, the lost earlier attempt
 * landed, and that read is the answer (once: the etag makes every PATCH idempotent).
 */
async function sendRetried(
  steps: UpdateSteps,
  request: UpdateContactRequest,
  etag: string,
): Promise<Person> {
  // googleapis expands `{+resourceName}` unencoded: the name goes through the grammar check.
  const resourceName = toPersonPathParam(request.resourceName);
  const params = { ...request, resourceName, requestBody: { ...request.requestBody, etag } };
  return steps.retried(async (attempt) => {
    try {
      return await steps.patch(params);
    } catch (error) {
      if (!(error instanceof PeopleApiError) || !isEtagFailure(error.google)) throw error;
      if (attempt === 0) throw new StaleEtagError(error.google, steps.readFields);
      const current = await steps.read();
      if (current && holdsUpdate(current, request.requestBody, maskedFields(request))) {
        return current;
      }
      throw new StaleEtagError(error.google, steps.readFields, current);
    }
  });
}

/**
 * `people.updateContact` with the gateway's retries; with `previous`, a stale etag is merged onto
 * the version read when no masked field changed since the client read it (see the module comment).
 */
export async function updateContactMerging(
  steps: UpdateSteps,
  request: UpdateContactRequest,
  { previous, staleEtag }: UpdateOptions,
): Promise<UpdatedContact> {
  let etag = request.requestBody.etag ?? '';
  let merges = 0;
  if (staleEtag) {
    const stale = new StaleEtagError(staleEtag, steps.readFields);
    if (previous === undefined) throw stale;
    etag = await versionToMergeOnto(steps, maskedFields(request), previous, stale, merges);
    merges = 1;
  }
  for (; ; merges += 1) {
    try {
      const person = await sendRetried(steps, request, etag);
      if (merges > 0) steps.metrics?.merges.inc();
      return { person, mergedOnto: merges > 0 ? etag : null };
    } catch (error) {
      if (!(error instanceof StaleEtagError) || previous === undefined) throw error;
      etag = await versionToMergeOnto(steps, maskedFields(request), previous, error, merges);
    }
  }
}

type Refusal = 'conflict' | 'still_changing';

/**
 * The etag of the version to send the update again on, or the StaleEtagError that answers the
 * client. The read that decides is the one the landed-update check made, when it made one. A read
 * that fails (quota, 5xx after retries) is the answer: the conflict may not be real, and the same
 * update sent again later can still merge.
 */
async function versionToMergeOnto(
  steps: UpdateSteps,
  fields: readonly UpdatablePersonField[],
  previous: Person,
  stale: StaleEtagError,
  merges: number,
): Promise<string> {
  const refuse = (
    reason: Refusal,
    current: Person | null | undefined,
    conflicting: UpdatablePersonField[],
  ) => {
    steps.metrics?.mergeRefusals.inc({ reason });
    return new StaleEtagError(stale.google, steps.readFields, current, conflicting);
  };
  let current = stale.current;
  if (merges === MAX_MERGES) {
    // The contact kept changing between each read and re-send: never a third round.
    const conflicting = current ? differingFields(current, previous, fields) : [];
    throw refuse(conflicting.length > 0 ? 'conflict' : 'still_changing', current, conflicting);
  }
  if (current === undefined) current = await steps.read();
  // Deleted since: nothing to merge onto, and every masked field is gone.
  if (current === null) throw refuse('conflict', null, [...fields]);
  const conflicting = differingFields(current, previous, fields);
  if (conflicting.length > 0) throw refuse('conflict', current, conflicting);
  // Every person read carries its etag; without one there is no version to merge onto.
  if (!current.etag) throw refuse('still_changing', current, conflicting);
  return current.etag;
}
