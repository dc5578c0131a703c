import { useEffect, useId, useRef } from 'react';
import { useContactGroups } from '../groups/useContactGroups';
import type { Person } from '../person';
import { describeField } from './describe';
import {
  EDITABLE_FIELDS,
  FIELD_LABELS,
  formFromPerson,
  labelsOf,
  touchedFields,
  type EditableField,
  type PersonForm,
} from './form';

/** A save refused with `EtagConflict`: what was read, what the person sent, what is there now. */
export interface Conflict {
  current: Person;
  from: { initial: PersonForm };
  mine: PersonForm;
  /** The fields the person edited (the mask that was refused). */
  fields: EditableField[];
  /**
   * The edited fields that also changed elsewhere (`EtagConflict.conflictingFields`): the only
   * ones to decide on. Null when the gateway could not compare (no `previous` read).
   */
  conflicting: EditableField[] | null;
}

/** The fields to decide on: the conflicting ones when the gateway named some. */
export function fieldsToDecide(conflict: Conflict): EditableField[] {
  if (conflict.conflicting !== null && conflict.conflicting.length > 0) return conflict.conflicting;
  const changedOnServer = touchedFields(conflict.from.initial, formFromPerson(conflict.current));
  return EDITABLE_FIELDS.filter((f) => conflict.fields.includes(f) || changedOnServer.includes(f));
}

/** The edited fields that changed only on the person's side: sent again as they are. */
export function fieldsWithoutConflict(conflict: Conflict): EditableField[] {
  const decide = fieldsToDecide(conflict);
  return conflict.fields.filter((f) => !decide.includes(f));
}

interface ConflictViewProps {
  conflict: Conflict;
  onKeepMine: (conflict: Conflict) => void;
  onTakeServers: (conflict: Conflict) => void;
}

/**
 * The server's current version beside the person's edit, for the fields to decide on. "Keep
 * mine" sends only the fields they edited, with the new etag: the server's other changes stay.
 */
export function ConflictView({ conflict, onKeepMine, onTakeServers }: ConflictViewProps) {
  const { groupName } = useContactGroups();
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const server = formFromPerson(conflict.current);
  const changedOnServer = touchedFields(conflict.from.initial, server);
  const rows = fieldsToDecide(conflict);
  const untouched = fieldsWithoutConflict(conflict);
  const who = (field: EditableField) => {
    const mine = conflict.fields.includes(field);
    const theirs = changedOnServer.includes(field);
    if (mine && theirs) return 'Changed by you and on the server';
    return mine ? 'Changed by you' : 'Changed on the server';
  };

  return (
    <section className="conflict" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        This contact changed while you were editing
      </h2>
      <p>
        Someone saved this contact after you opened it. Compare the versions, then keep your edit
        (only the fields you changed are sent again) or take the server’s version.
      </p>
      {untouched.length > 0 && (
        <p className="hint">
          No conflict in {labelsOf(untouched)}: nobody else changed it, so “Keep mine” sends your
          change again and “Take server’s version” keeps it in the form, unsaved.
        </p>
      )}
      <table>
        <caption>Your edit and the server’s current version</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Your edit</th>
            <th scope="col">Server’s version</th>
            <th scope="col">What changed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((field) => (
            <tr key={field} data-field={field}>
              <th scope="row">{FIELD_LABELS[field]}</th>
              <td>{describeField(field, conflict.mine, groupName)}</td>
              <td>{describeField(field, server, groupName)}</td>
              <td>{who(field)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            onKeepMine(conflict);
          }}
        >
          Keep mine
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            onTakeServers(conflict);
          }}
        >
          Take server’s version
        </button>
      </div>
    </section>
  );
}
