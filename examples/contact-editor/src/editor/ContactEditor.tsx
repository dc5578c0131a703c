import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, type SubmitEvent } from 'react';
import { ErrorMessage } from '../ErrorMessage';
import { PersonForEditDocument } from '../gql/graphql';
import { displayName, type Person } from '../person';
import { PhotoPanel } from '../photo/PhotoPanel';
import { hrefOf } from '../route';
import { ConflictView } from './ConflictView';
import { DeleteContact } from './DeleteContact';
import { labelsOf } from './form';
import { GroupsPanel } from './GroupsPanel';
import { PersonFields } from './PersonFields';
import { useEditor } from './useEditor';

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

function EditorForm({ live }: { live: Person }) {
  const editor = useEditor(live);
  const { form, problems, saving, touched } = editor;
  const id = useId();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    editor.save();
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
      <PhotoPanel person={live} onChanged={editor.photoChanged} />
      <GroupsPanel person={live} onChanged={editor.membershipsChanged} />
      {editor.conflict === null ? (
        <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
          <PersonFields
            form={form}
            onChange={editor.setForm}
            problems={problems}
            person={editor.base.person}
          />
          <div className="actions">
            <button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={touched.length === 0 || saving}
              onClick={editor.discard}
            >
              Discard changes
            </button>
            <p className="hint" aria-live="polite">
              {touched.length === 0 ? 'No unsaved changes.' : `Unsaved: ${labelsOf(touched)}.`}
            </p>
          </div>
        </form>
      ) : (
        <ConflictView
          conflict={editor.conflict}
          onKeepMine={editor.keepMine}
          onTakeServers={editor.takeServers}
        />
      )}
      <Messages formError={editor.formError} notice={editor.notice} />
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
