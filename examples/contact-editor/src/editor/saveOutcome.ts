/** What an `updateContact` answer means for the editor: a new base, a conflict, or problems. */
import type { UpdateContactMutation } from '../gql/graphql';
import { retryText } from '../mutationError';
import type { Person } from '../person';
import type { Conflict } from './ConflictView';
import {
  EDITABLE_FIELDS,
  editableFieldOf,
  formFromPerson,
  labelsOf,
  touchedFields,
  type Base,
  type EditableField,
  type PersonForm,
} from './form';
import type { FieldProblems } from './inputs';

export type SaveOutcome =
  | { kind: 'saved'; person: Person; notice: string }
  | { kind: 'conflict'; conflict: Conflict }
  | { kind: 'problems'; problems: FieldProblems }
  | { kind: 'error'; message: string };

export interface SaveAttempt {
  from: Base;
  values: PersonForm;
  fields: EditableField[];
}

/**
 * The notice of a save. A merged save (`mergedOnto`) went onto a version with edits made
 * elsewhere: the form now shows them, and the notice names the fields of the form they touched.
 */
function savedNotice(attempt: SaveAttempt, person: Person, merged: boolean): string {
  const saved = `Saved ${labelsOf(attempt.fields)}`;
  if (!merged) return `${saved}.`;
  const elsewhere = touchedFields(attempt.from.initial, formFromPerson(person)).filter(
    (field) => !attempt.fields.includes(field),
  );
  const which = elsewhere.length === 0 ? '' : ` (${labelsOf(elsewhere)})`;
  return `${saved}, merged with changes made elsewhere${which}.`;
}

/** The editable fields among `UpdatablePersonField` values, in form order; null stays null. */
function editableFields(names: readonly string[] | null): EditableField[] | null {
  if (names === null) return null;
  const fields = names.flatMap((name) => editableFieldOf(name) ?? []);
  return EDITABLE_FIELDS.filter((field) => fields.includes(field));
}

function fieldNotInMask(fields: readonly string[], message: string): SaveOutcome {
  const problems: FieldProblems = Object.fromEntries(
    fields.flatMap((f) => {
      const field = editableFieldOf(f);
      return field === undefined ? [] : [[field, message]];
    }),
  );
  return Object.keys(problems).length > 0
    ? { kind: 'problems', problems }
    : { kind: 'error', message };
}

export function outcomeOf(
  result: UpdateContactMutation['updateContact'],
  attempt: SaveAttempt,
): SaveOutcome {
  switch (result.__typename) {
    case 'UpdateContactSuccess':
      return {
        kind: 'saved',
        person: result.person,
        notice: savedNotice(attempt, result.person, result.mergedOnto !== null),
      };
    case 'EtagConflict':
      if (result.current === null) {
        return { kind: 'error', message: `${result.message} It no longer exists.` };
      }
      return {
        kind: 'conflict',
        conflict: {
          current: result.current,
          from: attempt.from,
          mine: attempt.values,
          fields: attempt.fields,
          conflicting: editableFields(result.conflictingFields ?? null),
        },
      };
    case 'SingletonViolation': {
      const field = editableFieldOf(result.field) ?? 'names';
      const message = `${result.message} (${result.count} values sent; one at most.)`;
      return { kind: 'problems', problems: { [field]: message } };
    }
    case 'FieldNotInMask':
      return fieldNotInMask(result.fields, result.message);
    case 'InvalidArgument': {
      const field = result.argument === null ? undefined : editableFieldOf(result.argument);
      if (field === undefined) return { kind: 'error', message: result.message };
      return { kind: 'problems', problems: { [field]: result.message } };
    }
    case 'MissingContactGroupMembership':
      return { kind: 'problems', problems: { memberships: result.message } };
    case 'RateLimited':
      return { kind: 'error', message: `${result.message} ${retryText(result.retryAfterSeconds)}` };
    case 'MissingSource':
    case 'ContactNotFound':
    case 'UpstreamUnavailable':
      return { kind: 'error', message: result.message };
  }
}
