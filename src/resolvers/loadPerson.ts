import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { toGraphQLError } from '../mappers/googleError.js';
import { PeopleApiError } from '../people/client.js';
import { PERSON_RESOURCE_NAME_GRAMMAR } from '../people/resourceNames.js';
import type { Person } from '../people/types.js';

/** A read's upstream failure becomes a coded GraphQL error (reads have no result union). */
export async function readUpstream<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof PeopleApiError) throw toGraphQLError(error.google);
    throw error;
  }
}

/** One person through the request's loader. */
export function loadPerson(
  ctx: GatewayContext,
  resourceName: string,
  personFields: string,
): Promise<Person | null> {
  return readUpstream(ctx.personLoader.load({ resourceName, personFields }));
}

/**
 * A read argument outside the grammar is the caller's mistake: a coded error before any upstream
 * call that states the grammar, never the string (it can be long or crafted).
 */
export function badResourceName(argument: string): GraphQLError {
  return new GraphQLError(
    `Refused ${argument}: a person's resource name is ${PERSON_RESOURCE_NAME_GRAMMAR}.`,
    { extensions: { code: 'BAD_USER_INPUT', field: argument } },
  );
}
