import type { EtagConflictResolvers } from '../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../mappers/selection.js';
import { loadPerson } from './loadPerson.js';

export const EtagConflict: EtagConflictResolvers = {
  // Read only when selected, through the request's loader (one getBatchGet for all reads).
  current: (conflict, _args, ctx, info) =>
    loadPerson(ctx, conflict.resourceName, toPersonFieldsMask(personFieldsFromSelection(info))),
};
