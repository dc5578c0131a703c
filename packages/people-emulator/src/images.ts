import { invalidArgument } from './errors.js';

/** A 1×1 PNG served for default (never uploaded) photos, like Google's letter avatars. */
export const DEFAULT_PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const DEFAULT_PHOTO_ID = 'default';

export interface StoredPhoto {
  bytes: Buffer;
  contentType: 'image/jpeg' | 'image/png';
}

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/**
 * Decodes `photoBytes` the way proto3 JSON does: standard or URL-safe alphabet, padding optional.
 * Node's decoder silently skips bad characters, so the text is checked first.
 */
export function decodePhotoBytes(text: string): Buffer {
  const unpadded = text.replace(/=+$/, '');
  const padding = text.length - unpadded.length;
  const valid =
    BASE64.test(text) && unpadded.length % 4 !== 1 && (padding === 0 || text.length % 4 === 0);
  if (!valid) {
    throw invalidArgument(
      `Invalid value at 'photo_bytes' (TYPE_BYTES), Base64 decoding failed for "${text.slice(0, 40)}"`,
      'photo_bytes',
    );
  }
  return Buffer.from(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Content type from magic bytes; undefined for anything but JPEG or PNG. */
export function sniffImage(bytes: Buffer): StoredPhoto['contentType'] | undefined {
  if (bytes.subarray(0, 3).equals(JPEG_MAGIC)) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(PNG_MAGIC)) return 'image/png';
  return undefined;
}

/**
 * Checks decoded bytes (400 INVALID_ARGUMENT, Google's status for bad arguments). Bytes that are
 * not JPEG or PNG get Google's message "Invalid photo format", quoted from a live answer in
 * https://github.com/guyzyl/whatsapp-contact-sync/pull/10. No capture shows empty or oversized
 * bytes: those messages are the emulator's own (docs/people-api.md#unknown), and so is the limit.
 */
export function validatePhoto(bytes: Buffer, maxBytes: number): StoredPhoto {
  if (bytes.length === 0) {
    throw invalidArgument('Request must specify photo_bytes.', 'photo_bytes');
  }
  if (bytes.length > maxBytes) {
    throw invalidArgument(
      `Photo bytes exceed the maximum size of ${maxBytes} bytes (got ${bytes.length}).`,
      'photo_bytes',
    );
  }
  const contentType = sniffImage(bytes);
  if (!contentType) throw invalidArgument('Invalid photo format');
  return { bytes, contentType };
}
