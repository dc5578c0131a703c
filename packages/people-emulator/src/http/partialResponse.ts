/**
 * Partial responses: the `fields` system parameter every Google API takes
 * (https://developers.google.com/drive/api/guides/fields-parameter,
 * https://developers.google.com/custom-search/v1/performance). A comma-separated list of fields;
 * `a/b` selects `b` within `a`; `a(b,c)` selects `b` and `c` within `a`; `*` selects every field
 * of its level. A selection applies to each item of a list. An invalid selection is a 400.
 *
 * The emulator checks the syntax only: Google also refuses a field the response message does not
 * have ("Invalid field selection canAddChildren"), which would need the response schemas here.
 */
import { invalidArgument, type ApiError } from '../errors.js';

/** Selected fields by name: `true` selects the whole value, a nested selection only part of it. */
export type FieldSelection = Map<string, FieldSelection | true>;

/** `fields` longer than this is refused rather than parsed. */
const MAX_FIELDS_LENGTH = 16_384;

const NAME = /[A-Za-z_$][\w$]*|\*/y;

function refused(fields: string): ApiError {
  const shown = fields.length > 100 ? `${fields.slice(0, 100)}…` : fields;
  return invalidArgument(`Invalid field selection ${shown}`, 'fields');
}

function merge(into: FieldSelection, name: string, selection: FieldSelection | true): void {
  const existing = into.get(name);
  if (existing === undefined) {
    into.set(name, selection);
  } else if (existing === true || selection === true) {
    into.set(name, true);
  } else {
    for (const [child, sub] of selection) merge(existing, child, sub);
  }
}

/** Parses a `fields` value; throws the 400 Google answers for a malformed one. */
export function parseFields(fields: string): FieldSelection {
  if (fields.length > MAX_FIELDS_LENGTH) throw refused(fields);
  let at = 0;
  const skipSpaces = () => {
    while (fields[at] === ' ') at++;
  };
  const name = (): string => {
    skipSpaces();
    NAME.lastIndex = at;
    const match = NAME.exec(fields);
    if (!match) throw refused(fields);
    at = NAME.lastIndex;
    skipSpaces();
    return match[0];
  };
  // A path `a/b/c` with an optional `(…)` after its last name, as nested selections.
  const field = (into: FieldSelection, depth: number): void => {
    if (depth > 32) throw refused(fields);
    const first = name();
    if (fields[at] === '/') {
      at++;
      const inner: FieldSelection = new Map();
      field(inner, depth + 1);
      merge(into, first, inner);
    } else if (fields[at] === '(') {
      at++;
      const inner = list(depth + 1);
      if (fields[at] !== ')') throw refused(fields);
      at++;
      skipSpaces();
      merge(into, first, inner);
    } else {
      merge(into, first, true);
    }
  };
  const list = (depth: number): FieldSelection => {
    const selection: FieldSelection = new Map();
    field(selection, depth);
    while (fields[at] === ',') {
      at++;
      field(selection, depth);
    }
    return selection;
  };
  const selection = list(0);
  if (at !== fields.length) throw refused(fields);
  return selection;
}

/** The part of a JSON answer a selection names; lists keep every item, each projected. */
export function project(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, selection));
  if (typeof value !== 'object' || value === null) return value;
  const whole = selection.get('*');
  if (whole === true) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const selected = selection.get(key) ?? whole;
    if (selected === undefined) continue;
    out[key] = selected === true ? source[key] : project(source[key], selected);
  }
  return out;
}
