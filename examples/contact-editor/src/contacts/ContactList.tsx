import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { LIST_PAGE_SIZE } from '../contactsCache';
import { ErrorMessage } from '../ErrorMessage';
import { ContactListDocument } from '../gql/graphql';
import { groupLabel, useContactGroups } from '../groups/useContactGroups';
import { hrefOf } from '../route';
import { ContactRows } from './ContactRows';
import type { Selection } from './useSelection';

/**
 * The signed-in user's contacts, or one group's members, a page at a time ("Load more" appends
 * the next page).
 */
export function ContactList({ group, selection }: { group?: string; selection: Selection }) {
  const { data, error, networkStatus, fetchMore } = useQuery(ContactListDocument, {
    variables: { pageSize: LIST_PAGE_SIZE, ...(group === undefined ? {} : { group }) },
    notifyOnNetworkStatusChange: true,
  });
  const { groupName } = useContactGroups();
  const page = data?.contacts;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const inGroup = group === undefined ? '' : ` in ${groupName(group)}`;

  return (
    <>
      <GroupFilter group={group} />
      {error && <ErrorMessage error={error} />}
      {page === undefined ? (
        !error && <p role="status">Loading contacts…</p>
      ) : (
        <>
          <p role="status" className="hint">
            Showing {page.persons.length} of {page.totalItems} contacts{inGroup}.
          </p>
          <ContactRows persons={page.persons} selection={selection} />
          {page.nextPageToken !== null && (
            <button
              type="button"
              disabled={loadingMore}
              onClick={() => {
                void fetchMore({ variables: { pageToken: page.nextPageToken } });
              }}
            >
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** Google's system group of every contact: "All contacts" already lists them. */
const ALL_GROUP = 'contactGroups/all';

/** Links to all contacts and to each group's members (`contacts(group:)`). */
function GroupFilter({ group }: { group: string | undefined }) {
  const { all } = useContactGroups();
  const link = (target: string | undefined, label: string) => (
    <li key={target ?? ''}>
      <a
        href={hrefOf({ view: 'list', ...(target === undefined ? {} : { group: target }) })}
        aria-current={target === group ? 'page' : undefined}
      >
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label="Show contacts of" className="group-filter">
      <ul>
        {link(undefined, 'All contacts')}
        {all
          .filter((g) => g.resourceName !== ALL_GROUP)
          .filter((g) => g.memberCount > 0 || g.groupType === 'USER_CONTACT_GROUP')
          .map((g) => link(g.resourceName, `${groupLabel(g)} (${g.memberCount})`))}
      </ul>
    </nav>
  );
}
