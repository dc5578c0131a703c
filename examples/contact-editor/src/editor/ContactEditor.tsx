import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { isUnauthenticated } from '../apollo';
import { ErrorMessage } from '../ErrorMessage';
import { PersonForEditDocument, UpdateContactDocument } from '../gql/graphql';
import { displayName, groupsOf, type Person } from '../person';
import { PhotoPanel } from '../photo/PhotoPanel';
import { hrefOf } from '../route';
import { ConflictView, fieldsWithoutConflict, type Conflict } from './ConflictView';
import { DeleteContact } from './DeleteContact';
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
import { GroupsPanel } from './GroupsPanel';
import { PersonFields } from './PersonFields';
import { outcomeOf, type SaveOutcome } from './saveOutcome';
import { toUpdateRequest } from './updateRequest';

/** Opens a contact: always a fresh read, so the form starts from the current version and etag. */
export function ContactEditor({ resourceName }: { resourceName: string }) {
  const { data, error } = useQuery(PersonForEditDocument, {
    variables: { resourceName },
    fetchPolicy: 'network-only',
  });
  if (error) return <ErrorMessage error={error} />;
  if (data === undefined) return <p role="status">Loading contact…</p>;
  if (data.person === null) {
    return (
      <p role="alert" className="error">
        No contact {resourceName} for this user.{' '}
        <a href={hrefOf({ view: 'list' })}>Back to the list</a>
      </p>
    );
  }
  return <EditorForm live={data.person} />;
}

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
      const message =
        error instanceof Error && isUnauthenticated(error)
          ? 'Not saved: the gateway needs a valid bearer token (paste one above), then save again.'
          : `Not saved: ${error instanceof Error ? error.message : String(error)}`;
      return { kind: 'error', message };
    }
  };
}

function EditorForm({ live }: { live: Person }) {
  const [base, setBase] = useState(() => baseOf(live));
  const [form, setForm] = useState(base.initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const send = useSave();
  const id = useId();
  const touched = touchedFields(base.initial, form);

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

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void save(base, form);
  };

  /** The person's edit wins: their fields on top of the current version, sent with its etag. */
  const keepMine = (c: Conflict) => {
    const next = baseOf(c.current);
    const values = withFields(next.initial, c.mine, c.fields);
    setBase(next);
    setForm(values);
    setConflict(null);
    void save(next, values);
  };

  /** The server's values for the conflicting fields; an edit without conflict stays, unsaved. */
  const takeServers = (c: Conflict) => {
    const kept = fieldsWithoutConflict(c);
    reset(c.current);
    if (kept.length === 0) {
      setNotice('Showing the server’s version; your edit was discarded.');
      return;
    }
    setForm(withFields(baseOf(c.current).initial, c.mine, kept));
    setNotice(`Showing the server’s version; your change to ${labelsOf(kept)} is kept, unsaved.`);
  };

  /**
   * The groups panel changed the memberships (and so the etag): the form takes the new ones,
   * unless the person is editing that field.
   */
  const membershipsChanged = (person: Person) => {
    const read = base.initial.memberships;
    setBase((b) => ({ person, initial: { ...b.initial, memberships: groupsOf(person) } }));
    setForm((f) => (sameJson(f.memberships, read) ? { ...f, memberships: groupsOf(person) } : f));
  };

  return (
    <section aria-labelledby={`${id}-title`} className="editor">
      <div className="view-header">
        <h1 id={`${id}-title`}>{displayName(live)}</h1>
        <div className="actions">
          <DeleteContact resourceName={live.resourceName} name={displayName(live)} />
          <a href={hrefOf({ view: 'list' })}>Back to the list</a>
        </div>
      </div>
      <PhotoPanel
        person={live}
        onChanged={(person) => {
          // A photo change makes a new version: later saves must send its etag. The form keeps
          // any edit in progress, as the photo touches none of its fields.
          setBase((b) => ({ ...baseOf(person), initial: b.initial }));
        }}
      />
      <GroupsPanel person={live} onChanged={membershipsChanged} />
      {conflict === null ? (
        <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
          <PersonFields form={form} onChange={setForm} problems={problems} person={base.person} />
          <div className="actions">
            <button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={touched.length === 0 || saving}
              onClick={() => {
                setForm(base.initial);
                setProblems({});
              }}
            >
              Discard changes
            </button>
            <p className="hint" aria-live="polite">
              {touched.length === 0 ? 'No unsaved changes.' : `Unsaved: ${labelsOf(touched)}.`}
            </p>
          </div>
        </form>
      ) : (
        <ConflictView conflict={conflict} onKeepMine={keepMine} onTakeServers={takeServers} />
      )}
      <Messages formError={formError} notice={notice} />
    </section>
  );
}

function Messages({ formError, notice }: { formError: string | null; notice: string | null }) {
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    errorRef.current?.focus();
  }, [formError]);
  return (
    <>
      {formError !== null && (
        <p ref={errorRef} role="alert" className="error">
          {formError}
        </p>
      )}
      <p role="status" className="notice">
        {notice}
      </p>
    </>
  );
}
