import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { fromGoogleError } from '../../mappers/googleError.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { toUpdateContactRequest } from '../../mappers/updateContact.js';
import { PeopleApiError } from '../../people/client.js';

export const updateContact: NonNullable<MutationResolvers['updateContact']> = async (
  _parent,
  { input, mask },
  ctx,
  info,
) => {
  const personFields = toPersonFieldsMask(personFieldsFromSelection(info, ['person']));
  const built = toUpdateContactRequest(input, mask, personFields);
  if ('error' in built) return built.error;
  try {
    const person = await ctx.people.updateContact(built.request);
    ctx.personLoader.clearAll();
    return { __typename: 'UpdateContactSuccess', person };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleError(error.google, {
      resourceName: input.resourceName,
      sentEtag: input.etag,
      countOf: (field) => input[field]?.length ?? 0,
    });
  }
};
