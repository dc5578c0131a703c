import type { MutationResolvers } from '../../generated/resolvers-types.js';
import {
  personFieldsFromSelection,
  selectsField,
  toPersonFieldsMask,
} from '../../mappers/selection.js';
import { toUpdateContactRequest } from '../../mappers/updateContact.js';
import { sendUpdate } from '../sendUpdate.js';

export const updateContact: NonNullable<MutationResolvers['updateContact']> = async (
  _parent,
  { input, mask },
  ctx,
  info,
) => {
  const personFields = toPersonFieldsMask(personFieldsFromSelection(info, ['person']));
  const built = toUpdateContactRequest(input, mask, personFields);
  if ('error' in built) return built.error;
  // What a selected EtagConflict.current reads, so the update's own read can answer it.
  if (!selectsField(info, ['current'])) return sendUpdate(ctx, input, built);
  const conflictFields = toPersonFieldsMask(personFieldsFromSelection(info, ['current']));
  return sendUpdate(ctx, input, built, { conflictFields });
};
