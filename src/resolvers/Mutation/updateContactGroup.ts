import type { MutationResolvers } from '../../generated/resolvers-types.js';
import {
  checkContactGroupName,
  checkContactGroupResourceName,
} from '../../mappers/contactGroup.js';
import { fromGoogleGroupRenameError } from '../../mappers/googleError.js';
import { invalidArgument } from '../../mappers/results.js';
import { PeopleApiError } from '../../people/client.js';

export const updateContactGroup: NonNullable<MutationResolvers['updateContactGroup']> = async (
  _parent,
  { resourceName, etag, name },
  ctx,
) => {
  const refused =
    checkContactGroupResourceName(resourceName) ??
    (etag === '' ? invalidArgument('The etag must not be empty.', 'etag') : null) ??
    checkContactGroupName(name);
  if (refused) return refused;
  try {
    const group = await ctx.groups.update(resourceName, etag, name);
    return { __typename: 'ContactGroupSuccess', group };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleGroupRenameError(error.google, resourceName, etag);
  }
};
