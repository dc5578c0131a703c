/**
 * When two persons hold the same values in a field, as far as an update is concerned: the
 * equality behind "did my update land?" on a retried `updateContact` (`holdsUpdate`).
 */
import { isRecord } from '../isRecord.js';
import type { UpdatablePersonField } from './fields.js';
import type { Person } from './types.js';

/** Every value `sent` names is in `stored` (server-made additions such as `displayName` aside). */
function contains(stored: unknown, sent: unknown): boolean {
  if (Array.isArray(sent)) {
    return (
      Array.isArray(stored) &&
      stored.length === sent.length &&
      sent.every((v, i) => contains(stored[i], v))
    );
  }
  if (isRecord(sent)) {
    return (
      isRecord(stored) &&
      // Field metadata is the server's to fill in (source, primary); it is not the edit.
      Object.entries(sent).every(([k, v]) => k === 'metadata' || contains(stored[k], v))
    );
  }
  return stored === sent;
}

/** The field's items from the CONTACT source (or with no source): what an update writes. */
function contactItems(person: Person, field: UpdatablePersonField): unknown[] {
  const items: unknown[] = person[field] ?? [];
  // Only CONTACT-source data is what an update writes; profile data is never touched.
  return items.filter((item) => {
    const type =
      isRecord(item) && isRecord(item['metadata']) && isRecord(item['metadata']['source'])
        ? item['metadata']['source']['type']
        : undefined;
    return type === undefined || type === 'CONTACT';
  });
}

/**
 * Whether `stored`'s contact values in `field` are exactly those `sent` gives: as many items, and
 * each sent item matched by a distinct stored one, in any order (Google guarantees none). An item
 * matches when every value the sent item names is equal in the stored one; what the server adds
 * (`displayName`, `formattedType`, field `metadata`) is not compared, and PROFILE-source items
 * are left out of `stored`, since an update never writes them. An absent field is an empty one.
 */
export function sameFieldValues(
  stored: Person,
  sent: Person,
  field: UpdatablePersonField,
): boolean {
  const want: unknown[] = sent[field] ?? [];
  const have = contactItems(stored, field);
  if (have.length !== want.length) return false;
  const unmatched = [...have];
  return want.every((item) => {
    const i = unmatched.findIndex((candidate) => contains(candidate, item));
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
