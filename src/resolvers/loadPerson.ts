import type { GatewayContext } from '../context.js';
import { toGraphQLError } from '../mappers/googleError.js';
import { PeopleApiError } from '../people/client.js';
import type { Person } from '../people/types.js';

/** One person through the request's loader; an upstream failure becomes a coded GraphQL error. */
export async function loadPerson(
  ctx: GatewayContext,
  resourceName: string,
  personFields: string,
): Promise<Person | null> {
  try {
    return await ctx.personLoader.load({ resourceName, personFields });
  } catch (error) {
    if (error instanceof PeopleApiError) throw toGraphQLError(error.google);
    throw error;
  }
}
