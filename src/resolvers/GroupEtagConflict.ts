import type { GroupEtagConflictResolvers } from '../generated/resolvers-types.js';
import { PeopleApiError } from '../people/client.js';
import { readUpstream } from './loadPerson.js';

/** `current`, read only when selected (one `contactGroups.get`); null when the group is gone. */
export const GroupEtagConflict: GroupEtagConflictResolvers = {
  current: ({ resourceName }, _args, ctx) =>
    readUpstream(
      ctx.groups.get(resourceName).catch((error: unknown) => {
        if (error instanceof PeopleApiError && error.google.httpStatus === 404) return null;
        throw error;
      }),
    ),
};
