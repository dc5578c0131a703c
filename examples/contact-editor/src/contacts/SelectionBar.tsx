import { useId, useState } from 'react';
import { useContactGroups } from '../groups/useContactGroups';
import { useModifyMembers } from '../groups/useModifyMembers';
import { DeleteSelected } from './DeleteSelected';
import { contactCount, type Selection } from './useSelection';

/**
 * What to do with the selected contacts: add them all to a group (one
 * `modifyContactGroupMembers`) or delete them all (one `deleteContacts`, asked again first).
 */
export function SelectionBar({ selection }: { selection: Selection }) {
  const { groups, groupName } = useContactGroups();
  const modify = useModifyMembers();
  const [group, setGroup] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const id = useId();
  const names = [...selection.names.values()];

  const addToGroup = async () => {
    const resourceNames = [...selection.names.keys()];
    setBusy(true);
    setError(null);
    setNotice(null);
    const outcome = await modify({ group, add: resourceNames });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    const added = resourceNames.length - outcome.notFound.length;
    setNotice(`Added ${contactCount(added)} to ${groupName(group)}.`);
    if (outcome.notFound.length > 0) setError(`Not found: ${outcome.notFound.join(', ')}.`);
  };

  return (
    <div className="selection-bar" role="region" aria-label="Selected contacts">
      {names.length > 0 && (
        <>
          <p>
            {contactCount(names.length)} selected: {names.join(', ')}
          </p>
          <div className="actions">
            <label htmlFor={`${id}-group`}>Group</label>
            <select
              id={`${id}-group`}
              value={group}
              onChange={(event) => {
                setGroup(event.target.value);
              }}
            >
              <option value="">Choose a group…</option>
              {groups.map((g) => (
                <option key={g.resourceName} value={g.resourceName}>
                  {g.label}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy || group === ''} onClick={() => void addToGroup()}>
              Add to group
            </button>
            <DeleteSelected
              selected={selection.names}
              disabled={busy}
              onDeleted={(message) => {
                selection.clear();
                setError(null);
                setNotice(message);
              }}
            />
            <button type="button" className="secondary" onClick={selection.clear}>
              Clear selection
            </button>
          </div>
        </>
      )}
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="notice">
        {notice}
      </p>
    </div>
  );
}
