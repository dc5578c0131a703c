/** The Apollo Client of the editor: bearer token per request, typed cache, auth failures surfaced. */
import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  ServerError,
  type ErrorLike,
  type FieldPolicy,
  type Reference,
} from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import possibleTypesResult from '../../../src/generated/possible-types.js';

interface ContactPageInCache {
  persons: readonly Reference[];
  nextPageToken: string | null;
  totalItems: number;
}

/**
 * `contacts` pages are appended as the list loads more; a first page starts the list anew. All
 * contacts and each group's members are listings of their own.
 */
const contactPages: FieldPolicy<ContactPageInCache> = {
  keyArgs: ['pageSize', 'group'],
  merge(existing, incoming, { args }) {
    if (existing === undefined || typeof args?.['pageToken'] !== 'string') return incoming;
    return { ...incoming, persons: [...existing.persons, ...incoming.persons] };
  },
};

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    // Fragments on the result unions (`... on EtagConflict`) need to know their members.
    possibleTypes: possibleTypesResult.possibleTypes,
    typePolicies: {
      Person: { keyFields: ['resourceName'] },
      ContactGroup: { keyFields: ['resourceName'] },
      Query: { fields: { contacts: contactPages } },
    },
  });
}

/** Whether the gateway refused the caller's credentials (top-level `UNAUTHENTICATED`). */
export function isUnauthenticated(error: ErrorLike): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
  }
  return ServerError.is(error) && error.statusCode === 401;
}

export interface ClientOptions {
  uri: string;
  /** The bearer token to send until `setToken` changes it. */
  token: string;
  onUnauthenticated: () => void;
}

export interface Session {
  client: ApolloClient;
  /** Sends another bearer token from the next request on. */
  setToken: (token: string) => void;
}

export function createSession({ uri, token, onUnauthenticated }: ClientOptions): Session {
  let current = token;
  const auth = new SetContextLink((prevContext) => {
    const value = current.trim();
    const headers = (prevContext['headers'] ?? {}) as Record<string, string>;
    return { headers: value === '' ? headers : { ...headers, authorization: `Bearer ${value}` } };
  });
  const errors = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error)) onUnauthenticated();
  });
  const client = new ApolloClient({
    link: ApolloLink.from([errors, auth, new HttpLink({ uri })]),
    cache: createCache(),
  });
  return {
    client,
    setToken: (next) => {
      current = next;
    },
  };
}
