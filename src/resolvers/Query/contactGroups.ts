import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { toGraphQLError } from '../../mappers/googleError.js';
import { PeopleApiError } from '../../people/client.js';
import { checkPageSize } from './contacts.js';

export const contactGroups: NonNullable<QueryResolvers['contactGroups']> = async (
  _parent,
  { pageSize, pageToken },
  ctx,
) => {
  const size = checkPageSize(pageSize, 30);
  try {
    return await ctx.people.listContactGroups(size, pageToken ?? undefined);
  } catch (error) {
    if (error instanceof PeopleApiError) throw toGraphQLError(error.google);
    throw error;
  }
};
