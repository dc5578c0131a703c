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

  const refused: [string, PhotoBytes, string][] = [
    ['undecodable', new UndecodableBytes(3), 'INVALID_ENCODING'],
    ['empty', Buffer.alloc(0), 'EMPTY'],
    ['a GIF', GIF_1X1, 'NOT_AN_IMAGE'],
    ['over the limit', Buffer.concat([PNG_1X1, Buffer.alloc(1000)]), 'TOO_LARGE'],
  ];
  it.each(refused)('refuses %s bytes as %s', (_what, bytes, reason) => {
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
