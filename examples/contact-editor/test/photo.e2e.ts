/**
 * The photo panel in a real browser against the real gateway and emulator. Each scenario
 * checks what the page shows and what the People API (the emulator's request log) received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { contactOnly, openContact, read, requestLines } from './people.js';
import { hasChromium, screenshot, solidPng, startE2E, type E2E } from './support.js';

let e2e: E2E;

describe.runIf(hasChromium)('photo panel in the browser', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Undefined when the start-up failed: that error is the one to see.
    await (e2e as E2E | undefined)?.close();
  });

  it('sets a PNG chosen in the browser as the contact’s photo and shows its new URL', async () => {
    const name = DEMO_CONTACTS.minimal;
    const page = await openContact(e2e, name, 'Min Mal');
    const png = solidPng(48, [21, 101, 192]);

    await e2e.clearRequests();
    await page.getByLabel('Image file (JPEG or PNG)').setInputFiles({
      name: 'blue.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await page.getByRole('button', { name: 'Set as photo' }).click();
    await page.getByText('Photo set from blue.png.').waitFor();

    expect(await requestLines(e2e)).toEqual([`PATCH /v1/${name}:updateContactPhoto 200`]);
    const [photo] = contactOnly((await read(e2e, name)).photos).filter((p) => p.default !== true);
    expect(photo?.url).toEqual(expect.any(String));
    const img = page.getByRole('img', { name: 'Photo of Min Mal' });
    expect(await img.getAttribute('src')).toBe(photo?.url);
    const served = await fetch(photo?.url ?? '');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    await screenshot(page, 'photo');
    await page.context().close();
  });

  it('refuses a file that is not an image with a message, and calls no People API', async () => {
    const page = await openContact(e2e, DEMO_CONTACTS.nonAscii, 'José Núñez-Ødegård');
    await e2e.clearRequests();
    await page.getByLabel('Image file (JPEG or PNG)').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('These are notes, not a picture.'),
    });
    await page.getByRole('button', { name: 'Set as photo' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'notes.txt was refused' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('(NOT_AN_IMAGE)');
    expect(await e2e.requests()).toEqual([]);
    await page.context().close();
  });

  it('removes a contact photo', async () => {
    const name = DEMO_CONTACTS.withPhoto;
    const page = await openContact(e2e, name, 'Katherine Johnson');
    await page.getByRole('img', { name: 'Photo of Katherine Johnson' }).waitFor();
    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Remove photo' }).click();
    await page.getByText('Photo removed.').waitFor();
    await page.getByRole('img', { name: 'Default picture of Katherine Johnson' }).waitFor();
    expect(await requestLines(e2e)).toEqual([`DELETE /v1/${name}:deleteContactPhoto 200`]);
    const photos = contactOnly((await read(e2e, name)).photos);
    expect(photos.filter((p) => p.default !== true)).toEqual([]);
    await page.context().close();
  });
});
