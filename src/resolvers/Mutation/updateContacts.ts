import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { toUpdateContactsRequest } from '../../mappers/batchRequests.js';
import { fromUpdateOutcome } from '../../mappers/batchResults.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { batchUpdateContacts } from '../../people/batchContacts.js';

export const updateContacts: NonNullable<MutationResolvers['updateContacts']> = async (
  _parent,
  { inputs, mask },
  ctx,
  info,
) => {
  const readMask = toPersonFieldsMask(personFieldsFromSelection(info, ['results', 'person']));
  const { items, request } = toUpdateContactsRequest(inputs, mask, readMask);
  const outcomes =
    request.contacts.length > 0 ? await batchUpdateContacts(ctx.people, request) : [];
  if (outcomes.length > 0) ctx.personLoader.clearAll();
  const results = items.map((item, i) => {
    if ('error' in item) return item.error;
    const input = inputs[i];
    const outcome = outcomes[item.contact];
    if (!input || !outcome) throw new Error('updateContacts: an input without its outcome');
    return fromUpdateOutcome(outcome, {
      resourceName: input.resourceName,
      sentEtag: input.etag,
      countOf: (field) => input[field]?.length ?? 0,
    });
  });
  return { results };
};
