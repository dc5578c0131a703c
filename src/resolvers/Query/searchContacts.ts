import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { SEARCH_PAGE_SIZE_LIMIT } from '../../people/search.js';
import { readUpstream } from '../loadPerson.js';

/** An explicit null overrides the schema's default of 10. */
function orDefault(pageSize: number | null): number {
  return pageSize ?? 10;
}

export const searchContacts: NonNullable<QueryResolvers['searchContacts']> = (
  _parent,
  { query, pageSize },
  ctx,
  info,
) => {
  const size = orDefault(pageSize);
  if (!Number.isInteger(size) || size < 1 || size > SEARCH_PAGE_SIZE_LIMIT) {
    throw new GraphQLError(`pageSize must be from 1 to ${SEARCH_PAGE_SIZE_LIMIT}, not ${size}.`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'pageSize' },
    });
  }
  const readMask = toPersonFieldsMask(personFieldsFromSelection(info));
  return readUpstream(ctx.search.contacts(query, size, readMask));
};
