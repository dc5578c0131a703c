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
