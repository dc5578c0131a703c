import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { isUnauthenticated } from '../apollo';
import { ErrorMessage } from '../ErrorMessage';
import { PersonForEditDocument, UpdateContactDocument } from '../gql/graphql';
import { PhotoPanel } from '../photo/PhotoPanel';
import { hrefOf } from '../route';
import { ConflictView, type Conflict } from './ConflictView';
import {
  FIELD_LABELS,
  displayName,
  editableFieldOf,
  formFromPerson,
  toUpdateRequest,
  touchedFields,
  withFields,
  type FieldProblems,
  type Person,
  type PersonForm,
} from './form';
import { PersonFields } from './PersonFields';

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

/** What the form was read from: the person, its etag, and the form values it gives. */
interface Base {
  person: Person;
  initial: PersonForm;
}

const baseOf = (person: Person): Base => ({ person, initial: formFromPerson(person) });

function retryText(seconds: number | null): string {
  if (seconds === null) return 'Try again in a moment.';
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString();
  return `Try again in ${seconds} s (after ${at}).`;
}

function EditorForm({ live }: { live: Person }) {
  const [base, setBase] = useState(() => baseOf(live));
  const [form, setForm] = useState(base.initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const [updateContact] = useMutation(UpdateContactDocument);
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
    const fields = touchedFields(from.initial, values);
    if (fields.length === 0) {
      setNotice('Nothing to save: no field was changed.');
      return;
    }
    const { etag, resourceName } = from.person;
    if (etag === null) {
      setFormError('This contact was read without an etag; reload it before saving.');
      return;
    }
    const request = toUpdateRequest({ resourceName, etag }, from.initial, values, fields);
    if ('problems' in request) {
      setProblems(request.problems);
      return;
    }
    setSaving(true);
    try {
      const { data } = await updateContact({ variables: request });
      const result = data?.updateContact;
      if (result === undefined) return;
      switch (result.__typename) {
        case 'UpdateContactSuccess':
          // The cache already holds the returned person (keyed by resourceName); the form follows.
          reset(result.person);
          setNotice(`Saved ${fields.map((f) => FIELD_LABELS[f]).join(', ')}.`);
          break;
        case 'EtagConflict':
          if (result.current === null) setFormError(`${result.message} It no longer exists.`);
          else setConflict({ current: result.current, from, mine: values, fields });
          break;
        case 'SingletonViolation': {
          const field = editableFieldOf(result.field) ?? 'names';
          setProblems({ [field]: `${result.message} (${result.count} values sent; one at most.)` });
          break;
        }
        case 'FieldNotInMask':
          setProblems(
            Object.fromEntries(
              result.fields.flatMap((f) => {
                const field = editableFieldOf(f);
                return field === undefined ? [] : [[field, result.message]];
              }),
            ),
          );
          if (!result.fields.some((f) => editableFieldOf(f))) setFormError(result.message);
          break;
        case 'InvalidArgument': {
          const field = result.argument === null ? undefined : editableFieldOf(result.argument);
          if (field === undefined) setFormError(result.message);
          else setProblems({ [field]: result.message });
          break;
        }
        case 'MissingContactGroupMembership':
          setProblems({ memberships: result.message });
          break;
        case 'RateLimited':
          setFormError(`${result.message} ${retryText(result.retryAfterSeconds)}`);
          break;
        case 'MissingSource':
        case 'ContactNotFound':
          setFormError(result.message);
          break;
      }
    } catch (error) {
      setFormError(
        error instanceof Error && isUnauthenticated(error)
          ? 'Not saved: the gateway needs a valid bearer token (paste one above), then save again.'
          : `Not saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setSaving(false);
    }
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

  const takeServers = (c: Conflict) => {
    reset(c.current);
    setNotice('Showing the server’s version; your edit was discarded.');
  };

  return (
    <section aria-labelledby={`${id}-title`} className="editor">
      <div className="view-header">
        <h1 id={`${id}-title`}>{displayName(live)}</h1>
        <a href={hrefOf({ view: 'list' })}>Back to the list</a>
      </div>
      <PhotoPanel
        person={live}
        onChanged={(person) => {
          // A photo change makes a new version: later saves must send its etag. The form keeps
          // any edit in progress, as the photo touches none of its fields.
          setBase((b) => ({ ...baseOf(person), initial: b.initial }));
        }}
      />
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
              {touched.length === 0
                ? 'No unsaved changes.'
                : `Unsaved: ${touched.map((f) => FIELD_LABELS[f]).join(', ')}.`}
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
        <p ref={errorRef} role="alert" className="error" tabIndex={-1}>
          {formError}
        </p>
      )}
      <p role="status" className="notice">
        {notice}
      </p>
    </>
  );
}
