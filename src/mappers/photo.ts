import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLByte } from '../scalars.js';
import type { PhotoRejected } from '../generated/resolvers-types.js';
import type { UpdateContactPhotoRequest } from '../people/requests.js';

/** `photoBytes` that are not base64 or hex: kept so the mutation can answer `PhotoRejected`. */
export class UndecodableBytes {
  constructor(readonly length: number) {}
}

/** What the `Byte` scalar hands resolvers. */
export type PhotoBytes = Buffer | UndecodableBytes;

const HEX = /^[0-9A-Fa-f]+$/;
// Standard or URL-safe base64, padded or not (GAM sends urlsafe_b64encode output).
const LENIENT_BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Hex or base64 → bytes. Text of hex digits only is hex, as graphql-scalars' `Byte` decides, but
 * decoded here: its check re-prints 8-digit chunks through parseInt, so upper case and leading
 * zeros (a JPEG's "00104a46") fail it and fall through to base64, while an odd count is cut. Such
 * text is valid base64 too whenever its length is a multiple of 4, but never the base64 of a JPEG
 * or PNG, which starts "/9j/" or "iVBOR". Anything else is standard, URL-safe or unpadded base64.
 */
export function decodePhotoBytes(text: string): PhotoBytes {
  if (HEX.test(text)) {
    // Node's hex decoder stops at the last whole byte: an odd count is refused, not cut.
    return text.length % 2 === 0 ? Buffer.from(text, 'hex') : new UndecodableBytes(text.length);
  }
  const unpadded = text.replace(/=+$/, '');
  if (LENIENT_BASE64.test(text) && unpadded.length % 4 !== 1) {
    return Buffer.from(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  }
  return new UndecodableBytes(text.length);
}

/**
 * `Byte` for inputs: a string that does not decode is not a schema error but a `PhotoRejected`,
 * so a client learns why in the result union. Output is padded standard base64.
 */
export const ByteScalar = new GraphQLScalarType<PhotoBytes, string>({
  name: 'Byte',
  description: GraphQLByte.description,
  serialize: (value) => (Buffer.isBuffer(value) ? value.toString('base64') : ''),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('Byte must be a base64 string.');
    return decodePhotoBytes(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('Byte must be a base64 string.', { nodes: ast });
    return decodePhotoBytes(ast.value);
  },
});

export type PhotoRejectedResult = Omit<PhotoRejected, '__typename'> & {
  __typename: 'PhotoRejected';
};

export type PhotoRejectReason =
  'EMPTY' | 'INVALID_ENCODING' | 'NOT_AN_IMAGE' | 'TOO_LARGE' | 'REJECTED_UPSTREAM';

export function photoRejected(reason: PhotoRejectReason, message: string): PhotoRejectedResult {
  return { __typename: 'PhotoRejected', reason, message };
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image type by magic bytes, whatever the client claims; null when neither JPEG nor PNG. */
export function imageTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.subarray(0, JPEG.length).equals(JPEG)) return 'image/jpeg';
  if (bytes.subarray(0, PNG.length).equals(PNG)) return 'image/png';
  return null;
}

/**
 * The checks Google would make on a photo, made before the call: the bytes decode, are not
 * empty, are a JPEG or PNG ("All requests must have a valid photo format: JPEG or PNG") and fit
 * the limit. Returns the decoded bytes, or why they are refused.
 */
export function checkPhoto(
  bytes: PhotoBytes,
  maxBytes: number,
): { bytes: Buffer } | { error: PhotoRejectedResult } {
  if (bytes instanceof UndecodableBytes) {
    return {
      error: photoRejected(
        'INVALID_ENCODING',
        'photoBytes is neither base64 nor an even number of hex digits: send the image as padded standard base64.',
      ),
    };
  }
  if (bytes.length === 0) return { error: photoRejected('EMPTY', 'photoBytes is empty.') };
  if (bytes.length > maxBytes) {
    return {
      error: photoRejected(
        'TOO_LARGE',
        `The photo is ${bytes.length} bytes; the limit is ${maxBytes} bytes. Send a smaller image.`,
      ),
    };
  }
  if (imageTypeOf(bytes) === null) {
    return { error: photoRejected('NOT_AN_IMAGE', 'photoBytes is not a JPEG or PNG image.') };
  }
  return { bytes };
}

/**
 * GraphQL photo input → REST. `personFields` is left out when the selection reads no person:
 * Google then skips its post-mutate read.
 */
export function toUpdateContactPhotoRequest(
  resourceName: string,
  bytes: Buffer,
  personFields: string | null,
): UpdateContactPhotoRequest {
  return {
    resourceName,
    requestBody: {
      photoBytes: bytes.toString('base64'),
      ...(personFields === null ? {} : { personFields }),
    },
  };
}
