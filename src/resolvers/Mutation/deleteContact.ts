import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { fromGoogleErrorWithin } from '../../mappers/googleError.js';
import { checkContactResourceName } from '../../mappers/updateContact.js';
import { PeopleApiError } from '../../people/client.js';
import { deleteContact as deleteUpstream } from '../../people/deleteContacts.js';

export const deleteContact: NonNullable<MutationResolvers['deleteContact']> = async (
  _parent,
  { resourceName },
  ctx,
) => {
  const badName = checkContactResourceName(resourceName);
  if (badName) return badName;
  try {
    await deleteUpstream(ctx.people, resourceName);
    ctx.personLoader.clearAll();
    return { __typename: 'DeleteContactSuccess', resourceName };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleErrorWithin(error.google, { resourceName }, [
      'ContactNotFound',
      'MissingSource',
      'RateLimited',
    ]);
  }
};
