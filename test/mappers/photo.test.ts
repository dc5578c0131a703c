import { describe, expect, it } from 'vitest';
import {
  checkPhoto,
  decodePhotoBytes,
  imageTypeOf,
  toUpdateContactPhotoRequest,
  UndecodableBytes,
  type PhotoBytes,
} from '../../src/mappers/photo.js';
import { GIF_1X1, JPEG_1X1, PNG_1X1 } from '../support/images.js';

describe('decodePhotoBytes', () => {
  it('decodes padded standard, URL-safe and unpadded base64 to the same bytes', () => {
    for (const text of [
      PNG_1X1.toString('base64'),
      PNG_1X1.toString('base64url'),
      PNG_1X1.toString('base64').replace(/=+$/, ''),
    ]) {
      expect(decodePhotoBytes(text)).toEqual(PNG_1X1);
    }
  });

  it('keeps undecodable text as UndecodableBytes instead of throwing', () => {
    expect(decodePhotoBytes('not base64!*')).toEqual(new UndecodableBytes(12));
    expect(decodePhotoBytes('zzzzz')).toBeInstanceOf(UndecodableBytes);
  });

  it('decodes lower- and upper-case hex of a real JPEG and PNG byte for byte', () => {
    // Both start with bytes that graphql-scalars' hex check misreads ("00104a46" has leading
    // zeros) and are multiples of 4 digits long, so they are also valid base64.
    for (const image of [JPEG_1X1, PNG_1X1]) {
      const hex = image.toString('hex');
      expect(hex.length % 4).toBe(0);
      expect(decodePhotoBytes(hex)).toEqual(image);
      expect(decodePhotoBytes(hex.toUpperCase())).toEqual(image);
    }
  });

  it('reads text of hex digits only as hex, whatever else it could be', () => {
    // "deadbeef" is valid base64 too (6 other bytes); hex wins, as in graphql-scalars' Byte.
    expect(decodePhotoBytes('deadbeef')).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(decodePhotoBytes('00ff00FF')).toEqual(Buffer.from([0x00, 0xff, 0x00, 0xff]));
  });

  it('refuses an odd number of hex digits instead of dropping the last one', () => {
    expect(decodePhotoBytes('abc')).toEqual(new UndecodableBytes(3));
    expect(decodePhotoBytes(`${JPEG_1X1.toString('hex')}f`)).toBeInstanceOf(UndecodableBytes);
  });

  it('refuses base64 that cannot be whole: one character over a group of four, or padding inside', () => {
    expect(decodePhotoBytes('QUJDR')).toBeInstanceOf(UndecodableBytes);
    expect(decodePhotoBytes('QQ==QQ==')).toBeInstanceOf(UndecodableBytes);
    expect(decodePhotoBytes('QUJD RA==')).toBeInstanceOf(UndecodableBytes);
  });

  it('decodes empty text to no bytes (checkPhoto answers EMPTY)', () => {
    expect(decodePhotoBytes('')).toEqual(Buffer.alloc(0));
  });
});

describe('checkPhoto', () => {
  it('accepts JPEG and PNG by magic bytes within the limit', () => {
    expect(checkPhoto(PNG_1X1, 1000)).toEqual({ bytes: PNG_1X1 });
    expect(checkPhoto(JPEG_1X1, 1000)).toEqual({ bytes: JPEG_1X1 });
    expect([imageTypeOf(PNG_1X1), imageTypeOf(JPEG_1X1), imageTypeOf(GIF_1X1)]).toEqual([
      'image/png',
      'image/jpeg',
      null,
    ]);
  });

  const refused: [string, string, PhotoBytes][] = [
    ['undecodable', 'INVALID_ENCODING', new UndecodableBytes(3)],
    ['empty', 'EMPTY', Buffer.alloc(0)],
    ['a GIF', 'NOT_AN_IMAGE', GIF_1X1],
    ['over the limit', 'TOO_LARGE', Buffer.concat([PNG_1X1, Buffer.alloc(1000)])],
  ];
  it.each(refused)('refuses %s bytes as %s', (_what, reason, bytes) => {
    expect(checkPhoto(bytes, 1000)).toEqual({
      error: { __typename: 'PhotoRejected', reason, message: expect.any(String) as unknown },
    });
  });
});

describe('toUpdateContactPhotoRequest', () => {
  it('sends standard base64, and personFields only when a person is read back', () => {
    expect(toUpdateContactPhotoRequest('people/c1', PNG_1X1, null)).toEqual({
      resourceName: 'people/c1',
      requestBody: { photoBytes: PNG_1X1.toString('base64') },
    });
    expect(toUpdateContactPhotoRequest('people/c1', PNG_1X1, 'photos')).toEqual({
      resourceName: 'people/c1',
      requestBody: { photoBytes: PNG_1X1.toString('base64'), personFields: 'photos' },
    });
  });
});
