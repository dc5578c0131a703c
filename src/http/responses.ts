/** JSON answers the HTTP layer writes itself, in the GraphQL over HTTP error shape. */
import type { ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Iterable<[string, string]> = [],
): void {
  res.writeHead(status, {
    ...Object.fromEntries(headers),
    'content-type': 'application/json; charset=utf-8',
  });
  res.end(JSON.stringify(body));
}

/** `{ errors: [...] }` with a code and the request id, as Apollo's own errors carry them. */
export function errorBody(
  message: string,
  code: string,
  requestId: string,
): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code, requestId } }] };
}
