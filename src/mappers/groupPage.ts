/**
 * Page tokens of `contacts(group:)`: the group and the position of the next member, opaque to
 * clients. Google pages no group's members (`contactGroups.get` answers the first `maxMembers`),
 * so the gateway counts positions itself; a token names its group, so it cannot page another
 * listing.
 */

const PREFIX = 'g1.';

/** A bound on positions: a forged token cannot ask Google for an unbounded `maxMembers`. */
export const MAX_GROUP_OFFSET = 100_000;

export function toGroupPageToken(group: string, offset: number): string {
  return PREFIX + Buffer.from(JSON.stringify([group, offset])).toString('base64url');
}

/** The position a token resumes at, or null when it is not a token of this group's listing. */
export function fromGroupPageToken(token: string, group: string): number | null {
  if (!token.startsWith(PREFIX)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== group) return null;
  const offset: unknown = parsed[1];
  return Number.isInteger(offset) &&
    (offset as number) > 0 &&
    (offset as number) <= MAX_GROUP_OFFSET
    ? (offset as number)
    : null;
}
