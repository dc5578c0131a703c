import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { fromGoogleErrorWithin } from '../../mappers/googleError.js';
import { personFieldsIfSelected } from '../../mappers/selection.js';
import { checkContactResourceName } from '../../mappers/updateContact.js';
import { PeopleApiError } from '../../people/client.js';

export const deleteContactPhoto: NonNullable<MutationResolvers['deleteContactPhoto']> = async (
  _parent,
  { resourceName },
  ctx,
  info,
) => {
  const badName = checkContactResourceName(resourceName);
  if (badName) return badName;
  const personFields = personFieldsIfSelected(info, ['person']);
  try {
    const person = await ctx.people.deleteContactPhoto(resourceName, personFields);
    ctx.personLoader.clearAll();
    return { __typename: 'DeleteContactPhotoSuccess', person };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleErrorWithin(error.google, { resourceName }, [
      'MissingSource',
      'ContactNotFound',
      'RateLimited',
    ]);
  }
};
