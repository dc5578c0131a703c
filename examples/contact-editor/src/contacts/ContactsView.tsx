import { useId } from 'react';
import { hrefOf, type Route } from '../route';
import { ContactList } from './ContactList';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { SelectionBar } from './SelectionBar';
import { useSelection } from './useSelection';

type ContactsRoute = Extract<Route, { view: 'list' } | { view: 'search' }>;

/**
 * The contacts: all, one group's, or a search's results. The search box stays across them (it
 * keeps focus after a search); the selection belongs to the listing shown.
 */
export function ContactsView({ route }: { route: ContactsRoute }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <div className="view-header">
        <h1 id={`${id}-title`}>Contacts</h1>
        <div className="actions">
          <a href={hrefOf({ view: 'groups' })}>Manage groups</a>
          <a className="button" href={hrefOf({ view: 'create' })}>
            New contact
          </a>
        </div>
      </div>
      <SearchForm query={route.view === 'search' ? route.query : ''} />
      <SelectableContacts key={hrefOf(route)} route={route} />
    </section>
  );
}

function SelectableContacts({ route }: { route: ContactsRoute }) {
  const selection = useSelection();
  return (
    <>
      <SelectionBar selection={selection} />
      {route.view === 'search' ? (
        <SearchResults query={route.query} selection={selection} />
      ) : (
        <ContactList group={route.group} selection={selection} />
      )}
    </>
  );
}
