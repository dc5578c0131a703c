import type { DeleteContactsOutcome } from '../people/deleteContacts.js';
import { isPersonResourceName, PERSON_RESOURCE_NAME_GRAMMAR } from '../people/resourceNames.js';
import { upstreamUnavailable, type UpstreamUnavailableResult } from './batchResults.js';
import { fromGoogleErrorWithin } from './googleError.js';
import { invalidArgument, type InvalidArgumentResult, type RateLimitedResult } from './results.js';

/**
 * `deleteContacts(resourceNames)`: the names to send, each once in the order given, or the
 * `InvalidArgument` that refuses the whole list before any call (a name outside the grammar, or
 * `people/me`, the caller's profile). The caller's strings are not repeated: they can be crafted.
 */
export function checkDeleteNames(
  resourceNames: readonly string[],
): { names: string[] } | { error: InvalidArgumentResult } {
  const bad = resourceNames.findIndex((name) => !isPersonResourceName(name));
  if (bad >= 0) {
    return {
      error: invalidArgument(
        `resourceNames[${bad}] is outside the resource-name grammar (${PERSON_RESOURCE_NAME_GRAMMAR}); nothing was deleted.`,
        'resourceNames',
      ),
    };
  }
  const me = resourceNames.indexOf('people/me');
  if (me >= 0) {
    return {
      error: invalidArgument(
        `resourceNames[${me}] is people/me, the caller's profile, not a contact; nothing was deleted.`,
        'resourceNames',
      ),
    };
  }
  return { names: [...new Set(resourceNames)] };
}

/** How far the deletes got, as `DeleteContactsResult`: a failure says what was deleted before it. */
export function fromDeleteOutcome(
  outcome: DeleteContactsOutcome,
):
  | { __typename: 'DeleteContactsSuccess'; resourceNames: string[] }
  | InvalidArgumentResult
  | RateLimitedResult
  | UpstreamUnavailableResult {
  const { deleted, failure } = outcome;
  if (!failure) return { __typename: 'DeleteContactsSuccess', resourceNames: deleted };
  const { error, names, mayHaveApplied } = failure;
  const transient = error.httpStatus === 0 || error.httpStatus >= 500;
  const member = transient
    ? upstreamUnavailable(error, mayHaveApplied)
    : fromGoogleErrorWithin(error, { resourceName: names[0] ?? '' }, ['RateLimited']);
  const done =
    deleted.length === 0
      ? ''
      : `The first ${deleted.length} names were deleted; what follows concerns the ${names.length} from ${names[0] ?? ''} on. `;
  return { ...member, message: `${done}${member.message}` };
}
