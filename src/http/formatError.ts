import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export function httpStatusOf(error: GraphQLError): number | undefined {
  const http = error.extensions['http'];
  const status =
    typeof http === 'object' && http !== null ? (http as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/**
 * graphql-js stops coercing variables after 50 errors with an error of its own
 * (https://github.com/graphql/graphql-js/blob/v16.15.0/src/execution/values.ts), which lacks the
 * variable node Apollo looks for to code it BAD_USER_INPUT: it is as much the client's mistake.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached.';

/** Hides what is not a deliberate GraphQL error: no internals, tokens or stacks reach clients. */
export function formatError(production: boolean) {
  return (given: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let formatted = given;
    const original = unwrapResolverError(error);
    if (
      formatted.extensions?.['code'] === 'INTERNAL_SERVER_ERROR' &&
      original instanceof GraphQLError &&
      original.message.startsWith(VARIABLE_ERROR_LIMIT)
    ) {
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
    }
    // Apollo's persisted-query refusals are 400s that carry no code: they are the client's.
    const status = original instanceof GraphQLError ? httpStatusOf(original) : undefined;
    if (
      formatted.extensions?.['code'] === 'INTERNAL_SERVER_ERROR' &&
      status !== undefined &&
      status < 500
    ) {
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    }
    if (
      original instanceof GraphQLError ||
      formatted.extensions?.['code'] !== 'INTERNAL_SERVER_ERROR'
    ) {
      return production
        ? { ...formatted, extensions: { ...formatted.extensions, stacktrace: undefined } }
        : formatted;
    }
    // The cause is logged (with the request id) by the logging plugin, never sent.
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
