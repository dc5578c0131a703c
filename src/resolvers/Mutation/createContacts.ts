import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { toCreateContactsRequest } from '../../mappers/batchRequests.js';
import { fromCreateOutcome } from '../../mappers/batchResults.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { batchCreateContacts } from '../../people/batchContacts.js';

export const createContacts: NonNullable<MutationResolvers['createContacts']> = async (
  _parent,
  { inputs },
  ctx,
  info,
) => {
  const readMask = toPersonFieldsMask(personFieldsFromSelection(info, ['results', 'person']));
  const { items, request } = toCreateContactsRequest(inputs, readMask);
  const outcomes =
    request.contacts.length > 0 ? await batchCreateContacts(ctx.people, request) : [];
  const results = items.map((item, i) => {
    if ('error' in item) return item.error;
    const input = inputs[i];
    const outcome = outcomes[item.contact];
    if (!input || !outcome) throw new Error('createContacts: an input without its outcome');
    return fromCreateOutcome(outcome, {
      resourceName: 'people:batchCreateContacts',
      countOf: (field) => input[field]?.length ?? 0,
    });
  });
  return { results };
};
