import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { isUnauthenticated } from '../apollo';
import { displayName, shownPhoto, type Person } from '../person';
import { DeleteContactPhotoDocument, UpdateContactPhotoDocument } from '../gql/graphql';
import { fileToBase64 } from './base64';

interface PhotoPanelProps {
  /** The contact as the cache holds it now. */
  person: Person;
  onChanged: (person: Person) => void;
}

/** The contact's photo: set one from an image file (read in the browser), or remove it. */
export function PhotoPanel({ person, onChanged }: PhotoPanelProps) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [updatePhoto] = useMutation(UpdateContactPhotoDocument);
  const [deletePhoto] = useMutation(DeleteContactPhotoDocument);
  const id = useId();
  const photo = shownPhoto(person);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const failure = await action();
      setError(failure);
    } catch (e) {
      setError(
        e instanceof Error && isUnauthenticated(e)
          ? 'The gateway needs a valid bearer token (paste one above).'
          : `The photo was not changed: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  const upload = (event: SubmitEvent) => {
    event.preventDefault();
    if (file === null) {
      setError('Choose an image file first.');
      return;
    }
    void run(async () => {
      const photoBytes = await fileToBase64(file);
      const { data } = await updatePhoto({
        variables: { input: { resourceName: person.resourceName, photoBytes } },
      });
      const result = data?.updateContactPhoto;
      if (result === undefined) return null;
      switch (result.__typename) {
        case 'UpdateContactPhotoSuccess':
          if (result.person !== null) onChanged(result.person);
          setFile(null);
          if (fileInput.current) fileInput.current.value = '';
          setNotice(`Photo set from ${file.name}.`);
          return null;
        case 'PhotoRejected':
          return `${file.name} was refused: ${result.message} (${result.reason})`;
        case 'RateLimited':
          return `${result.message} Try again in ${result.retryAfterSeconds ?? 'a few'} s.`;
        default:
          return result.message;
      }
    });
  };

  const remove = () => {
    void run(async () => {
      const { data } = await deletePhoto({ variables: { resourceName: person.resourceName } });
      const result = data?.deleteContactPhoto;
      if (result === undefined) return null;
      switch (result.__typename) {
        case 'DeleteContactPhotoSuccess':
          if (result.person !== null) onChanged(result.person);
          setNotice('Photo removed.');
          return null;
        case 'RateLimited':
          return `${result.message} Try again in ${result.retryAfterSeconds ?? 'a few'} s.`;
        default:
          return result.message;
      }
    });
  };

  return (
    <section className="photo" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Photo</h2>
      {photo ? (
        <img
          className="photo-large"
          src={photo.url}
          alt={`${photo.own ? 'Photo' : 'Default picture'} of ${displayName(person)}`}
          width={96}
          height={96}
        />
      ) : (
        <p>No photo.</p>
      )}
      <form onSubmit={upload} className="photo-form">
        <label htmlFor={`${id}-file`}>Image file (JPEG or PNG)</label>
        <input
          id={`${id}-file`}
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
          }}
        />
        <div className="actions">
          <button type="submit" disabled={busy || file === null}>
            Set as photo
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || photo?.own !== true}
            onClick={remove}
          >
            Remove photo
          </button>
        </div>
      </form>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="notice">
        {notice}
      </p>
    </section>
  );
}
