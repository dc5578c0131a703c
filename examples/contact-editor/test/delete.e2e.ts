/**
 * Deleting contacts in a real browser against the real gateway and emulator: the open contact
 * (`deleteContact`) and the selected ones (`deleteContacts`, one `batchDeleteContacts`), each
 * after a confirmation dialog. Each scenario checks the page and the emulator's request log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { openContact, readOrNull, requestLines } from './people.js';
import { hasChromium, screenshot, seriousViolations, startE2E, type E2E } from './support.js';

let e2e: E2E;

describe.runIf(hasChromium)('deleting contacts in the browser', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Undefined when the start-up failed: that error is the one to see.
    await (e2e as E2E | undefined)?.close();
  });

  it('deletes the open contact once confirmed in a dialog; Escape and Cancel send nothing', async () => {
    const name = DEMO_CONTACTS.minimal;
    const page = await openContact(e2e, name, 'Min Mal');
    const opener = page.locator('.view-header').getByRole('button', { name: 'Delete contact' });
    const dialog = page.getByRole('dialog', { name: 'Delete Min Mal?' });
    await e2e.clearRequests();

    await opener.click();
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate(isActive)).toBe(true);
    expect(await dialog.innerText()).toContain('This cannot be undone.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'delete-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await opener.evaluate(isActive)).toBe(true);

    await opener.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await e2e.requests()).toEqual([]);

    await opener.click();
    await dialog.getByRole('button', { name: 'Delete contact' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted Min Mal.' }).waitFor();
    await page.getByText('Showing 10 of 24 contacts.').waitFor();
    // The delete, then the list read again (its pages and count changed).
    expect(await requestLines(e2e)).toEqual([
      `DELETE /v1/${name}:deleteContact 200`,
      'GET /v1/people/me/connections 200',
    ]);
    expect(await readOrNull(e2e, name)).toBeNull();
    await page.context().close();
  });

  it('deletes the selected contacts with one batchDeleteContacts once confirmed', async () => {
    const page = await e2e.open();
    const list = page.getByRole('list', { name: 'Contacts' });
    await list.getByRole('link').first().waitFor();
    await page.getByLabel('Select Katherine Johnson').check();
    await page.getByLabel('Select Margaret Hamilton').check();
    const bar = page.getByRole('region', { name: 'Selected contacts' });
    expect(await bar.getByText('2 contacts selected').innerText()).toBe(
      '2 contacts selected: Katherine Johnson, Margaret Hamilton',
    );

    await e2e.clearRequests();
    await bar.getByRole('button', { name: 'Delete selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 contacts?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'delete-selected');
    await dialog.getByRole('button', { name: 'Delete contacts' }).click();
    await bar.getByText('Deleted 2 contacts.').waitFor();
    await page.getByText('Showing 10 of 22 contacts.').waitFor();

    const requests = await e2e.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v1/people:batchDeleteContacts 200',
      'GET /v1/people/me/connections 200',
    ]);
    expect(requests[0]?.body).toEqual({
      resourceNames: [DEMO_CONTACTS.withPhoto, DEMO_CONTACTS.starred],
    });
    expect(await readOrNull(e2e, DEMO_CONTACTS.withPhoto)).toBeNull();
    expect(await readOrNull(e2e, DEMO_CONTACTS.starred)).toBeNull();
    expect(
      await list.getByRole('link', { name: /Katherine Johnson|Margaret Hamilton/ }).count(),
    ).toBe(0);
    expect(await bar.getByText('selected').count()).toBe(0);
    await page.context().close();
  });
});

function isActive(element: Element): boolean {
  return element === document.activeElement;
}
