/**
 * The contact list in a real browser against the real gateway and emulator. Each scenario
 * checks what the page shows and what the People API (the emulator's request log) received.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { contactOnly, read, requestLines } from './people.js';
import { hasChromium, screenshot, seriousViolations, startE2E, type E2E } from './support.js';

let e2e: E2E;

/** The `people.searchContacts` requests since the last `clearRequests`: [query, pageSize]. */
async function searches(): Promise<unknown[][]> {
  const requests = await e2e.requests();
  expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
    requests.map(() => 'GET /v1/people:searchContacts 200'),
  );
  return requests.map((r) => [r.query['query'], r.query['pageSize']]);
}

/** The accessible name of the focused element, as a test reads it. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const labelled = el?.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    return el?.getAttribute('aria-label') ?? labelled?.textContent ?? el?.textContent ?? '';
  });

describe.runIf(hasChromium)('contact list in the browser', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Undefined when the start-up failed: that error is the one to see.
    await (e2e as E2E | undefined)?.close();
  });

  it('lists the contacts page by page, searches all of them on the server, and passes an axe scan', async () => {
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

    // The search runs on the server, over all contacts: Google's cache is warmed up first.
    await e2e.clearRequests();
    await page.getByLabel('Search all contacts').fill('hopper');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 contact matches “hopper”.').waitFor();
    expect(await list.getByRole('link').allInnerTexts()).toEqual([
      expect.stringContaining('Grace Hopper'),
    ]);
    expect(await searches()).toEqual([
      ['', '30'],
      ['hopper', '30'],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'search');

    // Warm already: a second search is one request. Enter in the box searches too.
    await e2e.clearRequests();
    await page.getByLabel('Search all contacts').fill('lovelace');
    await page.keyboard.press('Enter');
    await page.getByText('1 contact matches “lovelace”.').waitFor();
    expect(await searches()).toEqual([['lovelace', '30']]);

    // Back to the pages loaded before, from the cache.
    await e2e.clearRequests();
    await page.getByRole('link', { name: 'Clear search' }).click();
    await page.getByText('Showing 20 of 25 contacts.').waitFor();
    expect(await page.getByLabel('Search all contacts').inputValue()).toBe('');
    expect(await e2e.requests()).toEqual([]);
    await page.context().close();
  });

  it('works from the keyboard: Enter to search, Tab to a contact, Enter to open it, Enter in a field to save', async () => {
    const page = await e2e.open();
    const first = page.getByRole('list', { name: 'Contacts' }).getByRole('link').first();
    await first.waitFor();
    const search = page.getByLabel('Search all contacts');
    await search.fill('vaughan');
    await search.press('Enter');
    await page.getByText('1 contact matches “vaughan”.').waitFor();
    expect(await focusedName(page)).toBe('Search all contacts');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedName(page));
    }
    expect(order).toEqual([
      'Search',
      'Clear search',
      'Select Dorothy Vaughan',
      expect.stringContaining('Dorothy Vaughan'),
    ]);
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

  it('creates a contact, opens it, and finds it with a search right away', async () => {
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
    await page.getByText('Showing 10 of 26 contacts.').waitFor();
    // The contact was modified last, so it comes last in the list; the search finds it at once.
    await e2e.clearRequests();
    await page.getByLabel('Search all contacts').fill('sammet');
    await page.keyboard.press('Enter');
    await page.getByText('1 contact matches “sammet”.').waitFor();
    const found = page.getByRole('list', { name: 'Contacts' }).getByRole('link');
    expect(await found.allInnerTexts()).toEqual([expect.stringContaining('Jean Sammet')]);
    // After the caller's write the gateway warms Google's search cache up again, or the new
    // contact would not be found yet.
    expect(await searches()).toEqual([
      ['', '30'],
      ['sammet', '30'],
    ]);
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
