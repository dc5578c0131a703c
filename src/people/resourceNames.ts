/**
 * The resource names the gateway accepts, in one place: resolvers and mappers check arguments
 * with it, and the upstream client refuses any other value before it builds a URL.
 * Persons: https://developers.google.com/people/api/rest/v1/people/get ("people/{person_id}",
 * "people/me"); contact groups: https://developers.google.com/people/api/rest/v1/contactGroups/get.
 */

/** Google's names are under 30 characters; the cap keeps a hostile one out of URLs and logs. */
export const MAX_RESOURCE_NAME_LENGTH = 100;

/** How the grammar reads in messages; messages never repeat the caller's string. */
export const PERSON_RESOURCE_NAME_GRAMMAR =
  'people/me, or "people/" followed by an optional "c" and ASCII decimal digits ' +
  `(people/c1234567890), at most ${MAX_RESOURCE_NAME_LENGTH} characters`;

// `people/c…` is a contact; `people/` + digits a profile, or a contact linked to one. Without the
// `m` flag, `$` is the end of the string (a trailing newline does not match).
const PERSON = /^people\/(?:me|c?[0-9]+)$/;
const CONTACT_GROUP = /^contactGroups\/[A-Za-z0-9]+$/;

export function isPersonResourceName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= MAX_RESOURCE_NAME_LENGTH && PERSON.test(name);
}

export function isContactGroupResourceName(name: unknown): name is string {
  return (
    typeof name === 'string' && name.length <= MAX_RESOURCE_NAME_LENGTH && CONTACT_GROUP.test(name)
  );
}

/** How a contact group's name reads in messages. */
export const CONTACT_GROUP_RESOURCE_NAME_GRAMMAR =
  '"contactGroups/" followed by ASCII letters and digits (contactGroups/myContacts, ' +
  `contactGroups/65189743883aabaf), at most ${MAX_RESOURCE_NAME_LENGTH} characters`;

/** A value the upstream client will not put in a request path. */
export class InvalidResourceName extends Error {
  override name = 'InvalidResourceName';
  constructor(grammar = PERSON_RESOURCE_NAME_GRAMMAR) {
    super(`Refused a resource name outside the grammar: ${grammar}.`);
  }
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-]+$/;
const SAFE_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-') {
  SAFE_BYTE[c.charCodeAt(0)] = 1;
}

function encodeSegment(segment: string): string {
  // The WHATWG URL parser removes empty-looking and dot segments (also `%2e`, `.%2E`, …), so
  // they could move the request to another path whatever the encoding.
  if (segment === '' || segment === '.' || segment === '..') throw new InvalidResourceName();
  if (SAFE_SEGMENT.test(segment)) return segment;
  let encoded = '';
  // UTF-8 bytes; a lone surrogate becomes U+FFFD, never raw text.
  for (const byte of Buffer.from(segment, 'utf8')) {
    encoded += SAFE_BYTE[byte]
      ? String.fromCharCode(byte)
      : `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;
  }
  return encoded;
}

/**
 * A value for a googleapis `{+name}` path parameter: each `/`-separated segment percent-encoded
 * outside `[A-Za-z0-9_-]`, `%` included. Reserved expansion (RFC 6570) keeps `%XX` triplets and
 * would pass `?`, `#`, `:` and `;` raw, so no value can change the method, path or query.
 * Throws InvalidResourceName for an empty, `.` or `..` segment.
 */
export function encodePathParam(value: string): string {
  return value.split('/').map(encodeSegment).join('/');
}

/** A person name for a request path; throws InvalidResourceName outside the grammar. */
export function toPersonPathParam(name: string): string {
  if (!isPersonResourceName(name)) throw new InvalidResourceName();
  return encodePathParam(name);
}

/** A contact group name for a request path; throws InvalidResourceName outside the grammar. */
export function toContactGroupPathParam(name: string): string {
  if (!isContactGroupResourceName(name)) {
    throw new InvalidResourceName(CONTACT_GROUP_RESOURCE_NAME_GRAMMAR);
  }
  return encodePathParam(name);
}
