import type { UpdateContactInput } from '../generated/resolvers-types.js';
import { UPDATABLE_PERSON_FIELDS, UpdatablePersonField } from '../people/fields.js';
import { isPersonResourceName, PERSON_RESOURCE_NAME_GRAMMAR } from '../people/resourceNames.js';
import type { UpdateContactRequest } from '../people/requests.js';
import type { Person } from '../people/types.js';
import { checkSingletons, setFieldsOf, toRestPersonFields } from './personInput.js';
import {
  fieldNotInMask,
  invalidArgument,
  missingContactGroupMembership,
  missingSource,
  previousNotInMask,
  type FieldNotInMaskResult,
  type InvalidArgumentResult,
  type MissingContactGroupMembershipResult,
  type MissingSourceResult,
  type SingletonViolationResult,
} from './results.js';

/** What the gateway refuses before any upstream call. */
export type UpdateContactCheckError =
  | FieldNotInMaskResult
  | SingletonViolationResult
  | MissingContactGroupMembershipResult
  | MissingSourceResult
  | InvalidArgumentResult;

/** A resource name that cannot be a contact, refused before any upstream call. */
export function checkContactResourceName(
  resourceName: string,
): InvalidArgumentResult | MissingSourceResult | null {
  if (!isPersonResourceName(resourceName)) {
    // The caller's string is not repeated: it can be long or crafted.
    return invalidArgument(`resourceName must be ${PERSON_RESOURCE_NAME_GRAMMAR}.`, 'resourceName');
  }
  // people/me is always the caller's profile, never a contact.
  return resourceName === 'people/me' ? missingSource(resourceName) : null;
}

/**
 * GraphQL `updateContact(input, mask)` → googleapis `updateContact` arguments, or the typed error
 * for what can be known without a network call. Every field the input sets (see `setFieldsOf`)
 * must be in the mask, because REST would silently ignore it; a masked field left unset is sent
 * empty, which clears it. The etag goes top-level: the input carries the person etag, not the
 * CONTACT source's own etag, which only a read would tell. `previous` (what the client read in
 * the masked fields, for a merge on a stale etag) may name masked fields only.
 */
export function toUpdateContactRequest(
  input: UpdateContactInput,
  mask: readonly UpdatablePersonField[],
  personFields: string,
): { request: UpdateContactRequest; previous?: Person } | { error: UpdateContactCheckError } {
  const masked = new Set(mask);
  const badName = checkContactResourceName(input.resourceName);
  if (badName) return { error: badName };
  // Google: "Request must set person.etag or person.metadata.sources.etag …" (MissingSource).
  if (input.etag === '') return { error: missingSource(input.resourceName) };
  if (masked.size === 0) {
    return { error: invalidArgument('The mask must name at least one field to replace.', 'mask') };
  }
  const outside = setFieldsOf(input).filter((f) => !masked.has(f));
  if (outside.length > 0) return { error: fieldNotInMask(outside) };
  const unmasked = input.previous ? setFieldsOf(input.previous).filter((f) => !masked.has(f)) : [];
  if (unmasked.length > 0) return { error: previousNotInMask(unmasked) };
  const singleton = checkSingletons(input, masked);
  if (singleton) return { error: singleton };
  if (masked.has(UpdatablePersonField.MEMBERSHIPS) && (input.memberships ?? []).length === 0) {
    return { error: missingContactGroupMembership() };
  }
  return {
    request: {
      resourceName: input.resourceName,
      updatePersonFields: UPDATABLE_PERSON_FIELDS.filter((f) => masked.has(f)).join(','),
      personFields,
      requestBody: {
        ...toRestPersonFields(input, masked),
        resourceName: input.resourceName,
        etag: input.etag,
      },
    },
    // A masked field that `previous` leaves out was read empty, like one the input leaves out.
    ...(input.previous ? { previous: toRestPersonFields(input.previous, masked) } : {}),
  };
}
