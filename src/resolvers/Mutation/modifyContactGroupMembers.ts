import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { checkContactGroupResourceName, checkMembers } from '../../mappers/contactGroup.js';
import { fromGoogleGroupError } from '../../mappers/googleError.js';
import { PeopleApiError } from '../../people/client.js';

/** An explicit null overrides the schema's default `[]`. */
function orEmpty(names: readonly string[] | null): readonly string[] {
  return names ?? [];
}

export const modifyContactGroupMembers: NonNullable<
  MutationResolvers['modifyContactGroupMembers']
> = async (_parent, args, ctx) => {
  const { resourceName } = args;
  const add = orEmpty(args.add);
  const remove = orEmpty(args.remove);
  const refused =
    checkContactGroupResourceName(resourceName, true) ?? checkMembers(resourceName, add, remove);
  if (refused) return refused;
  try {
    const modified = await ctx.groups.modifyMembers(resourceName, add, remove);
    // Memberships are a Person field: persons read before are stale.
    ctx.personLoader.clearAll();
    return { __typename: 'ModifyContactGroupMembersSuccess', ...modified };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleGroupError(error.google, resourceName);
  }
};
