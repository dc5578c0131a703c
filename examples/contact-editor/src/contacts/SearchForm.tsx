import { useId, useState, type SubmitEvent } from 'react';
import { navigate } from '../route';

/**
 * Searches all of the user's contacts on the server (`searchContacts`), not the loaded pages:
 * one request per search, sent with "Search" or Enter.
 */
export function SearchForm({ query }: { query: string }) {
  const [text, setText] = useState(query);
  const [shown, setShown] = useState(query);
  const id = useId();
  // The route changed (another search, "Clear search"): the box shows its query.
  if (shown !== query) {
    setShown(query);
    setText(query);
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    navigate(trimmed === '' ? { view: 'list' } : { view: 'search', query: trimmed });
  };
  return (
    <form role="search" aria-label="Contacts" className="search" onSubmit={submit}>
      <label htmlFor={`${id}-search`}>Search all contacts</label>
      <input
        id={`${id}-search`}
        type="search"
        value={text}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
      <button type="submit">Search</button>
      <p id={`${id}-hint`} className="hint">
        Searched on the server among all your contacts: names, nicknames, email addresses, phone
        numbers and organizations, matched from the start of words.
      </p>
    </form>
  );
}
