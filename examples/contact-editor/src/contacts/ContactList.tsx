import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { displayName, shownPhoto, type Person } from '../person';
import { ContactListDocument } from '../gql/graphql';
import { hrefOf } from '../route';
import { ErrorMessage } from '../ErrorMessage';

export const PAGE_SIZE = 10;

/** Whether a contact matches the search: any word of its names, emails or phone numbers. */
export function matches(person: Person, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  const haystack = [
    ...person.names.flatMap((n) => [n.displayName, n.givenName, n.familyName]),
    ...person.emailAddresses.map((e) => e.value),
    ...person.phoneNumbers.map((p) => p.value),
  ];
  return haystack.some((value) => value?.toLowerCase().includes(needle) === true);
}

/**
 * The signed-in user's contacts, a page at a time ("Load more" appends the next page). The
 * search filters the pages loaded so far: the gateway has no search query.
 */
export function ContactList() {
  const { data, error, networkStatus, fetchMore } = useQuery(ContactListDocument, {
    variables: { pageSize: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const [search, setSearch] = useState('');
  const id = useId();
  const page = data?.contacts;
  const shown = page?.persons.filter((person) => matches(person, search)) ?? [];
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  return (
    <section aria-labelledby={`${id}-title`}>
      <div className="view-header">
        <h1 id={`${id}-title`}>Contacts</h1>
        <a className="button" href={hrefOf({ view: 'create' })}>
          New contact
        </a>
      </div>
      <div className="search">
        <label htmlFor={`${id}-search`}>Search loaded contacts</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          aria-describedby={`${id}-count`}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
        />
      </div>
      {error && <ErrorMessage error={error} />}
      {page === undefined ? (
        !error && <p role="status">Loading contacts…</p>
      ) : (
        <>
          <p id={`${id}-count`} role="status" className="hint">
            {search.trim() === ''
              ? `Showing ${page.persons.length} of ${page.totalItems} contacts.`
              : `${shown.length} of the ${page.persons.length} loaded contacts match (${page.totalItems} in all).`}
          </p>
          <ul className="contact-list" aria-label="Contacts">
            {shown.map((person) => (
              <li key={person.resourceName}>
                <a href={hrefOf({ view: 'edit', resourceName: person.resourceName })}>
                  <Avatar person={person} />
                  <span className="contact-name">{displayName(person)}</span>
                  <span className="contact-detail">
                    {person.emailAddresses[0]?.value ?? person.phoneNumbers[0]?.value ?? ''}
                  </span>
                </a>
              </li>
            ))}
          </ul>
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
    </section>
  );
}

function Avatar({ person }: { person: Person }) {
  const photo = shownPhoto(person);
  // Decorative: the name next to it says who it is.
  return photo ? <img className="avatar" src={photo.url} alt="" width={32} height={32} /> : null;
}
