import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { checkContactGroupName } from '../../mappers/contactGroup.js';
import { fromGoogleGroupError } from '../../mappers/googleError.js';
import { PeopleApiError } from '../../people/client.js';

export const createContactGroup: NonNullable<MutationResolvers['createContactGroup']> = async (
  _parent,
  { name },
  ctx,
) => {
  const badName = checkContactGroupName(name);
  if (badName) return badName;
  try {
    const group = await ctx.groups.create(name);
    return { __typename: 'ContactGroupSuccess', group };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleGroupError(error.google, 'contactGroups');
  }
};
