import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { forgetContactListings } from '../contactsCache';
import { DeleteContactGroupDocument } from '../gql/graphql';
import { errorText, failureText } from '../mutationError';
import { groupLabel, type Group } from './useContactGroups';

/** "Delete" for a user group, asked again in a dialog that can also delete its contacts. */
export function DeleteGroup({
  group,
  onDeleted,
}: {
  group: Group;
  onDeleted: (notice: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [withContacts, setWithContacts] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleteGroup] = useMutation(DeleteContactGroupDocument);
  const id = useId();
  const label = groupLabel(group);
  const members = group.memberCount === 1 ? '1 contact' : `${group.memberCount} contacts`;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await deleteGroup({
        variables: { resourceName: group.resourceName, deleteContacts: withContacts },
        update(cache, { data: answer }) {
          if (answer?.deleteContactGroup.__typename !== 'DeleteContactGroupSuccess') return;
          // Lists drop the group (a dangling reference); listings of contacts are read again.
          cache.evict({ id: cache.identify({ __typename: 'ContactGroup', ...group }) });
          forgetContactListings(cache);
        },
      });
      const result = data?.deleteContactGroup;
      if (result?.__typename === 'DeleteContactGroupSuccess') {
        setOpen(false);
        onDeleted(`Deleted the group “${label}”${withContacts ? ` and its ${members}` : ''}.`);
      } else if (result !== undefined) setError(errorText(result, 'Not deleted: '));
    } catch (e) {
      setError(failureText('Not deleted', e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="danger secondary"
        aria-label={`Delete ${label}`}
        onClick={() => {
          setError(null);
          setWithContacts(false);
          setOpen(true);
        }}
      >
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete the group “${label}”?`}
        confirmLabel="Delete group"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setOpen(false);
        }}
      >
        <p>Its {members} stay in your contacts unless you also delete them.</p>
        <div className="checkbox">
          <input
            id={`${id}-contacts`}
            type="checkbox"
            checked={withContacts}
            onChange={(event) => {
              setWithContacts(event.target.checked);
            }}
          />
          <label htmlFor={`${id}-contacts`}>Also delete its {members}</label>
        </div>
      </ConfirmDialog>
    </>
  );
}
