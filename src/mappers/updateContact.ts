import type { UpdateContactInput } from '../generated/resolvers-types.js';
import type { Person } from '../people/types.js';
import { SINGLETON_FIELDS, UPDATABLE_PERSON_FIELDS, UpdatablePersonField } from './fields.js';
import {
  fieldNotInMask,
  invalidArgument,
  missingContactGroupMembership,
  missingSource,
  singletonViolation,
  type FieldNotInMaskResult,
  type InvalidArgumentResult,
  type MissingContactGroupMembershipResult,
  type MissingSourceResult,
  type SingletonViolationResult,
} from './results.js';

/** The arguments of googleapis `people.people.updateContact`. */
export interface UpdateContactRequest {
  resourceName: string;
  updatePersonFields: string;
  personFields: string;
  requestBody: Person;
}

/** What the gateway refuses before any upstream call. */
export type UpdateContactCheckError =
  | FieldNotInMaskResult
  | SingletonViolationResult
  | MissingContactGroupMembershipResult
  | MissingSourceResult
  | InvalidArgumentResult;

type FieldValues = Pick<UpdateContactInput, UpdatablePersonField>;
/** The masked fields as sent: lists, never null. Checked against `Person` by the compiler. */
type MaskedValues = { [K in UpdatablePersonField]?: NoNulls<NonNullable<FieldValues[K]>> };

const CONTACT_RESOURCE_NAME = /^people\/[^/]+$/;

/** `T` with every `null` removed, deeply: what `withoutNulls` returns. */
type NoNulls<T> = T extends readonly (infer U)[]
  ? NoNulls<U>[]
  : T extends object
    ? { [K in keyof T]: NoNulls<Exclude<T[K], null>> }
    : Exclude<T, null>;

/** Recursively drops GraphQL nulls: for REST, a null subfield and an absent one are the same. */
export function withoutNulls<T>(value: T): NoNulls<T> {
  if (Array.isArray(value)) return value.map(withoutNulls) as NoNulls<T>;
  if (value === null || typeof value !== 'object') return value as NoNulls<T>;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]),
  ) as NoNulls<T>;
}

/**
 * GraphQL `updateContact(input, mask)` → googleapis `updateContact` arguments, or the typed error
 * for what can be known without a network call. An input field is "set" when it is not null or
 * absent (an empty list counts as set); every set field must be in the mask, because REST would
 * silently ignore it. The etag goes top-level: the input carries the person etag, not the
 * CONTACT source's own etag, which only a read would tell.
 */
export function toUpdateContactRequest(
  input: UpdateContactInput,
  mask: readonly UpdatablePersonField[],
  personFields: string,
): { request: UpdateContactRequest } | { error: UpdateContactCheckError } {
  const masked = new Set(mask);
  if (!CONTACT_RESOURCE_NAME.test(input.resourceName)) {
    return {
      error: invalidArgument(
        `resourceName must look like people/c1234567890, not "${input.resourceName}".`,
        'resourceName',
      ),
    };
  }
  // Only contacts can be edited; people/me is always the caller's profile.
  if (input.resourceName === 'people/me' || input.etag === '') {
    return { error: missingSource(input.resourceName) };
  }
  if (masked.size === 0) {
    return { error: invalidArgument('The mask must name at least one field to replace.', 'mask') };
  }
  const outside = UPDATABLE_PERSON_FIELDS.filter(
    (f) => !masked.has(f) && input[f] !== null && input[f] !== undefined,
  );
  if (outside.length > 0) return { error: fieldNotInMask(outside) };
  for (const field of SINGLETON_FIELDS) {
    const count = input[field]?.length ?? 0;
    if (masked.has(field) && count > 1) return { error: singletonViolation(field, count) };
  }
  if (masked.has(UpdatablePersonField.Memberships) && (input.memberships ?? []).length === 0) {
    return { error: missingContactGroupMembership() };
  }

  const ordered = UPDATABLE_PERSON_FIELDS.filter((f) => masked.has(f));
  // A masked field the input leaves null or absent is sent empty: REST then clears it.
  const fields = Object.fromEntries(
    ordered.map((field) => [field, withoutNulls(input[field] ?? [])]),
  ) as MaskedValues;
  const requestBody: Person = { ...fields, resourceName: input.resourceName, etag: input.etag };
  return {
    request: {
      resourceName: input.resourceName,
      updatePersonFields: ordered.join(','),
      personFields,
      requestBody,
    },
  };
}
