/** `people.updateContactPhoto` and `people.deleteContactPhoto`. */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../errors.js';
import { decodePhotoBytes, validatePhoto } from '../images.js';
import { isJsonObject } from '../person/json.js';
import {
  PERSON_FIELDS,
  parseMask,
  parseSources,
  type PersonField,
  type SourceKind,
} from '../person/masks.js';
import { renderContact } from '../store/render.js';
import {
  bumpVersion,
  type EmulatorState,
  type StoredContact,
  type UserState,
} from '../store/state.js';
import { findContact, readContext, requireContactName, type Handler } from './context.js';

/** updateContactPhoto's body is an UpdateContactPhotoRequest, bound like Google's JSON layer. */
function bindPhotoRequest(body: unknown): {
  photoBytes: string;
  personFields: string | undefined;
  sources: string[];
} {
  if (!isJsonObject(body)) {
    throw invalidArgument('Invalid JSON payload received. Expected an object.');
  }
  for (const key of Object.keys(body)) {
    if (!['photoBytes', 'personFields', 'sources'].includes(key)) {
      throw invalidArgument(
        `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`,
        key,
      );
    }
  }
  const { photoBytes, personFields, sources } = body;
  if (photoBytes !== undefined && photoBytes !== null && typeof photoBytes !== 'string') {
    throw invalidArgument(
      `Invalid value at 'photo_bytes' (TYPE_BYTES), ${JSON.stringify(photoBytes)}`,
      'photo_bytes',
    );
  }
  if (personFields !== undefined && personFields !== null && typeof personFields !== 'string') {
    throw invalidArgument(
      `Invalid value at 'person_fields' (type.googleapis.com/google.protobuf.FieldMask), ${JSON.stringify(personFields)}`,
      'person_fields',
    );
  }
  const sourceList: string[] = [];
  if (sources !== undefined && sources !== null) {
    if (!Array.isArray(sources) || !sources.every((s) => typeof s === 'string')) {
      throw invalidArgument('Request contains an invalid argument.');
    }
    sourceList.push(...sources);
  }
  return {
    photoBytes: typeof photoBytes === 'string' ? photoBytes : '',
    personFields: typeof personFields === 'string' ? personFields : undefined,
    sources: sourceList,
  };
}

function newPhotoId(state: EmulatorState, user: UserState): string {
  state.photoCounter += 1;
  const digest = createHash('sha256')
    .update(`${state.seed}/${user.token}/${state.photoCounter}`)
    .digest('hex')
    .slice(0, 16);
  return `p${state.photoCounter}-${digest}`;
}

/** Photo methods answer `{}` unless personFields is set ("skips the post mutate get"). */
function photoResponse(
  state: EmulatorState,
  user: UserState,
  contact: StoredContact,
  fields: PersonField[] | undefined,
  sources: Set<SourceKind>,
): unknown {
  if (!fields) return {};
  return { person: renderContact(user, contact, readContext(state, fields, sources)) };
}

export const updateContactPhoto: Handler = ({ state, user, body, resourceName }) => {
  const request = bindPhotoRequest(body);
  const bytes = decodePhotoBytes(request.photoBytes);
  requireContactName(resourceName);
  const fields = parseMask(
    request.personFields,
    'personFields',
    PERSON_FIELDS,
    'people/updateContactPhoto',
    false,
  );
  const sources = parseSources(request.sources);
  const photo = validatePhoto(bytes, state.maxPhotoBytes);
  const contact = findContact(user, resourceName);
  const photoId = newPhotoId(state, user);
  state.photos.set(photoId, photo);
  // A new URL on every upload: "The server will generate a new URL whenever the photo changes".
  contact.photoId = photoId;
  bumpVersion(user, contact);
  return photoResponse(state, user, contact, fields, sources);
};

export const deleteContactPhoto: Handler = ({ state, user, query, resourceName }) => {
  requireContactName(resourceName);
  const fields = parseMask(
    query.one('personFields'),
    'personFields',
    PERSON_FIELDS,
    'people/deleteContactPhoto',
    false,
  );
  const sources = parseSources(query.all('sources'));
  const contact = findContact(user, resourceName);
  // Idempotent: deleting an absent photo succeeds (Google's behaviour there is unknown).
  delete contact.photoId;
  bumpVersion(user, contact);
  return photoResponse(state, user, contact, fields, sources);
};
