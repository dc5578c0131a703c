import type { CreateContactInput } from '../generated/resolvers-types.js';
import type { CreateContactRequest } from '../people/requests.js';
import { checkSingletons, setFieldsOf, toRestPersonFields } from './personInput.js';
import {
  invalidArgument,
  type InvalidArgumentResult,
  type SingletonViolationResult,
} from './results.js';

/**
 * GraphQL `createContact(input)` → googleapis arguments, or the typed error Google would give,
 * found without a call: a singleton with several values, or no field with a value at all
 * (Google: "Must specify a non-metadata contact field on the person"). Only set fields are sent.
 */
export function toCreateContactRequest(
  input: CreateContactInput,
  personFields: string,
): { request: CreateContactRequest } | { error: SingletonViolationResult | InvalidArgumentResult } {
  const set = new Set(setFieldsOf(input).filter((f) => (input[f]?.length ?? 0) > 0));
  if (set.size === 0) {
    return {
      error: invalidArgument(
        'Must specify a non-metadata contact field on the person: set at least one field.',
        null,
      ),
    };
  }
  const singleton = checkSingletons(input, set);
  if (singleton) return { error: singleton };
  return { request: { personFields, requestBody: toRestPersonFields(input, set) } };
}
