/**
 * The contact editor in a real browser against the real gateway and emulator. Each scenario
 * checks what the page shows and what the People API (the emulator's request log) received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { contactOnly, openContact, read } from './people.js';
import { hasChromium, screenshot, seriousViolations, startE2E, type E2E } from './support.js';

let e2e: E2E;

describe.runIf(hasChromium)('contact editor in the browser', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Undefined when the start-up failed: that error is the one to see.
    await (e2e as E2E | undefined)?.close();
  });

  it('saves an edited name with mask NAMES only, and a fresh read shows it', async () => {
    const name = DEMO_CONTACTS.starred;
    const before = await read(e2e, name);
    const page = await openContact(e2e, name, 'Margaret Hamilton');
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

    const after = await read(e2e, name);
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

  it('shows a refused membership change at the contact groups, with no People API call', async () => {
    const page = await openContact(e2e, DEMO_CONTACTS.work, 'Tim Berners-Lee');
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

  it('says when to try again after the People API keeps answering 429', async () => {
    const page = await openContact(e2e, DEMO_CONTACTS.linkedProfile2, 'Alan Turing');
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
