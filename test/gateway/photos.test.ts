import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_CONTACTS } from 'people-emulator';
import { GIF_1X1, JPEG_1X1, PNG_1X1 } from '../support/images.js';
import { startStack, type Stack } from '../support/stack.js';

const MAX_PHOTO_BYTES = 4096;

const SET_PHOTO = /* GraphQL */ `
  mutation SetPhoto($input: UpdateContactPhotoInput!) {
    updateContactPhoto(input: $input) {
      __typename
      ... on UpdateContactPhotoSuccess {
        person {
          resourceName
          etag
          photos {
            url
            default
          }
        }
      }
      ... on PhotoRejected {
        reason
        message
      }
      ... on MutationError {
        message
      }
    }
  }
`;

interface PhotoView {
  resourceName: string;
  etag: string;
  photos: { url: string; default: boolean | null }[];
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { MAX_PHOTO_BYTES: String(MAX_PHOTO_BYTES) } });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

async function readPhotos(name: string): Promise<PhotoView> {
  const res = await stack.gql<{ person: PhotoView }>(
    `query($n: ID!) { person(resourceName: $n) { resourceName etag photos { url default } } }`,
    { n: name },
  );
  const person = res.body.data?.person;
  if (!person) throw new Error(`no person ${name}`);
  return person;
}

async function setPhoto(resourceName: string, photoBytes: string) {
  const res = await stack.gql<{
    updateContactPhoto: Record<string, unknown> & { person?: PhotoView };
  }>(SET_PHOTO, {
    input: { resourceName, photoBytes },
  });
  expect(res.body.errors).toBeUndefined();
  const result = res.body.data?.updateContactPhoto;
  if (!result) throw new Error('no result');
  return result;
}

async function download(url: string): Promise<{ type: string | null; bytes: Buffer }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('updateContactPhoto', () => {
  it.each([
    ['PNG', PNG_1X1, 'image/png', DEMO_CONTACTS.minimal],
    ['JPEG', JPEG_1X1, 'image/jpeg', DEMO_CONTACTS.emailOnly],
  ])(
    'accepts a %s, changes the etag, and serves the same bytes at photos[].url',
    async (_kind, image, type, name) => {
      const before = await readPhotos(name);
      await stack.clearRequests();

      const result = await setPhoto(name, image.toString('base64'));

      expect(result).toEqual({
        __typename: 'UpdateContactPhotoSuccess',
        person: {
          resourceName: name,
          etag: expect.any(String) as unknown,
          photos: [{ url: expect.any(String) as unknown, default: null }],
        },
      });
      const person = result.person;
      if (!person) throw new Error('no person');
      expect(person.etag).not.toBe(before.etag);
      expect(person.photos[0]?.url).not.toBe(before.photos[0]?.url);
      expect((await stack.requests()).map((r) => [r.method, r.path])).toEqual([
        ['PATCH', `/v1/${name}:updateContactPhoto`],
      ]);
      expect(await download(person.photos[0]?.url ?? '')).toEqual({ type, bytes: image });
      expect((await readPhotos(name)).photos).toEqual(person.photos);
    },
  );

  it('accepts URL-safe base64 without padding', async () => {
    const urlSafe = PNG_1X1.toString('base64url');
    expect(urlSafe).not.toContain('=');
    const result = await setPhoto(DEMO_CONTACTS.starred, urlSafe);
    expect(result.__typename).toBe('UpdateContactPhotoSuccess');
    expect((await download(result.person?.photos[0]?.url ?? '')).bytes).toEqual(PNG_1X1);
  });

  it.each([
    ['JPEG', 'lower', JPEG_1X1, JPEG_1X1.toString('hex'), DEMO_CONTACTS.multiGroup],
    ['PNG', 'upper', PNG_1X1, PNG_1X1.toString('hex').toUpperCase(), DEMO_CONTACTS.work],
  ])(
    'accepts a %s in %s-case hex and stores exactly its bytes',
    async (_kind, _case, image, hex, name) => {
      const result = await setPhoto(name, hex);

      expect(result.__typename).toBe('UpdateContactPhotoSuccess');
      const [patch] = await stack.requests();
      expect(patch?.body).toEqual({
        photoBytes: image.toString('base64'),
        personFields: 'photos',
      });
      expect((await download(result.person?.photos[0]?.url ?? '')).bytes).toEqual(image);
    },
  );

  it.each([
    ['a GIF', GIF_1X1.toString('base64'), 'NOT_AN_IMAGE'],
    [
      'random bytes',
      Buffer.from('this is not an image at all, only text').toString('base64'),
      'NOT_AN_IMAGE',
    ],
    ['invalid base64', 'not base64!*', 'INVALID_ENCODING'],
    // 271 digits: also 3 over a group of four, which base64 would take as two more bytes.
    ['an odd number of hex digits', `${JPEG_1X1.toString('hex')}fff`, 'INVALID_ENCODING'],
    ['empty bytes', '', 'EMPTY'],
    [
      'an oversized PNG',
      Buffer.concat([PNG_1X1, Buffer.alloc(MAX_PHOTO_BYTES)]).toString('base64'),
      'TOO_LARGE',
    ],
  ])('refuses %s with PhotoRejected and no upstream call', async (_what, photoBytes, reason) => {
    const before = await readPhotos(DEMO_CONTACTS.withPhoto);
    await stack.clearRequests();
    const result = await setPhoto(DEMO_CONTACTS.withPhoto, photoBytes);
    expect(result).toEqual({
      __typename: 'PhotoRejected',
      reason,
      message: expect.any(String) as unknown,
    });
    expect(await stack.requests()).toEqual([]);
    expect(await readPhotos(DEMO_CONTACTS.withPhoto)).toEqual(before);
  });

  it('asks Google for no person when the selection does not read one', async () => {
    const res = await stack.gql(
      `mutation($input: UpdateContactPhotoInput!) { updateContactPhoto(input: $input) { __typename } }`,
      { input: { resourceName: DEMO_CONTACTS.ada, photoBytes: PNG_1X1.toString('base64') } },
    );
    expect(res.body).toEqual({
      data: { updateContactPhoto: { __typename: 'UpdateContactPhotoSuccess' } },
    });
    const [request] = await stack.requests();
    expect(request?.body).toEqual({ photoBytes: expect.any(String) as unknown });
  });

  it('sends the personFields of the selection when it reads the person', async () => {
    await setPhoto(DEMO_CONTACTS.ada, PNG_1X1.toString('base64'));
    const [request] = await stack.requests();
    expect(request?.body).toEqual({
      photoBytes: expect.any(String) as unknown,
      personFields: 'photos',
    });
  });

  it('maps a contact that does not exist to ContactNotFound and people/me to MissingSource', async () => {
    expect(await setPhoto('people/c999999999999', PNG_1X1.toString('base64'))).toMatchObject({
      __typename: 'ContactNotFound',
    });
    expect(await setPhoto('people/me', PNG_1X1.toString('base64'))).toMatchObject({
      __typename: 'MissingSource',
    });
  });
});

