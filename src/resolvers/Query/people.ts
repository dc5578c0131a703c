import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { loadPerson } from '../loadPerson.js';

export const people: NonNullable<QueryResolvers['people']> = (
  _parent,
  { resourceNames },
  ctx,
  info,
) => {
  const personFields = toPersonFieldsMask(personFieldsFromSelection(info));
  return Promise.all(resourceNames.map((name) => loadPerson(ctx, name, personFields)));
};
