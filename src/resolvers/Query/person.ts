import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { isPersonResourceName } from '../../people/resourceNames.js';
import { badResourceName, loadPerson } from '../loadPerson.js';

export const person: NonNullable<QueryResolvers['person']> = (
  _parent,
  { resourceName },
  ctx,
  info,
) => {
  if (!isPersonResourceName(resourceName)) throw badResourceName('resourceName');
  return loadPerson(ctx, resourceName, toPersonFieldsMask(personFieldsFromSelection(info)));
};
