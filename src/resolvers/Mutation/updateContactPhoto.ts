import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { fromGooglePhotoError } from '../../mappers/googleError.js';
import { checkPhoto, toUpdateContactPhotoRequest } from '../../mappers/photo.js';
import { personFieldsIfSelected } from '../../mappers/selection.js';
import { checkContactResourceName } from '../../mappers/updateContact.js';
import { PeopleApiError } from '../../people/client.js';

export const updateContactPhoto: NonNullable<MutationResolvers['updateContactPhoto']> = async (
  _parent,
  { input },
  ctx,
  info,
) => {
  const badName = checkContactResourceName(input.resourceName);
  if (badName) return badName;
  const checked = checkPhoto(input.photoBytes, ctx.limits.maxPhotoBytes);
  if ('error' in checked) return checked.error;
  const personFields = personFieldsIfSelected(info, ['person']);
  try {
    const person = await ctx.people.updateContactPhoto(
      toUpdateContactPhotoRequest(input.resourceName, checked.bytes, personFields),
    );
    ctx.personLoader.clearAll();
    return { __typename: 'UpdateContactPhotoSuccess', person };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGooglePhotoError(error.google, input.resourceName);
  }
};
