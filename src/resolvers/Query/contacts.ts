import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { contactsInGroup } from '../contactsInGroup.js';
import { readUpstream } from '../loadPerson.js';

/** connections.list: "Valid values are between 1 and 1000, inclusive." */
export function checkPageSize(pageSize: number | null | undefined, fallback: number): number {
  const size = pageSize ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new GraphQLError(`pageSize must be from 1 to 1000, not ${size}.`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'pageSize' },
    });
  }
  return size;
}

export const contacts: NonNullable<QueryResolvers['contacts']> = (
  _parent,
  { pageSize, pageToken, group },
  ctx,
  info,
) => {
  const size = checkPageSize(pageSize, 100);
  const personFields = toPersonFieldsMask(personFieldsFromSelection(info, ['persons']));
  if (group !== null && group !== undefined) {
    return contactsInGroup(ctx, group, size, pageToken, personFields);
  }
  return readUpstream(ctx.people.listConnections(size, pageToken ?? undefined, personFields));
};
