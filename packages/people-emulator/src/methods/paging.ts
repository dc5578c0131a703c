/** Page sizes and page tokens of the list methods. */
import { invalidArgument, type ApiError } from '../errors.js';
import { isJsonObject } from '../person/json.js';
import type { Query } from '../query.js';

export function parsePageSize(value: string | undefined, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d+$/.test(value)) {
    throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${value}"`, 'page_size');
  }
  const size = Number(value);
  if (size === 0) return fallback;
  if (size < 1 || size > max) {
    // Emulator wording; the range is the discovery document's.
    throw invalidArgument(
      `Page size must be between 1 and ${max}, inclusive (got ${size}).`,
      'page_size',
    );
  }
  return size;
}

export function rejectSyncToken(query: Query): void {
  if (query.one('syncToken') !== undefined) {
    throw invalidArgument(
      'Sync tokens are not supported by the People API emulator.',
      'sync_token',
    );
  }
}

export interface PageToken {
  order: string;
  after: string;
}

export function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function invalidPageToken(): ApiError {
  return invalidArgument('Request contains an invalid argument.', 'page_token');
}

export function decodeToken(text: string): PageToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidPageToken();
  }
  if (
    !isJsonObject(parsed) ||
    typeof parsed.order !== 'string' ||
    typeof parsed.after !== 'string'
  ) {
    throw invalidPageToken();
  }
  return { order: parsed.order, after: parsed.after };
}
