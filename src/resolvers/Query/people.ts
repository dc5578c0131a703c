import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { personFieldsFromSelection, toPersonFieldsMask } from '../../mappers/selection.js';
import { isPersonResourceName } from '../../people/resourceNames.js';
import { badResourceName, loadPerson } from '../loadPerson.js';

export const people: NonNullable<QueryResolvers['people']> = (
  _parent,
  { resourceNames },
  ctx,
  info,
) => {
  if (resourceNames.length > ctx.limits.maxPeoplePerQuery) {
    // Each 200 names cost one upstream call: an unbounded list would be a cheap amplifier.
    throw new GraphQLError(
      `people takes at most ${ctx.limits.maxPeoplePerQuery} resource names, not ${resourceNames.length}.`,
      { extensions: { code: 'BAD_USER_INPUT', field: 'resourceNames' } },
    );
  }
  // One bad name refuses the whole field: a caller's mistake, unlike a name that does not resolve.
  if (!resourceNames.every(isPersonResourceName)) throw badResourceName('resourceNames');
  const personFields = toPersonFieldsMask(personFieldsFromSelection(info));
  return Promise.all(resourceNames.map((name) => loadPerson(ctx, name, personFields)));
};
