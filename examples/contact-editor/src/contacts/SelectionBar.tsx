import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { forgetContactListings } from '../contactsCache';
import { DeleteContactsDocument } from '../gql/graphql';
import { useContactGroups } from '../groups/useContactGroups';
import { useModifyMembers } from '../groups/useModifyMembers';
import { errorText, failureText } from '../mutationError';
import type { Selection } from './useSelection';

const contacts = (n: number) => (n === 1 ? '1 contact' : `${n} contacts`);

/**
 * What to do with the selected contacts: add them all to a group (one
 * `modifyContactGroupMembers`) or delete them all (one `deleteContacts`, asked again first).
 */
export function SelectionBar({ selection }: { selection: Selection }) {
  const { groups, groupName } = useContactGroups();
  const modify = useModifyMembers();
  const [deleteContacts] = useMutation(DeleteContactsDocument, { update: forgetContactListings });
  const [group, setGroup] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const id = useId();
  const names = [...selection.names.values()];
  const resourceNames = [...selection.names.keys()];

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setError(await action());
    setBusy(false);
  };

  const addToGroup = () =>
    run(async () => {
      const outcome = await modify({ group, add: resourceNames });
      if (!outcome.ok) return outcome.message;
      const added = resourceNames.length - outcome.notFound.length;
      setNotice(`Added ${contacts(added)} to ${groupName(group)}.`);
      return outcome.notFound.length > 0 ? `Not found: ${outcome.notFound.join(', ')}.` : null;
    });

  const deleteSelected = () =>
    run(async () => {
      try {
        const { data } = await deleteContacts({ variables: { resourceNames } });
        const result = data?.deleteContacts;
        if (result === undefined) return 'No answer.';
        if (result.__typename !== 'DeleteContactsSuccess') {
          const maybe = result.__typename === 'UpstreamUnavailable' && result.mayHaveApplied;
          return errorText(result, maybe ? 'They may have been deleted: ' : 'Not deleted: ');
        }
        setConfirming(false);
        selection.clear();
        setNotice(`Deleted ${contacts(result.resourceNames.length)}.`);
        return null;
      } catch (e) {
        return failureText('Not deleted', e);
      }
    });

  return (
    <div className="selection-bar" role="region" aria-label="Selected contacts">
      {names.length > 0 && (
        <>
          <p>
            {contacts(names.length)} selected: {names.join(', ')}
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
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                setError(null);
                setConfirming(true);
              }}
            >
              Delete selected
            </button>
            <button type="button" className="secondary" onClick={selection.clear}>
              Clear selection
            </button>
          </div>
        </>
      )}
      {error !== null && !confirming && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="notice">
        {notice}
      </p>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${contacts(names.length)}?`}
        confirmLabel="Delete contacts"
        busy={busy}
        error={confirming ? error : null}
        onConfirm={() => void deleteSelected()}
        onCancel={() => {
          setConfirming(false);
        }}
      >
        <p>
          {names.join(', ')} will be deleted from your contacts, in one request. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
