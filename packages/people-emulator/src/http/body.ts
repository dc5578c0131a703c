/** Request bodies: read with a size limit (Google answers 413 over it), then parsed as JSON. */
import type { IncomingMessage } from 'node:http';
import { invalidArgument } from '../errors.js';

/** Large enough for a 10 MiB photo in base64; Google's own limit is not published. */
export const MIN_BODY_LIMIT = 20 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining so the answer can still be written on this connection.
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new BodyTooLarge());
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` ${error.message}` : '';
    throw invalidArgument(`Invalid JSON payload received.${detail}`);
  }
}

/** Room for a photo of `maxPhotoBytes` in base64 and the rest of its JSON body. */
export function bodyLimitFor(maxPhotoBytes: number): number {
  return Math.max(MIN_BODY_LIMIT, Math.ceil((maxPhotoBytes * 4) / 3) + 65536);
}
