/**
 * The contact list in a real browser against the real gateway and emulator. Each scenario
 * checks what the page shows and what the People API (the emulator's request log) received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { contactOnly, read, requestLines } from './people.js';
import { hasChromium, screenshot, seriousViolations, startE2E, type E2E } from './support.js';

let e2e: E2E;

describe.runIf(hasChromium)('contact list in the browser', () => {
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
    expect(await requestLines(e2e)).toEqual([
      `PATCH /v1/${DEMO_CONTACTS.multiGroup}:updateContact 200`,
    ]);
    expect(contactOnly((await read(e2e, DEMO_CONTACTS.multiGroup)).names)[0]?.familyName).toBe(
      'Vaughan-Johnson',
    );
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
});
