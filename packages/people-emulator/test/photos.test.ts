import { people } from 'googleapis/build/src/apis/people/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, startEmulator, type RunningEmulator } from '../src/index.js';
import {
  FAKE_JPEG,
  PNG_1X1,
  call,
  getPerson,
  invalidArgument,
  type ApiResponse,
  type ErrorBody,
  type Person,
} from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ maxPhotoBytes: 1024 });
});
afterAll(async () => {
  await emu.close();
});

function updatePhoto(
  resourceName: string,
  body: unknown,
): Promise<ApiResponse<{ person?: Person } & ErrorBody>> {
  return call(emu, 'PATCH', `v1/${resourceName}:updateContactPhoto`, { body });
}

describe('updateContactPhoto', () => {
  it('updateContactPhoto - answers {} without personFields, stores bytes and moves the etag', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.ada, 'photos');
    expect(before.photos?.[0]?.default).toBe(true);
    const response = await updatePhoto(DEMO_CONTACTS.ada, {
      photoBytes: FAKE_JPEG.toString('base64'),
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({});
    const after = await getPerson(emu, DEMO_CONTACTS.ada, 'photos');
    expect(after.etag).not.toBe(before.etag);
    const photo = after.photos?.[0];
    expect(photo?.default).toBeUndefined();
    expect(photo?.metadata?.source?.type).toBe('CONTACT');
    const image = await fetch(photo?.url ?? '');
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(FAKE_JPEG);
  });

  it('updateContactPhoto - returns {person} with a new URL each time when personFields is set', async () => {
    const first = await updatePhoto(DEMO_CONTACTS.withPhoto, {
      photoBytes: PNG_1X1.toString('base64'),
      personFields: 'photos',
    });
    const second = await updatePhoto(DEMO_CONTACTS.withPhoto, {
      photoBytes: PNG_1X1.toString('base64'),
      personFields: 'photos',
    });
    const firstUrl = first.json.person?.photos?.[0]?.url;
    const secondUrl = second.json.person?.photos?.[0]?.url;
    expect(firstUrl?.startsWith(`${emu.url}__emulator/photos/`)).toBe(true);
    expect(secondUrl).not.toBe(firstUrl);
    expect(second.json.person?.etag).not.toBe(first.json.person?.etag);
    const image = await fetch(secondUrl ?? '');
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG_1X1);
  });

  it('updateContactPhoto - accepts URL-safe base64 without padding', async () => {
    const bytes = Buffer.concat([FAKE_JPEG, Buffer.from([0xfb, 0xff, 0xfe])]);
    const urlSafe = bytes.toString('base64url');
    expect(urlSafe).toMatch(/[-_]/);
    const response = await updatePhoto(DEMO_CONTACTS.cjk, {
      photoBytes: urlSafe,
      personFields: 'photos',
    });
    expect(response.status).toBe(200);
    const image = await fetch(response.json.person?.photos?.[0]?.url ?? '');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(bytes);
  });

  it('updateContactPhoto - rejects bytes that are not base64', async () => {
    const text = '!!! not base64 at all, really not base64, no';
    const response = await updatePhoto(DEMO_CONTACTS.ada, { photoBytes: text });
    expect(response.status).toBe(400);
    const message = `Invalid value at 'photo_bytes' (TYPE_BYTES), Base64 decoding failed for "${text.slice(0, 40)}"`;
    expect(response.json.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', message });
  });

  it('updateContactPhoto - rejects non-images, oversize images and missing bytes', async () => {
    const gif = await updatePhoto(DEMO_CONTACTS.ada, {
      photoBytes: Buffer.from('GIF89a....').toString('base64'),
    });
    // Google's message for bytes that are not JPEG or PNG (guyzyl/whatsapp-contact-sync#10).
    expect(gif.json).toEqual(invalidArgument('Invalid photo format'));
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(2000)]);
    const oversize = await updatePhoto(DEMO_CONTACTS.ada, { photoBytes: big.toString('base64') });
    expect(oversize.status).toBe(400);
    expect(oversize.json.error.status).toBe('INVALID_ARGUMENT');
    const empty = await updatePhoto(DEMO_CONTACTS.ada, {});
    expect(empty.status).toBe(400);
  });

  it('updateContactPhoto - a body over the 20 MiB limit answers 413 in the Google envelope', async () => {
    const response = await updatePhoto(DEMO_CONTACTS.ada, {
      photoBytes: 'A'.repeat(21 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(response.json.error).toMatchObject({
      code: 413,
      message: 'Request payload size exceeds the limit: 20971520 bytes.',
    });
  });

  it('updateContactPhoto - people/me is not a valid contact person resource', async () => {
    const response = await updatePhoto('people/me', { photoBytes: PNG_1X1.toString('base64') });
    expect(response.json).toEqual(
      invalidArgument('Resource name "people/me" is not a valid contact person resource.'),
    );
  });

  it('updateContactPhoto - works through the googleapis client', async () => {
    const client = people({ version: 'v1', rootUrl: emu.url });
    const response = await client.people.updateContactPhoto(
      {
        resourceName: DEMO_CONTACTS.starred,
        requestBody: { photoBytes: PNG_1X1.toString('base64'), personFields: 'photos' },
      },
      { headers: { Authorization: 'Bearer demo' } },
    );
    expect(response.data.person?.photos?.[0]?.url).toMatch(/__emulator\/photos\/p\d+-/);
  });
});

describe('photo methods on unknown contacts', () => {
  it('updateContactPhoto and deleteContactPhoto - answer 404 NOT_FOUND for an unknown contact', async () => {
    const update = await updatePhoto('people/c1001000000000009999', {
      photoBytes: PNG_1X1.toString('base64'),
    });
    expect(update.status).toBe(404);
    expect(update.json.error.status).toBe('NOT_FOUND');
    const remove = await call<ErrorBody>(
      emu,
      'DELETE',
      'v1/people/c1001000000000009999:deleteContactPhoto',
    );
    expect(remove.status).toBe(404);
    expect(remove.json.error.message).toBe('Requested entity was not found.');
  });
});

describe('deleteContactPhoto', () => {
  it('deleteContactPhoto - removes the photo, shows the default one and moves the etag', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.work, 'photos');
    await updatePhoto(DEMO_CONTACTS.work, { photoBytes: PNG_1X1.toString('base64') });
    const withPhoto = await getPerson(emu, DEMO_CONTACTS.work, 'photos');
    expect(withPhoto.photos?.[0]?.default).toBeUndefined();
    const plain = await call(emu, 'DELETE', `v1/${DEMO_CONTACTS.work}:deleteContactPhoto`);
    expect(plain.status).toBe(200);
    expect(plain.json).toEqual({});
    const response = await call<{ person: Person }>(
      emu,
      'DELETE',
      `v1/${DEMO_CONTACTS.work}:deleteContactPhoto`,
      { query: { personFields: 'photos' } },
    );
    expect(response.json.person.photos).toEqual(before.photos);
    expect(response.json.person.etag).not.toBe(withPhoto.etag);
  });
});
