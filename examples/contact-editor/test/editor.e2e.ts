/**
 * The contact editor in a real browser against the real gateway and emulator. Each scenario
 * checks what the page shows and what the People API (the emulator's request log) received.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import {
  hasChromium,
  screenshot,
  seriousViolations,
  solidPng,
  startE2E,
  type E2E,
} from './support.js';

let e2e: E2E;

interface Sourced {
  metadata: { source: { type: string } | null } | null;
}
interface ReadPerson {
  etag: string;
  names: ({ givenName: string | null; familyName: string | null } & Sourced)[];
  emailAddresses: ({ value: string | null } & Sourced)[];
  phoneNumbers: ({ value: string | null } & Sourced)[];
  memberships: { contactGroupMembership: { contactGroupResourceName: string | null } | null }[];
  photos: ({ url: string | null; default: boolean | null } & Sourced)[];
}

const READ = `query Read($resourceName: ID!) {
  person(resourceName: $resourceName) {
    etag
    names { givenName familyName metadata { source { type } } }
    emailAddresses { value metadata { source { type } } }
    phoneNumbers { value metadata { source { type } } }
    memberships { contactGroupMembership { contactGroupResourceName } }
    photos { url default metadata { source { type } } }
  }
}`;

/** A fresh read through the gateway, as another client would make it. */
async function read(resourceName: string): Promise<ReadPerson> {
  const { person } = await e2e.gql<{ person: ReadPerson | null }>(READ, { resourceName });
  if (person === null) throw new Error(`${resourceName} does not resolve`);
  return person;
}

const contactOnly = <T extends Sourced>(values: T[]) =>
  values.filter((v) => v.metadata?.source?.type === 'CONTACT');

