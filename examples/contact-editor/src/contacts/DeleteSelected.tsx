import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { forgetContactListings } from '../contactsCache';
import { DeleteContactsDocument } from '../gql/graphql';
import { errorText, failureText } from '../mutationError';
import { contactCount } from './useSelection';

interface DeleteSelectedProps {
  /** Resource name → name of the selected contacts. */
  selected: ReadonlyMap<string, string>;
  disabled: boolean;
  onDeleted: (notice: string) => void;
}

/** "Delete selected", asked again in a dialog, then one `deleteContacts` for them all. */
export function DeleteSelected({ selected, disabled, onDeleted }: DeleteSelectedProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleteContacts] = useMutation(DeleteContactsDocument, { update: forgetContactListings });
  const names = [...selected.values()];

  const attempt = async (): Promise<string | null> => {
    try {
      const { data } = await deleteContacts({ variables: { resourceNames: [...selected.keys()] } });
      const result = data?.deleteContacts;
      if (result === undefined) return 'No answer.';
      if (result.__typename !== 'DeleteContactsSuccess') {
        const maybe = result.__typename === 'UpstreamUnavailable' && result.mayHaveApplied;
        return errorText(result, maybe ? 'They may have been deleted: ' : 'Not deleted: ');
      }
      setOpen(false);
      onDeleted(`Deleted ${contactCount(result.resourceNames.length)}.`);
      return null;
    } catch (e) {
      return failureText('Not deleted', e);
    }
  };

  const confirm = async () => {
    setBusy(true);
    setError(await attempt());
    setBusy(false);
  };

  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={disabled}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Delete selected
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${contactCount(names.length)}?`}
        confirmLabel="Delete contacts"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setOpen(false);
        }}
      >
        <p>
          {names.join(', ')} will be deleted from your contacts, in one request. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