describe('deleteContactPhoto', () => {
  it('removes the photo: the contact shows its default photo again with a new etag', async () => {
    const set = await setPhoto(DEMO_CONTACTS.cjk, PNG_1X1.toString('base64'));
    const res = await stack.gql<{ deleteContactPhoto: { __typename: string; person: PhotoView } }>(
      `mutation($n: ID!) { deleteContactPhoto(resourceName: $n) { __typename ... on DeleteContactPhotoSuccess { person { etag photos { url default } } } } }`,
      { n: DEMO_CONTACTS.cjk },
    );
    const deleted = res.body.data?.deleteContactPhoto;
    expect(deleted?.__typename).toBe('DeleteContactPhotoSuccess');
    expect(deleted?.person.photos).toEqual([{ url: expect.any(String) as unknown, default: true }]);
    expect(deleted?.person.etag).not.toBe(set.person?.etag);
    expect((await readPhotos(DEMO_CONTACTS.cjk)).photos).toEqual(deleted?.person.photos);
    expect((await download(deleted?.person.photos[0]?.url ?? '')).type).toBe('image/png');
  });
});

describe('updateContactPhoto at the default limits', () => {
  it('admits a photo of exactly MAX_PHOTO_BYTES through the default body limit, and refuses one byte more', async () => {
    const own = await startStack();
    try {
      const limit = loadConfig({}).maxPhotoBytes;
      const largest = Buffer.concat([PNG_1X1, Buffer.alloc(limit - PNG_1X1.length, 7)]);
      const send = (bytes: Buffer) =>
        own.gql<{ updateContactPhoto: { __typename: string; reason?: string } }>(
          `mutation($input: UpdateContactPhotoInput!) { updateContactPhoto(input: $input) { __typename ... on PhotoRejected { reason } } }`,
          { input: { resourceName: DEMO_CONTACTS.ada, photoBytes: bytes.toString('base64') } },
        );

      const accepted = await send(largest);
      expect([accepted.status, accepted.body.data?.updateContactPhoto]).toEqual([
        200,
        { __typename: 'UpdateContactPhotoSuccess' },
      ]);
      const tooLarge = await send(Buffer.concat([largest, Buffer.from([0])]));
      expect(tooLarge.body.data?.updateContactPhoto).toEqual({
        __typename: 'PhotoRejected',
        reason: 'TOO_LARGE',
      });
      expect((await own.requests()).map((r) => r.path)).toEqual([
        `/v1/${DEMO_CONTACTS.ada}:updateContactPhoto`,
      ]);
    } finally {
      await own.close();
    }
  });
});
