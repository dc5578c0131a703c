/**
 * Contacts for the batch tests, made straight at the emulator (not through the gateway under test)
 * with `people.batchCreateContacts`, 200 a call; and the emulator's batch requests in the log.
 */
import type { RequestLogEntry } from 'people-emulator';
import type { Stack } from './stack.js';

export interface SeededContact {
  resourceName: string;
  etag: string;
  givenName: string;
}

/** Creates one contact per given name for `token`; their names and etags, in order. */
export async function seedContacts(
  stack: Stack,
  token: string,
  givenNames: readonly string[],
): Promise<SeededContact[]> {
  const seeded: SeededContact[] = [];
  for (let i = 0; i < givenNames.length; i += 200) {
    const chunk = givenNames.slice(i, i + 200);
    const res = await fetch(new URL('v1/people:batchCreateContacts', stack.emulator.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        contacts: chunk.map((givenName) => ({ contactPerson: { names: [{ givenName }] } })),
        readMask: 'names',
      }),
    });
    const body = (await res.json()) as {
      createdPeople?: { person?: { resourceName?: string; etag?: string } }[];
    };
    chunk.forEach((givenName, j) => {
      const person = body.createdPeople?.[j]?.person;
      if (!person?.resourceName || !person.etag) throw new Error(`seed: HTTP ${res.status}`);
      seeded.push({ resourceName: person.resourceName, etag: person.etag, givenName });
    });
  }
  return seeded;
}

/** Changes a contact's name behind the gateway's back (another client's edit). */
export async function renameBehind(
  stack: Stack,
  token: string,
  contact: SeededContact,
  givenName: string,
): Promise<void> {
  const url = new URL(`v1/${contact.resourceName}:updateContact`, stack.emulator.url);
  url.searchParams.set('updatePersonFields', 'names');
  const res = await fetch(url, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ etag: contact.etag, names: [{ givenName }] }),
  });
  if (!res.ok) throw new Error(`rename: HTTP ${res.status}`);
}

/** `METHOD method status` of each logged request, e.g. `POST batchUpdateContacts 400`. */
export function summary(requests: readonly RequestLogEntry[]): string[] {
  return requests.map((r) => {
    const method = r.path.split(':')[1] ?? r.path.replace(/^\/v1\//, '');
    return `${r.method} ${method} ${r.status}`;
  });
}

/** The names sent in a logged `batchUpdateContacts` (the keys of its `contacts` map), in order. */
export function namesSent(entry: RequestLogEntry | undefined): string[] {
  const body = entry?.body;
  if (typeof body !== 'object' || body === null || !('contacts' in body)) return [];
  const contacts = body.contacts;
  return typeof contacts === 'object' && contacts !== null ? Object.keys(contacts) : [];
}

/** `updateContacts` selecting what the batch tests assert of each member. */
export const UPDATE_CONTACTS = /* GraphQL */ `
  mutation Update($inputs: [UpdateContactInput!]!, $mask: [UpdatablePersonField!]!) {
    updateContacts(inputs: $inputs, mask: $mask) {
      results {
        __typename
        ... on UpdateContactSuccess {
          person {
            resourceName
            names {
              givenName
            }
          }
        }
        ... on EtagConflict {
          resourceName
          sentEtag
          current {
            names {
              givenName
            }
          }
        }
        ... on FieldNotInMask {
          fields
        }
        ... on SingletonViolation {
          field
          count
        }
        ... on MissingSource {
          resourceName
        }
        ... on InvalidArgument {
          argument: field
        }
        ... on UpstreamUnavailable {
          mayHaveApplied
        }
      }
    }
  }
`;
