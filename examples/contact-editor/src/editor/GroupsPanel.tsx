import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { PersonForEditDocument } from '../gql/graphql';
import { useContactGroups } from '../groups/useContactGroups';
import { useModifyMembers, type MembersOutcome } from '../groups/useModifyMembers';
import { displayName, groupsOf, type Person } from '../person';

interface GroupsPanelProps {
  /** The contact as the cache holds it now. */
  person: Person;
  /** The contact read again after a change (its memberships and etag are new). */
  onChanged: (person: Person) => void;
}

/**
 * Adds the open contact to a group or removes it, at once (`modifyContactGroupMembers`), unlike
 * the form's "Contact groups" field, which is saved with the form.
 */
export function GroupsPanel({ person, onChanged }: GroupsPanelProps) {
  const { groups, groupName } = useContactGroups();
  const modify = useModifyMembers();
  const client = useApolloClient();
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const id = useId();
  const name = displayName(person);
  const memberOf = groupsOf(person);
  const addable = groups.filter((g) => !memberOf.includes(g.resourceName));

  const change = async (group: string, add: boolean) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const names = [person.resourceName];
    const outcome = await modify(add ? { group, add: names } : { group, remove: names });
    const problem = problemOf(outcome, name);
    if (problem !== null) setError(problem);
    else {
      setNotice(add ? `Added to ${groupName(group)}.` : `Removed from ${groupName(group)}.`);
      setChosen('');
      // The membership changed the contact's etag: read it again for the next save.
      const { data } = await client.query({
        query: PersonForEditDocument,
        variables: { resourceName: person.resourceName },
        fetchPolicy: 'network-only',
      });
      if (data?.person) onChanged(data.person);
    }
    setBusy(false);
  };

  return (
    <section className="groups-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Groups</h2>
      <p className="hint">Changes here apply at once; the form’s Contact groups wait for Save.</p>
      <ul aria-label={`Groups of ${name}`} className="group-chips">
        {memberOf.map((group) => (
          <li key={group}>
            {groupName(group)}{' '}
            <button
              type="button"
              className="secondary small"
              disabled={busy}
              onClick={() => void change(group, false)}
            >
              Remove from {groupName(group)}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <label htmlFor={`${id}-add`}>Add to group</label>
        <select
          id={`${id}-add`}
          value={chosen}
          onChange={(event) => {
            setChosen(event.target.value);
          }}
        >
          <option value="">Choose a group…</option>
          {addable.map((g) => (
            <option key={g.resourceName} value={g.resourceName}>
              {g.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={busy || chosen === ''}
          onClick={() => void change(chosen, true)}
        >
          Add
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="notice">
        {notice}
      </p>
    </section>
  );
}

function problemOf(outcome: MembersOutcome, name: string): string | null {
  if (!outcome.ok) return outcome.message;
  if (outcome.lastGroup.length > 0) {
    return `Not removed: this is the last group of ${name}, and a contact stays in one group at least.`;
  }
  if (outcome.notFound.length > 0) return `Not changed: ${name} was not found.`;
  return null;
}
