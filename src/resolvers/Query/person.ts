import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { loadPerson } from '../loadPerson.js';

export const person: NonNullable<QueryResolvers['person']> = (
  _parent,
  { resourceName },
  ctx,
  info,
) => loadPerson(ctx, resourceName, toPersonFieldsMask(personFieldsFromSelection(info)));
