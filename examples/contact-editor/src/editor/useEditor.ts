/**
 * The editor's state and actions: the version the form was read from (`base`), the form, and
 * what saving gives (a new base, a conflict to decide, problems at fields, a message).
 */
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { UpdateContactDocument } from '../gql/graphql';
import { failureText } from '../mutationError';
import { groupsOf, type Person } from '../person';
import { fieldsWithoutConflict, type Conflict } from './ConflictView';
import {
  baseOf,
  labelsOf,
  sameJson,
  touchedFields,
  withFields,
  type Base,
  type PersonForm,
} from './form';
import type { FieldProblems } from './inputs';
import { outcomeOf, type SaveOutcome } from './saveOutcome';
import { toUpdateRequest } from './updateRequest';

/** Sends the touched fields of `values`, read from `from`, and says what came of it. */
function useSave(): (from: Base, values: PersonForm) => Promise<SaveOutcome | string> {
  const [updateContact] = useMutation(UpdateContactDocument);
  return async (from, values) => {
    const fields = touchedFields(from.initial, values);
    if (fields.length === 0) return 'Nothing to save: no field was changed.';
    const { etag } = from.person;
    if (etag === null) {
      return { kind: 'error', message: 'This contact was read without an etag; reload it.' };
    }
    const request = toUpdateRequest({ ...from, etag }, values, fields);
    if ('problems' in request) return { kind: 'problems', problems: request.problems };
    try {
      const { data } = await updateContact({ variables: request });
      const result = data?.updateContact;
      if (result === undefined) return { kind: 'error', message: 'Not saved: no answer.' };
      return outcomeOf(result, { from, values, fields });
    } catch (error) {
      return { kind: 'error', message: failureText('Not saved', error) };
    }
  };
}

export function useEditor(live: Person) {
  const [base, setBase] = useState(() => baseOf(live));
  const [form, setForm] = useState(base.initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const send = useSave();

  /** Starts over from a person just read or written: the form shows it as it is now. */
  const reset = (person: Person) => {
    const next = baseOf(person);
    setBase(next);
    setForm(next.initial);
    setConflict(null);
  };

  const save = async (from: Base, values: PersonForm) => {
    setProblems({});
    setFormError(null);
    setNotice(null);
    setSaving(true);
    const outcome = await send(from, values);
    setSaving(false);
    if (typeof outcome === 'string') setNotice(outcome);
    else if (outcome.kind === 'saved') {
      // The cache already holds the returned person (keyed by resourceName); the form follows.
      reset(outcome.person);
      setNotice(outcome.notice);
    } else if (outcome.kind === 'conflict') setConflict(outcome.conflict);
    else if (outcome.kind === 'problems') setProblems(outcome.problems);
    else setFormError(outcome.message);
  };

  return {
    base,
    form,
    setForm,
    problems,
    formError,
    notice,
    conflict,
    saving,
    touched: touchedFields(base.initial, form),
    save: () => void save(base, form),
    discard: () => {
      setForm(base.initial);
      setProblems({});
    },
    /** The person's edit wins: their fields on top of the current version, sent with its etag. */
    keepMine: (c: Conflict) => {
      const next = baseOf(c.current);
      const values = withFields(next.initial, c.mine, c.fields);
      setBase(next);
      setForm(values);
      setConflict(null);
      void save(next, values);
    },
    /** The server's values for the conflicting fields; an edit without conflict stays, unsaved. */
    takeServers: (c: Conflict) => {
      const kept = fieldsWithoutConflict(c);
      reset(c.current);
      if (kept.length === 0) {
        setNotice('Showing the server’s version; your edit was discarded.');
        return;
      }
      setForm(withFields(baseOf(c.current).initial, c.mine, kept));
      setNotice(`Showing the server’s version; your change to ${labelsOf(kept)} is kept, unsaved.`);
    },
    /**
     * A photo change makes a new version: later saves must send its etag. The form keeps any
     * edit in progress, as the photo touches none of its fields.
     */
    photoChanged: (person: Person) => {
      setBase((b) => ({ ...baseOf(person), initial: b.initial }));
    },
    /**
     * The groups panel changed the memberships (and so the etag): the form takes the new ones,
     * unless the person is editing that field.
     */
    membershipsChanged: (person: Person) => {
      const read = base.initial.memberships;
      setBase((b) => ({ person, initial: { ...b.initial, memberships: groupsOf(person) } }));
      setForm((f) => (sameJson(f.memberships, read) ? { ...f, memberships: groupsOf(person) } : f));
    },
  };
}
