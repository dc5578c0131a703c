import type { CreateContactInput, UpdateContactInput } from '../generated/resolvers-types.js';
import { UPDATABLE_PERSON_FIELDS, type UpdatablePersonField } from '../people/fields.js';
import type { CreateContactsRequest, UpdateContactsRequest } from '../people/requests.js';
import type { Person } from '../people/types.js';
import { toCreateContactRequest } from './createContact.js';
import {
  invalidArgument,
  type InvalidArgumentResult,
  type SingletonViolationResult,
} from './results.js';
import { toUpdateContactRequest, type UpdateContactCheckError } from './updateContact.js';

/** Per input of a batch: the error found before any call, or its contact's place in the request. */
export type BatchItem<E> = { error: E } | { contact: number };

/**
 * GraphQL `updateContacts(inputs, mask)` → one `batchUpdateContacts` request for the inputs that
 * pass `updateContact`'s checks (`toUpdateContactRequest`, each alone), and per input what became
 * of it. A contact named twice is refused after its first input: the request maps each name to
 * one body, and two updates of one version would conflict anyway.
 */
export function toUpdateContactsRequest(
  inputs: readonly UpdateContactInput[],
  mask: readonly UpdatablePersonField[],
  readMask: string,
): { items: BatchItem<UpdateContactCheckError>[]; request: UpdateContactsRequest } {
  const masked = new Set(mask);
  const contacts: { resourceName: string; person: Person }[] = [];
  const seen = new Set<string>();
  const items = inputs.map((input): BatchItem<UpdateContactCheckError> => {
    const built = toUpdateContactRequest(input, mask, readMask);
    if ('error' in built) return built;
    const { resourceName, requestBody } = built.request;
    if (seen.has(resourceName)) {
      return {
        error: invalidArgument(
          `${resourceName} is in inputs more than once; one call updates a contact once.`,
          'resourceName',
        ),
      };
    }
    seen.add(resourceName);
    contacts.push({ resourceName, person: requestBody });
    return { contact: contacts.length - 1 };
  });
  const updateMask = UPDATABLE_PERSON_FIELDS.filter((f) => masked.has(f)).join(',');
  return { items, request: { updateMask, readMask, contacts } };
}

/**
 * GraphQL `createContacts(inputs)` → one `batchCreateContacts` request for the inputs that pass
 * `createContact`'s checks (`toCreateContactRequest`, each alone), and per input what became of it.
 */
export function toCreateContactsRequest(
  inputs: readonly CreateContactInput[],
  readMask: string,
): {
  items: BatchItem<SingletonViolationResult | InvalidArgumentResult>[];
  request: CreateContactsRequest;
} {
  const contacts: Person[] = [];
  const items = inputs.map((input): BatchItem<SingletonViolationResult | InvalidArgumentResult> => {
    const built = toCreateContactRequest(input, readMask);
    if ('error' in built) return built;
    contacts.push(built.request.requestBody);
    return { contact: contacts.length - 1 };
  });
  return { items, request: { readMask, contacts } };
}
