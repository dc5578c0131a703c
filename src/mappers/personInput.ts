import type { CreateContactInput, UpdateContactInput } from '../generated/resolvers-types.js';
import {
  SINGLETON_FIELDS,
  UPDATABLE_PERSON_FIELDS,
  type UpdatablePersonField,
} from '../people/fields.js';
import type { Person } from '../people/types.js';
import { singletonViolation, type SingletonViolationResult } from './results.js';

/** The 24 writable Person fields as GraphQL inputs carry them (update and create alike). */
export type PersonFieldInputs = Pick<UpdateContactInput, UpdatablePersonField> &
  Pick<CreateContactInput, UpdatablePersonField>;

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

/** Fields as REST receives them: lists, never null. Checked against `Person` by the compiler. */
type RestFieldValues = { [K in UpdatablePersonField]?: NoNulls<NonNullable<PersonFieldInputs[K]>> };

/** An input field is "set" when it is neither null nor absent; an empty list is set. */
export function setFieldsOf(input: PersonFieldInputs): UpdatablePersonField[] {
  return UPDATABLE_PERSON_FIELDS.filter((f) => input[f] !== null && input[f] !== undefined);
}

/**
 * The REST body part for `fields`, in the order of `UPDATABLE_PERSON_FIELDS`. A field the input
 * leaves null or absent is sent as an empty list, which clears it on update.
 */
export function toRestPersonFields(
  input: PersonFieldInputs,
  fields: ReadonlySet<UpdatablePersonField>,
): Person {
  const values = Object.fromEntries(
    UPDATABLE_PERSON_FIELDS.filter((f) => fields.has(f)).map((f) => [
      f,
      withoutNulls(input[f] ?? []),
    ]),
  ) as RestFieldValues;
  return values;
}

/** More than one value in a field that contacts hold once (names, biographies, birthdays, genders). */
export function checkSingletons(
  input: PersonFieldInputs,
  fields: ReadonlySet<UpdatablePersonField>,
): SingletonViolationResult | null {
  for (const field of SINGLETON_FIELDS) {
    const count = input[field]?.length ?? 0;
    if (fields.has(field) && count > 1) return singletonViolation(field, count);
  }
  return null;
}
