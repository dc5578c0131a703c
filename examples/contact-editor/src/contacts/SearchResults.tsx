import { useQuery } from '@apollo/client/react';
import { ErrorMessage } from '../ErrorMessage';
import { SearchContactsDocument } from '../gql/graphql';
import { hrefOf } from '../route';
import { ContactRows } from './ContactRows';
import type { Selection } from './useSelection';

/** Google returns 30 matches at most (`searchContacts` pageSize), and no further pages. */
export const SEARCH_LIMIT = 30;

/**
 * The contacts the server finds for `query` among all of the user's contacts, not only the
 * loaded pages. Read anew each time: the results follow the contacts, not the cache.
 */
export function SearchResults({ query, selection }: { query: string; selection: Selection }) {
  const { data, error } = useQuery(SearchContactsDocument, {
    variables: { query, pageSize: SEARCH_LIMIT },
    fetchPolicy: 'network-only',
  });
  const found = data?.searchContacts;
  const count = found?.length ?? 0;
  return (
    <>
      <p>
        <a href={hrefOf({ view: 'list' })}>Clear search</a>
      </p>
      {error && <ErrorMessage error={error} />}
      {found === undefined ? (
        !error && <p role="status">Searching…</p>
      ) : (
        <>
          <p role="status" className="hint">
            {count === 1 ? '1 contact matches' : `${count} contacts match`} “{query}”.
            {count === SEARCH_LIMIT &&
              ` These are the first ${SEARCH_LIMIT}: add words to narrow it.`}
          </p>
          <ContactRows persons={found} selection={selection} />
        </>
      )}
    </>
  );
}
