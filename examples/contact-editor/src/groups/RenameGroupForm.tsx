import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { RenameContactGroupDocument, type RenameContactGroupMutation } from '../gql/graphql';
import { errorText, failureText } from '../mutationError';
import { groupLabel, type Group } from './useContactGroups';

type RenameResult = RenameContactGroupMutation['updateContactGroup'];

interface RenameGroupFormProps {
  group: Group;
  /** Finished: with a notice to show, or null when cancelled. */
  onDone: (notice: string | null) => void;
}

/**
 * Renames a group at the version read (its etag). When it changed meanwhile
 * (`GroupEtagConflict`), shows its current name and lets the person rename it anyway, on the
 * current etag, or keep it.
 */
export function RenameGroupForm({ group, onDone }: RenameGroupFormProps) {
  const [read] = useState(group);
  const [name, setName] = useState(groupLabel(group));
  const [current, setCurrent] = useState<Group | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rename] = useMutation(RenameContactGroupDocument);
  const id = useId();

  const outcome = (result: RenameResult) => {
    switch (result.__typename) {
      case 'ContactGroupSuccess':
        onDone(`Renamed “${groupLabel(read)}” to “${groupLabel(result.group)}”.`);
        break;
      case 'GroupEtagConflict':
        // The cache now holds the group as it is (keyed by resourceName): the list shows it too.
        if (result.current === null) setError(`${result.message} It was deleted.`);
        else setCurrent(result.current);
        break;
      default:
        setError(errorText(result, 'Not renamed: '));
    }
  };

  const send = async (etag: string | null) => {
    setError(null);
    if (etag === null) {
      setError('This group was read without an etag.');
      return;
    }
    setBusy(true);
    try {
      const variables = { resourceName: group.resourceName, etag, name: name.trim() };
      const { data } = await rename({ variables });
      if (data !== undefined) outcome(data.updateContactGroup);
    } catch (e) {
      setError(failureText('Not renamed', e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void send(read.etag);
  };

  if (current !== null) {
    return (
      <GroupConflict
        mine={name.trim()}
        current={current}
        busy={busy}
        error={error}
        onRenameAnyway={() => void send(current.etag)}
        onKeep={() => {
          onDone(`Kept “${groupLabel(current)}”.`);
        }}
      />
    );
  }
  return (
    <form className="row" onSubmit={submit} aria-label={`Rename ${groupLabel(read)}`}>
      <div className="text-field">
        <label htmlFor={`${id}-name`}>New name for {groupLabel(read)}</label>
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
        Save name
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          onDone(null);
        }}
      >
        Cancel
      </button>
      {error !== null && (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

interface GroupConflictProps {
  mine: string;
  current: Group;
  busy: boolean;
  error: string | null;
  onRenameAnyway: () => void;
  onKeep: () => void;
}

function GroupConflict({ mine, current, busy, error, onRenameAnyway, onKeep }: GroupConflictProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="conflict" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        This group changed while you were renaming it
      </h3>
      <p>
        It is now called “{groupLabel(current)}”. Your name “{mine}” was not saved.
      </p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={onRenameAnyway}>
          Rename to “{mine}” anyway
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onKeep}>
          Keep “{groupLabel(current)}”
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