/** Opens a contact in the editor and waits until its form shows. */
async function openContact(resourceName: string, name: string): Promise<Page> {
  const page = await e2e.open(`#/contact/${encodeURIComponent(resourceName)}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
  return page;
}

const requestLines = async () =>
  (await e2e.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);

describe.runIf(hasChromium)('contact editor in the browser', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Undefined when the start-up failed: that error is the one to see.
    await (e2e as E2E | undefined)?.close();
  });

  it('lists the contacts page by page, searches them, and passes an axe scan', async () => {
    const page = await e2e.open();
    const list = page.getByRole('list', { name: 'Contacts' });
    await list.getByRole('link').first().waitFor();
    expect(await list.getByRole('link').count()).toBe(10);
    expect(await page.getByText('Showing 10 of 25 contacts.').isVisible()).toBe(true);
    expect(await list.getByRole('link', { name: /Countess Ada Lovelace/ }).isVisible()).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'list');

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Showing 20 of 25 contacts.').waitFor();
    const [pageTwo] = await e2e.requests();
    expect(pageTwo).toMatchObject({
      method: 'GET',
      path: '/v1/people/me/connections',
      status: 200,
    });
    expect(pageTwo?.query['pageSize']).toBe('10');
    expect(typeof pageTwo?.query['pageToken']).toBe('string');

    await page.getByLabel('Search loaded contacts').fill('hopper');
    await page.getByText(/^1 of the 20 loaded contacts match/).waitFor();
    expect(await list.getByRole('link').allInnerTexts()).toEqual([
      expect.stringContaining('Grace Hopper'),
    ]);
    await page.context().close();
  });

  it('saves an edited name with mask NAMES only, and a fresh read shows it', async () => {
    const name = DEMO_CONTACTS.starred;
    const before = await read(name);
    const page = await openContact(name, 'Margaret Hamilton');
    expect(await page.getByLabel('Given name', { exact: true }).inputValue()).toBe('Margaret');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'edit');

    await e2e.clearRequests();
    await page.getByLabel('Given name', { exact: true }).fill('Maggie');
    await page.getByText('Unsaved: Name.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved Name.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Maggie Hamilton' }).waitFor();

    const requests = await e2e.requests();
    expect(
      requests.map((r) => [r.method, r.path, r.status, r.query['updatePersonFields']]),
    ).toEqual([['PATCH', `/v1/${name}:updateContact`, 200, 'names']]);
    expect(requests[0]?.token).toBe('demo');

    const after = await read(name);
    expect(contactOnly(after.names)).toEqual([
      { givenName: 'Maggie', familyName: 'Hamilton', metadata: { source: { type: 'CONTACT' } } },
    ]);
    expect(after.emailAddresses).toEqual(before.emailAddresses);
    expect(after.phoneNumbers).toEqual(before.phoneNumbers);
    expect(after.memberships).toEqual(before.memberships);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Maggie Hamilton' }).waitFor();
    expect(await page.getByLabel('Given name', { exact: true }).inputValue()).toBe('Maggie');
    await page.context().close();
  });

  it('shows an edit made meanwhile beside the person’s own; “Keep mine” re-sends only their field', async () => {
    const name = DEMO_CONTACTS.ada;
    const page = await openContact(name, 'Countess Ada Lovelace');
    await page.getByLabel('Family name', { exact: true }).fill('King');

    // Another client changes the email addresses after the page read the contact.
    const meanwhile = await read(name);
    await e2e.gql(
      `mutation ($input: UpdateContactInput!) {
        updateContact(input: $input, mask: [EMAIL_ADDRESSES]) { __typename }
      }`,
      {
        input: {
          resourceName: name,
          etag: meanwhile.etag,
          emailAddresses: [{ value: 'ada@conflict.example', type: 'home' }],
        },
      },
    );
    const theirs = await read(name);

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('heading', { name: 'This contact changed while you were editing' })
      .waitFor();
    const cells = (field: string) => page.locator(`tr[data-field="${field}"] > *`).allInnerTexts();
    expect(await cells('names')).toEqual([
      'Name',
      'Countess Ada King',
      'Countess Ada Lovelace',
      'Changed by you',
    ]);
    expect(await cells('emailAddresses')).toEqual([
      'Email addresses',
      'ada@example.com (home); ada.lovelace@analytical.example (work)',
      'ada@conflict.example (home)',
      'Changed on the server',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'conflict');

    await page.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByText('Saved Name.').waitFor();

    const patches = (await e2e.requests()).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.path, r.status, r.query['updatePersonFields']])).toEqual([
      [`/v1/${name}:updateContact`, 400, 'names'],
      [`/v1/${name}:updateContact`, 200, 'names'],
    ]);

    const after = await read(name);
    expect(contactOnly(after.names)).toEqual([
      { givenName: 'Ada', familyName: 'King', metadata: { source: { type: 'CONTACT' } } },
    ]);
    // Nothing else is overwritten: the other client's email change stays.
    expect(after.emailAddresses).toEqual(theirs.emailAddresses);
    expect(after.phoneNumbers).toEqual(theirs.phoneNumbers);
    expect(await page.getByLabel('Email 1', { exact: true }).inputValue()).toBe(
      'ada@conflict.example',
    );
    await page.context().close();
  });

  it('“Take server’s version” drops the edit and sends nothing more', async () => {
    const name = DEMO_CONTACTS.linkedProfile;
    const page = await openContact(name, 'Grace Hopper');
    expect(await page.getByText('Grace Brewster Murray Hopper').isVisible()).toBe(true);
    await page.getByLabel('Middle name', { exact: true }).fill('B.');

    const meanwhile = await read(name);
    await e2e.gql(
      `mutation ($input: UpdateContactInput!) {
        updateContact(input: $input, mask: [NAMES]) { __typename }
      }`,
      {
        input: {
          resourceName: name,
          etag: meanwhile.etag,
          names: [{ givenName: 'Amazing', familyName: 'Grace' }],
        },
      },
    );

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Take server’s version' }).click();
    await page.getByText('Showing the server’s version; your edit was discarded.').waitFor();
    expect(await page.getByLabel('Given name', { exact: true }).inputValue()).toBe('Amazing');
    expect(await page.getByLabel('Middle name', { exact: true }).inputValue()).toBe('');
    const patches = (await e2e.requests()).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.status)).toEqual([400]);
    await page.context().close();
  });

  it('works from the keyboard: Tab to a contact, Enter to open it, Enter in a field to save', async () => {
    const page = await e2e.open();
    const first = page.getByRole('list', { name: 'Contacts' }).getByRole('link').first();
    await first.waitFor();
    const search = page.getByLabel('Search loaded contacts');
    await search.fill('vaughan');
    await search.focus();
    await page.keyboard.press('Tab');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dorothy Vaughan' }).waitFor();
    const family = page.getByLabel('Family name', { exact: true });
    await family.focus();
    await page.keyboard.press('End');
    await page.keyboard.type('-Johnson');
    await e2e.clearRequests();
    await page.keyboard.press('Enter');
    await page.getByText('Saved Name.').waitFor();
    expect(await requestLines()).toEqual([
      `PATCH /v1/${DEMO_CONTACTS.multiGroup}:updateContact 200`,
    ]);
    expect(contactOnly((await read(DEMO_CONTACTS.multiGroup)).names)[0]?.familyName).toBe(
      'Vaughan-Johnson',
    );
    await page.context().close();
  });

  it('sets a PNG chosen in the browser as the contact’s photo and shows its new URL', async () => {
    const name = DEMO_CONTACTS.minimal;
    const page = await openContact(name, 'Min Mal');
    const png = solidPng(48, [21, 101, 192]);

    await e2e.clearRequests();
    await page.getByLabel('Image file (JPEG or PNG)').setInputFiles({
      name: 'blue.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await page.getByRole('button', { name: 'Set as photo' }).click();
    await page.getByText('Photo set from blue.png.').waitFor();

    expect(await requestLines()).toEqual([`PATCH /v1/${name}:updateContactPhoto 200`]);
    const [photo] = contactOnly((await read(name)).photos).filter((p) => p.default !== true);
    expect(photo?.url).toEqual(expect.any(String));
    const img = page.getByRole('img', { name: 'Photo of Min Mal' });
    expect(await img.getAttribute('src')).toBe(photo?.url);
    const served = await fetch(photo?.url ?? '');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    await screenshot(page, 'photo');
    await page.context().close();
  });

  it('refuses a file that is not an image with a message, and calls no People API', async () => {
    const page = await openContact(DEMO_CONTACTS.nonAscii, 'José Núñez-Ødegård');
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
    const page = await openContact(name, 'Katherine Johnson');
    await page.getByRole('img', { name: 'Photo of Katherine Johnson' }).waitFor();
    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Remove photo' }).click();
    await page.getByText('Photo removed.').waitFor();
    await page.getByRole('img', { name: 'Default picture of Katherine Johnson' }).waitFor();
    expect(await requestLines()).toEqual([`DELETE /v1/${name}:deleteContactPhoto 200`]);
    const photos = contactOnly((await read(name)).photos);
    expect(photos.filter((p) => p.default !== true)).toEqual([]);
    await page.context().close();
  });

  it('shows a refused membership change at the contact groups, with no People API call', async () => {
    const page = await openContact(DEMO_CONTACTS.work, 'Tim Berners-Lee');
    const groups = page.getByRole('group', { name: 'Contact groups' });
    await groups.getByLabel('My Contacts').uncheck();
    await groups.getByLabel('Work').uncheck();
    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await groups.getByRole('alert').waitFor();
    expect(await groups.getByRole('alert').innerText()).toMatch(/group/i);
    expect(await e2e.requests()).toEqual([]);
    await page.context().close();
  });

  it('creates a contact, opens it, and finds it in the list', async () => {
    const page = await e2e.open();
    await page.getByRole('link', { name: 'New contact' }).click();
    await page.getByLabel('Given name', { exact: true }).fill('Jean');
    await page.getByLabel('Family name', { exact: true }).fill('Sammet');
    await page.getByLabel('Email 1', { exact: true }).fill('jean@sammet.example');
    await page.getByRole('group', { name: 'Contact groups' }).getByLabel('Book club').check();
    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jean Sammet' }).waitFor();
    const [created] = await e2e.requests();
    expect(created).toMatchObject({
      method: 'POST',
      path: '/v1/people:createContact',
      status: 200,
    });

    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page.getByLabel('Search loaded contacts').fill('sammet');
    // The new contact was modified last, so it comes last: load pages until it shows.
    for (let loaded = 10; loaded < 26;) {
      await page.getByRole('button', { name: 'Load more' }).click();
      loaded = Math.min(loaded + 10, 26);
      await page.getByText(`of the ${loaded} loaded contacts match`).waitFor();
    }
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const found = page.getByRole('list', { name: 'Contacts' }).getByRole('link');
    expect(await found.allInnerTexts()).toEqual([expect.stringContaining('Jean Sammet')]);
    expect(await page.getByText('1 of the 26 loaded contacts match (26 in all).').isVisible()).toBe(
      true,
    );
    await page.context().close();
  });

  it('asks for a token when the gateway answers UNAUTHENTICATED, and works again with a good one', async () => {
    const page = await e2e.open();
    await page.getByRole('list', { name: 'Contacts' }).getByRole('link').first().waitFor();
    await e2e.clearRequests();
    await page.getByLabel('Bearer token').fill('not-a-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByText('The gateway refused this token (UNAUTHENTICATED).').waitFor();
    expect(
      await page.getByLabel('Bearer token').evaluate((el) => el === document.activeElement),
    ).toBe(true);
    const refused = await e2e.requests();
    expect(refused.map((r) => [r.token, r.status])).toContainEqual(['not-a-token', 401]);

    await page.getByLabel('Bearer token').fill('demo');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByRole('list', { name: 'Contacts' }).getByRole('link').first().waitFor();
    expect(await page.getByText('The gateway refused this token').count()).toBe(0);
    await page.context().close();
  });

  it('says when to try again after the People API keeps answering 429', async () => {
    const page = await openContact(DEMO_CONTACTS.linkedProfile2, 'Alan Turing');
    await page.getByLabel('Middle name', { exact: true }).fill('M');
    const faults = new URL('__emulator/faults', e2e.example.emulatorUrl);
    await fetch(faults, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failRate: 1, failStatus: 429 }),
    });
    try {
      await e2e.clearRequests();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Try again' });
      await alert.waitFor({ timeout: 30_000 });
      const requests = await e2e.requests();
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((r) => r.method === 'PATCH' && r.status === 429)).toBe(true);
    } finally {
      await fetch(faults, { method: 'DELETE' });
    }
    await page.context().close();
  });
});
