/**
 * Request bodies: read up to a byte limit (a larger body is refused without being buffered), and
 * a linear scan of JSON nesting before `JSON.parse`, whose cost on a deeply nested document of
 * several megabytes would stall the event loop.
 */
import type { IncomingMessage } from 'node:http';
import { countOf } from '../documentLimits.js';

/** JSON bodies nest at most this deep: an update's variables nest about 6 levels. */
export const MAX_JSON_NESTING = 64;

export type BodyRead =
  | { kind: 'complete'; text: string }
  | { kind: 'too-large' }
  /** The client went away before the body was complete. */
  | { kind: 'aborted' };

/**
 * The body as text, or `too-large` as soon as it passes `limit` bytes (declared or streamed).
 * Past the limit, what still arrives is read and dropped, so the client can read the 413 instead
 * of meeting a reset while it is still sending.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => {
      req.removeListener('data', onData);
      req.resume();
      resolve({ kind: 'too-large' });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    };
    if (declared > limit) {
      tooLarge();
      return;
    }
    req.on('data', onData);
    req.on('end', () => {
      resolve({ kind: 'complete', text: Buffer.concat(chunks).toString('utf8') });
    });
    // 'close' after 'end' changes nothing: a promise settles once.
    req.on('close', () => {
      resolve({ kind: 'aborted' });
    });
    req.on('error', () => {
      resolve({ kind: 'aborted' });
    });
  });
}

/**
 * Whether JSON `text` nests arrays and objects deeper than `max`. Linear and allocation-free;
 * brackets inside strings (with their escapes) do not count. A text with no more than `max`
 * opening brackets in all (a photo's base64 has none) is not scanned character by character.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  if (countOf(text, ['{', '[']) <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
