/** What the contact store keeps of a written field: CONTACT items, writable subfields only. */
import { DATE_KEYS, ITEM_SPECS } from './itemSpecs.js';
import { isJsonObject, type JsonObject } from './json.js';
import type { UpdatableField } from './masks.js';

/** Items of a field that belong to the CONTACT source (items without a source count as it). */
export function contactItems(body: JsonObject, field: UpdatableField): JsonObject[] {
  const value = body[field];
  if (!Array.isArray(value)) return [];
  return value.filter(isJsonObject).filter((item) => {
    const metadata = item.metadata;
    if (!isJsonObject(metadata) || !isJsonObject(metadata.source)) return true;
    const type = metadata.source.type;
    return type === undefined || type === null || type === 'CONTACT';
  });
}

/** proto3 JSON drops default values; so does the store, so reads look like Google's. */
function isDefault(value: unknown): boolean {
  return value === null || value === undefined || value === '' || value === false || value === 0;
}

function cleanObject(value: JsonObject, keys: Iterable<string>): JsonObject | undefined {
  const out: JsonObject = {};
  for (const key of keys) {
    const v = value[key];
    if (!isDefault(v)) out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Keeps only the writable subfields of CONTACT items: output-only ones (formattedType,
 * displayName…) and item metadata are dropped silently; the server recomputes them. Client
 * `sourcePrimary` is not kept: the first item is always the primary one.
 */
export function sanitizeItems(field: UpdatableField, items: JsonObject[]): JsonObject[] {
  const spec = ITEM_SPECS[field];
  const out: JsonObject[] = [];
  for (const item of items) {
    const kept: JsonObject = {};
    for (const [key, sub] of Object.entries(spec.writable)) {
      const value = item[key];
      if (isDefault(value)) continue;
      if (sub === 'date' && isJsonObject(value)) {
        const date = cleanObject(value, DATE_KEYS);
        if (date) kept[key] = date;
      } else if (sub === 'membership' && isJsonObject(value)) {
        const membership = cleanObject(value, ['contactGroupResourceName']);
        if (membership) kept[key] = membership;
      } else {
        kept[key] = value;
      }
    }
    if (Object.keys(kept).length > 0) out.push(kept);
  }
  return out;
}
