import { useMutation } from '@apollo/client/react';
import { useId, useState, type SubmitEvent } from 'react';
import { ContactGroupsDocument, CreateContactGroupDocument } from '../gql/graphql';
import { errorText, failureText } from '../mutationError';

/** A new contact group (`createContactGroup`); the group list is read again to show it. */
export function CreateGroupForm({ onCreated }: { onCreated: (notice: string) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [create] = useMutation(CreateContactGroupDocument, {
    refetchQueries: [ContactGroupsDocument],
    awaitRefetchQueries: true,
  });
  const id = useId();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    if (name.trim() === '') {
      setError('Give the group a name.');
      return;
    }
    setBusy(true);
    try {
      const { data } = await create({ variables: { name: name.trim() } });
      const result = data?.createContactGroup;
      if (result?.__typename === 'ContactGroupSuccess') {
        setName('');
        onCreated(`Created the group “${result.group.name ?? name}”.`);
      } else if (result !== undefined) setError(errorText(result, 'Not created: '));
    } catch (e) {
      setError(failureText('Not created', e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="row" onSubmit={(event) => void submit(event)} aria-label="New group">
      <div className="text-field">
        <label htmlFor={`${id}-name`}>New group name</label>
        <input
          id={`${id}-name`}
          value={name}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
      </div>
      <button type="submit" disabled={busy}>
        Create group
      </button>
      {error !== null && (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
