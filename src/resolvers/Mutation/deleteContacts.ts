import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { checkDeleteNames, fromDeleteOutcome } from '../../mappers/deleteContacts.js';
import { batchDeleteContacts } from '../../people/deleteContacts.js';

export const deleteContacts: NonNullable<MutationResolvers['deleteContacts']> = async (
  _parent,
  { resourceNames },
  ctx,
) => {
  const checked = checkDeleteNames(resourceNames);
  if ('error' in checked) return checked.error;
  const outcome = await batchDeleteContacts(ctx.people, checked.names);
  if (outcome.deleted.length > 0 || outcome.failure) ctx.personLoader.clearAll();
  return fromDeleteOutcome(outcome);
};
