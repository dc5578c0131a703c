import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { checkContactGroupResourceName } from '../../mappers/contactGroup.js';
import { fromGoogleGroupError } from '../../mappers/googleError.js';
import { PeopleApiError } from '../../people/client.js';

export const deleteContactGroup: NonNullable<MutationResolvers['deleteContactGroup']> = async (
  _parent,
  { resourceName, deleteContacts },
  ctx,
) => {
  const refused = checkContactGroupResourceName(resourceName);
  if (refused) return refused;
  try {
    await ctx.groups.delete(resourceName, deleteContacts);
    // Members lost the membership, or were deleted: persons read before are stale.
    ctx.personLoader.clearAll();
    return { __typename: 'DeleteContactGroupSuccess', resourceName };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleGroupError(error.google, resourceName);
  }
};
