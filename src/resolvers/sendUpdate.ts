import type { GatewayContext } from '../context.js';
import type { UpdateContactInput } from '../generated/resolvers-types.js';
import { fromGoogleError } from '../mappers/googleError.js';
import type { UpstreamErrorResult } from '../mappers/results.js';
import { PeopleApiError } from '../people/client.js';
import { StaleEtagError, type UpdateOptions } from '../people/merge.js';
import type { UpdateContactRequest } from '../people/requests.js';
import type { Person } from '../people/types.js';

export interface UpdateContactSuccessResult {
  __typename: 'UpdateContactSuccess';
  person: Person;
  mergedOnto: string | null;
}

/**
 * One update built by `toUpdateContactRequest`, sent (merged on a stale etag when it carries
 * `previous`), as a member of `UpdateContactResult`. `conflictFields` is the `personFields` of a
 * selected `EtagConflict.current`: the update's own read of the contact is then primed into the
 * request's loader, so the conflict answer costs no further call. `staleEtag`: the etag already
 * met a stale-etag answer (an item of a refused batch), so the update starts at the merge's read.
 */
export async function sendUpdate(
  ctx: GatewayContext,
  input: UpdateContactInput,
  built: { request: UpdateContactRequest; previous?: Person },
  { conflictFields, staleEtag }: Pick<UpdateOptions, 'conflictFields' | 'staleEtag'> = {},
): Promise<UpdateContactSuccessResult | UpstreamErrorResult> {
  try {
    const { person, mergedOnto } = await ctx.people.updateContact(built.request, {
      ...(built.previous ? { previous: built.previous } : {}),
      ...(conflictFields ? { conflictFields } : {}),
      ...(staleEtag ? { staleEtag } : {}),
    });
    ctx.personLoader.clearAll();
    return { __typename: 'UpdateContactSuccess', person, mergedOnto };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    const stale = error instanceof StaleEtagError ? error : null;
    if (stale?.current !== undefined && conflictFields) {
      const key = { resourceName: input.resourceName, personFields: conflictFields };
      ctx.personLoader.clear(key).prime(key, stale.current);
    }
    return fromGoogleError(error.google, {
      resourceName: input.resourceName,
      sentEtag: input.etag,
      countOf: (field) => input[field]?.length ?? 0,
      conflictingFields: stale?.conflictingFields ?? null,
    });
  }
}
