import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { forgetContactListings } from '../contactsCache';
import { useGoWithNotice } from '../flash';
import { DeleteContactDocument } from '../gql/graphql';
import { errorText, failureText } from '../mutationError';

/** "Delete contact", asked again in a dialog; once deleted, the list says so. */
export function DeleteContact({ resourceName, name }: { resourceName: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const goWithNotice = useGoWithNotice();
  const [deleteContact] = useMutation(DeleteContactDocument, {
    // Only the listings: the open editor's own query must not read the contact again.
    update: forgetContactListings,
  });

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await deleteContact({ variables: { resourceName } });
      const result = data?.deleteContact;
      if (result === undefined) return;
      if (result.__typename === 'DeleteContactSuccess') {
        setOpen(false);
        goWithNotice({ view: 'list' }, `Deleted ${name}.`);
      } else setError(errorText(result, 'Not deleted: '));
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
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Delete contact
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${name}?`}
        confirmLabel="Delete contact"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setOpen(false);
        }}
      >
        <p>
          {name} and everything saved with this contact are deleted from your contacts. A linked
          Google profile stays. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
