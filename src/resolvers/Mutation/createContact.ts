import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { toCreateContactRequest } from '../../mappers/createContact.js';
import { fromGoogleErrorWithin } from '../../mappers/googleError.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { PeopleApiError } from '../../people/client.js';

export const createContact: NonNullable<MutationResolvers['createContact']> = async (
  _parent,
  { input },
  ctx,
  info,
) => {
  const personFields = toPersonFieldsMask(personFieldsFromSelection(info, ['person']));
  const built = toCreateContactRequest(input, personFields);
  if ('error' in built) return built.error;
  try {
    const person = await ctx.people.createContact(built.request);
    return { __typename: 'CreateContactSuccess', person };
  } catch (error) {
    if (!(error instanceof PeopleApiError)) throw error;
    return fromGoogleErrorWithin(
      error.google,
      { resourceName: 'people:createContact', countOf: (field) => input[field]?.length ?? 0 },
      ['SingletonViolation', 'RateLimited'],
    );
  }
};
