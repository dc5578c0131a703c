import type { GatewayContext } from '../context.js';
import type { UpdateContactInput } from '../generated/resolvers-types.js';
import { fromUpdateOutcome, type UpstreamUnavailableResult } from '../mappers/batchResults.js';
import { fromGoogleError, type MutationErrorContext } from '../mappers/googleError.js';
import type { UpstreamErrorResult } from '../mappers/results.js';
import { PeopleApiError } from '../people/client.js';
import type { UpdatablePersonField } from '../people/fields.js';
import { isTransient, type GoogleError } from '../people/googleError.js';
import { StaleEtagError, type UpdatedContact, type UpdateOptions } from '../people/merge.js';
import type { UpdateContactRequest } from '../people/requests.js';
import type { Person } from '../people/types.js';

export interface UpdateContactSuccessResult {
  __typename: 'UpdateContactSuccess';
  person: Person;
  mergedOnto: string | null;
}

type BuiltUpdate = { request: UpdateContactRequest; previous?: Person };
type SendOptions = Pick<UpdateOptions, 'conflictFields' | 'staleEtag'>;

/**
 * Sends one update through the client; a People API failure comes back as a value. On a stale
 * etag the contact the update read is primed into the request's loader under `conflictFields`
 * (a selected `EtagConflict.current`'s), so the conflict answer costs no further call.
 */
async function attemptUpdate(
  ctx: GatewayContext,
  input: UpdateContactInput,
  built: BuiltUpdate,
  { conflictFields, staleEtag }: SendOptions,
): Promise<UpdatedContact | { error: PeopleApiError; context: MutationErrorContext }> {
  try {
    const updated = await ctx.people.updateContact(built.request, {
      ...(built.previous ? { previous: built.previous } : {}),
      ...(conflictFields ? { conflictFields } : {}),
      ...(staleEtag ? { staleEtag } : {}),
    });
    ctx.personLoader.clearAll();
    return updated;
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    const stale = error instanceof StaleEtagError ? error : null;
    if (stale?.current !== undefined && conflictFields) {
      const key = { resourceName: input.resourceName, personFields: conflictFields };
      ctx.personLoader.clear(key).prime(key, stale.current);
    }
    const context = {
      resourceName: input.resourceName,
      sentEtag: input.etag,
      countOf: (field: UpdatablePersonField) => input[field]?.length ?? 0,
      conflictingFields: stale?.conflictingFields ?? null,
    };
    return { error, context };
  }
}

/**
 * One update built by `toUpdateContactRequest`, sent (merged on a stale etag when it carries
 * `previous`), as a member of `UpdateContactResult`. `conflictFields`: the `personFields` of a
 * selected `EtagConflict.current`, read along with the update's own reads.
 */
export async function sendUpdate(
  ctx: GatewayContext,
  input: UpdateContactInput,
  built: BuiltUpdate,
  options: SendOptions = {},
): Promise<UpdateContactSuccessResult | UpstreamErrorResult> {
  const sent = await attemptUpdate(ctx, input, built, options);
  if ('error' in sent) return fromGoogleError(sent.error.google, sent.context);
  return { __typename: 'UpdateContactSuccess', ...sent };
}

/**
 * An `updateContacts` item that Google refused for its stale etag (`staleEtag`), when the input
 * carries `previous`: merged on its own as `updateContact` merges (read, PATCH; src/people/merge.ts),
 * and answered as the batch answers its items: no final answer is `UpstreamUnavailable`, never a
 * top-level error that would hide the other items' results.
 */
export async function mergeStaleItem(
  ctx: GatewayContext,
  input: UpdateContactInput,
  built: BuiltUpdate,
  options: SendOptions & { staleEtag: GoogleError },
): Promise<UpdateContactSuccessResult | UpstreamErrorResult | UpstreamUnavailableResult> {
  const sent = await attemptUpdate(ctx, input, built, options);
  if (!('error' in sent)) return { __typename: 'UpdateContactSuccess', ...sent };
  const { google } = sent.error;
  // The re-sent PATCH may have landed before its answer was lost.
  return isTransient(google)
    ? fromUpdateOutcome({ kind: 'unknown', error: google, mayHaveApplied: true }, sent.context)
    : fromUpdateOutcome({ kind: 'refused', error: google }, sent.context);
}
