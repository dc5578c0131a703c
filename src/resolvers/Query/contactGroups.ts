import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { readUpstream } from '../loadPerson.js';
import { checkPageSize } from './contacts.js';

export const contactGroups: NonNullable<QueryResolvers['contactGroups']> = (
  _parent,
  { pageSize, pageToken },
  ctx,
) => {
  const size = checkPageSize(pageSize, 30);
  return readUpstream(ctx.groups.list(size, pageToken ?? undefined));
};
