import { useMutation } from '@apollo/client/react';
import { useId, useState, type SubmitEvent } from 'react';
import { isUnauthenticated } from '../apollo';
import {
  editableFieldOf,
  emptyEmail,
  emptyName,
  emptyPhone,
  type PersonForm,
} from '../editor/form';
import { toCreateInput, type FieldProblems } from '../editor/inputs';
import { PersonFields } from '../editor/PersonFields';
import { CreateContactDocument } from '../gql/graphql';
import { hrefOf, navigate } from '../route';

const blank = (): PersonForm => ({
  names: emptyName(),
  emailAddresses: [emptyEmail()],
  phoneNumbers: [emptyPhone()],
  addresses: [],
  birthdays: { year: '', month: '', day: '' },
  biographies: { value: '', kept: {} },
  memberships: [],
});

/** A new contact (in "My Contacts" unless groups are chosen); opens it once created. */
export function CreateContact() {
  const [form, setForm] = useState(blank);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [createContact] = useMutation(CreateContactDocument, {
    // The list must show the new contact: drop the cached pages, it reads them again.
    update(cache) {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'contacts' });
      cache.gc();
    },
  });
  const id = useId();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblems({});
    setFormError(null);
    const input = toCreateInput(form);
    if ('problems' in input) {
      setProblems(input.problems);
      return;
    }
    setSaving(true);
    try {
      const { data } = await createContact({ variables: { input } });
      const result = data?.createContact;
      if (result === undefined) return;
      switch (result.__typename) {
        case 'CreateContactSuccess':
          navigate({ view: 'edit', resourceName: result.person.resourceName });
          break;
        case 'SingletonViolation':
          setProblems({ [editableFieldOf(result.field) ?? 'names']: result.message });
          break;
        case 'InvalidArgument': {
          const field = result.argument === null ? undefined : editableFieldOf(result.argument);
          if (field === undefined) setFormError(result.message);
          else setProblems({ [field]: result.message });
          break;
        }
        case 'RateLimited':
          setFormError(`${result.message} Try again in ${result.retryAfterSeconds ?? 'a few'} s.`);
          break;
      }
    } catch (error) {
      setFormError(
        error instanceof Error && isUnauthenticated(error)
          ? 'Not created: the gateway needs a valid bearer token (paste one above).'
          : `Not created: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="editor">
      <div className="view-header">
        <h1 id={`${id}-title`}>New contact</h1>
        <a href={hrefOf({ view: 'list' })}>Back to the list</a>
      </div>
      <form onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} noValidate>
        <PersonFields form={form} onChange={setForm} problems={problems} />
        <div className="actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Creating…' : 'Create contact'}
          </button>
        </div>
      </form>
      {formError !== null && (
        <p role="alert" className="error">
          {formError}
        </p>
      )}
    </section>
  );
}
