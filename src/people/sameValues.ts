/**
 * When two persons hold the same values in a field, as far as an update is concerned: the one
 * equality behind "did my update land?" on a retried `updateContact` (`holdsUpdate`) and "is the
 * field still as the client read it?" before a merge (`differingFields`).
 */
import { isRecord } from '../isRecord.js';
import type { UpdatablePersonField } from './fields.js';
import { FILLED_IN_WHEN_LEFT_OUT, INPUT_SUBFIELDS, type Subfields } from './inputSubfields.js';
import type { Person } from './types.js';

/** proto3 JSON leaves default values out, so `""`, `0` and `false` are the same as absent. */
function isDefault(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === 0 || value === false;
}

const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/**
 * Whether two items hold the same value in every writable subfield, nested ones included. A
 * subfield in `filledIn` is compared only when `sent` gives it: left out, the server computes it.
 */
function sameItem(
  stored: Record<string, unknown>,
  sent: Record<string, unknown>,
  subfields: Subfields,
  filledIn: readonly string[] = [],
): boolean {
  return Object.entries(subfields).every(([key, spec]) => {
    const have = stored[key];
    const want = sent[key];
    if (isDefault(want) && filledIn.includes(key)) return true;
    if (spec !== true) return sameItem(asRecord(have), asRecord(want), spec);
    return isDefault(have) ? isDefault(want) : have === want;
  });
}

/** An item with no writable value at all is no value (the store keeps nothing of it). */
function hasValue(item: Record<string, unknown>, subfields: Subfields): boolean {
  return Object.entries(subfields).some(([key, spec]) =>
    spec === true ? !isDefault(item[key]) : hasValue(asRecord(item[key]), spec),
  );
}

/** The field's items from the CONTACT source (or with no source): what an update writes. */
function contactItems(person: Person, field: UpdatablePersonField): Record<string, unknown>[] {
  const items: unknown[] = person[field] ?? [];
  // Only CONTACT-source data is what an update writes; profile data is never touched.
  return items.filter(isRecord).filter((item) => {
    const source = asRecord(asRecord(item['metadata'])['source']);
    return source['type'] === undefined || source['type'] === 'CONTACT';
  });
}

/**
 * Whether `stored`'s contact values in `field` are exactly those `sent` gives: as many items, and
 * each sent item matched by a distinct stored one, in any order (Google guarantees none). Two
 * items match when they hold the same value in every subfield the field's GraphQL input type has
 * (`INPUT_SUBFIELDS`), in both directions, so a value either side lacks is a difference; what
 * only the server writes (`displayName` of a name, `formattedType`, field `metadata`) is not
 * compared, nor is a subfield it fills in when `sent` leaves it out (`FILLED_IN_WHEN_LEFT_OUT`).
 * PROFILE-source items are left out of `stored`, since an update never writes them. An absent
 * field is an empty one, and an absent subfield is the same as `""`, `0` or `false`.
 */
export function sameFieldValues(
  stored: Person,
  sent: Person,
  field: UpdatablePersonField,
): boolean {
  const subfields = INPUT_SUBFIELDS[field];
  const filledIn = FILLED_IN_WHEN_LEFT_OUT[field];
  const want = ((sent[field] ?? []) as unknown[])
    .map(asRecord)
    .filter((item) => hasValue(item, subfields));
  const have = contactItems(stored, field).filter((item) => hasValue(item, subfields));
  if (have.length !== want.length) return false;
  const unmatched = [...have];
  return want.every((item) => {
    const i = unmatched.findIndex((candidate) => sameItem(candidate, item, subfields, filledIn));
    if (i < 0) return false;
    unmatched.splice(i, 1);
    return true;
  });
}

/**
 * Whether `stored` already holds what an update `sent` for `fields` (`sameFieldValues` for each):
 * used when a retried update meets an etag failure, to tell "my first attempt landed and its
 * answer was lost" (success) from "someone else changed the contact" (EtagConflict).
 */
export function holdsUpdate(
  stored: Person,
  sent: Person,
  fields: readonly UpdatablePersonField[],
): boolean {
  return fields.every((field) => sameFieldValues(stored, sent, field));
}

/**
 * The fields among `fields` whose values in `current` are no longer those the client read
 * (`previous`, by `sameFieldValues`): what stops a merge, and `EtagConflict.conflictingFields`.
 */
export function differingFields(
  current: Person,
  previous: Person,
  fields: readonly UpdatablePersonField[],
): UpdatablePersonField[] {
  return fields.filter((field) => !sameFieldValues(current, previous, field));
}
