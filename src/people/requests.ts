/**
 * The arguments of the People API mutations the client sends, as googleapis names them. The
 * mappers build them from GraphQL input; `PeopleClient` takes them.
 */
import type { Person } from './types.js';

/** The arguments of googleapis `people.people.updateContact`. */
export interface UpdateContactRequest {
  resourceName: string;
  updatePersonFields: string;
  personFields: string;
  requestBody: Person;
}

/** The arguments of googleapis `people.people.createContact`. */
export interface CreateContactRequest {
  personFields: string;
  requestBody: Person;
}

/** The arguments of googleapis `people.people.updateContactPhoto`. */
export interface UpdateContactPhotoRequest {
  resourceName: string;
  requestBody: { photoBytes: string; personFields?: string };
}

/**
 * What `people.batchUpdateContacts` sends, split in calls of at most 200: one `updateMask` and
 * `readMask` for all, and each contact's body (its etag top-level), names distinct.
 */
export interface UpdateContactsRequest {
  updateMask: string;
  readMask: string;
  contacts: readonly { resourceName: string; person: Person }[];
}

/** What `people.batchCreateContacts` sends, split in calls of at most 200. */
export interface CreateContactsRequest {
  readMask: string;
  contacts: readonly Person[];
}
