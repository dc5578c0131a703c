import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { toUpdateContactsRequest } from '../../mappers/batchRequests.js';
import { fromUpdateOutcome } from '../../mappers/batchResults.js';
import {
  personFieldsFromSelection,
  selectsField,
  toPersonFieldsMask,
} from '../../mappers/selection.js';
import { toUpdateContactRequest } from '../../mappers/updateContact.js';
import { batchUpdateContacts } from '../../people/batchContacts.js';
import { isEtagFailure } from '../../people/googleError.js';
import { mergeStaleItem } from '../sendUpdate.js';

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
  const conflictFields = selectsField(info, ['results', 'current'])
    ? toPersonFieldsMask(personFieldsFromSelection(info, ['results', 'current']))
    : undefined;
  const results = items.map(async (item, i) => {
    if ('error' in item) return item.error;
    const input = inputs[i];
    const outcome = outcomes[item.contact];
    if (!input || !outcome) throw new Error('updateContacts: an input without its outcome');
    // A stale etag with what the client read: merged on its own, as updateContact merges.
    if (input.previous && outcome.kind === 'refused' && isEtagFailure(outcome.error)) {
      const built = toUpdateContactRequest(input, mask, readMask);
      const options = { staleEtag: outcome.error, ...(conflictFields ? { conflictFields } : {}) };
      if (!('error' in built)) return mergeStaleItem(ctx, input, built, options);
    }
    return fromUpdateOutcome(outcome, {
      resourceName: input.resourceName,
      sentEtag: input.etag,
      countOf: (field) => input[field]?.length ?? 0,
    });
  });
  return { results: await Promise.all(results) };
};
