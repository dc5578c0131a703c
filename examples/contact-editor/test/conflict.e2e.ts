/**
 * Saves that meet an edit made elsewhere, in a real browser against the real gateway and
 * emulator. The editor sends `previous` (what it read in the fields it edited): an edit elsewhere
 * to other fields is merged by the gateway, one to the same fields is a conflict to decide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { contactOnly, editElsewhere, openContact, read, requestLines } from './people.js';
import { hasChromium, screenshot, seriousViolations, startE2E, type E2E } from './support.js';

let e2e: E2E;

const etagOf = (body: unknown) =>
  typeof body === 'object' && body !== null && 'etag' in body ? body.etag : undefined;

const CONFLICT_HEADING = 'This contact changed while you were editing';

describe.runIf(hasChromium)('editor saves over edits made elsewhere', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Undefined when the start-up failed: that error is the one to see.
    await (e2e as E2E | undefined)?.close();
  });

  it('merges a save over an edit elsewhere to another field, says so, and shows that edit', async () => {
    const name = DEMO_CONTACTS.ada;
    const before = await read(e2e, name);
    const page = await openContact(e2e, name, 'Countess Ada Lovelace');
    await page.getByLabel('Family name', { exact: true }).fill('King');

    // Another client changes the email addresses after the page read the contact.
    await editElsewhere(e2e, name, 'EMAIL_ADDRESSES', {
      emailAddresses: [{ value: 'ada@elsewhere.example', type: 'home' }],
    });
    const theirs = await read(e2e, name);

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByText('Saved Name, merged with changes made elsewhere (Email addresses).')
      .waitFor();
    expect(await page.getByLabel('Email 1', { exact: true }).inputValue()).toBe(
      'ada@elsewhere.example',
    );
    expect(await page.getByLabel('Family name', { exact: true }).inputValue()).toBe('King');
    expect(await page.getByRole('heading', { name: CONFLICT_HEADING }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'merged');

    // The stale PATCH, the gateway's read of the masked fields, the PATCH on the version read.
    const requests = await e2e.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PATCH /v1/${name}:updateContact 400`,
      `GET /v1/people:batchGet 200`,
      `PATCH /v1/${name}:updateContact 200`,
    ]);
    const [stale, , merged] = requests;
    expect(stale?.query['updatePersonFields']).toBe('names');
    expect(merged?.query['updatePersonFields']).toBe('names');
    expect(etagOf(stale?.body)).toEqual(expect.any(String));
    // Sent again on the version the gateway read (an etag issued for it), not the stale one.
    expect(merged?.body).not.toMatchObject({ etag: etagOf(stale?.body) });
    expect(merged?.body).toMatchObject({
      names: [{ honorificPrefix: 'Countess', givenName: 'Ada', familyName: 'King' }],
    });

    const after = await read(e2e, name);
    expect(contactOnly(after.names)).toMatchObject([{ givenName: 'Ada', familyName: 'King' }]);
    expect(after.emailAddresses).toEqual(theirs.emailAddresses);
    expect(after.phoneNumbers).toEqual(before.phoneNumbers);
    await page.context().close();
  });

  it('shows only the conflicting field when the same field changed elsewhere; “Keep mine” sends the whole edit', async () => {
    const name = DEMO_CONTACTS.linkedProfile2;
    const page = await openContact(e2e, name, 'Alan Turing');
    await page.getByLabel('Family name', { exact: true }).fill('Turing-Smith');
    await page.getByLabel('Email 1', { exact: true }).fill('alan@manchester.example');

    await editElsewhere(e2e, name, 'NAMES', {
      names: [{ givenName: 'Alan', middleName: 'Mathison', familyName: 'Turing' }],
    });

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: CONFLICT_HEADING }).waitFor();
    const rows = page.locator('.conflict tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-field')))).toEqual(
      ['names'],
    );
    expect(await page.locator('tr[data-field="names"] > *').allInnerTexts()).toEqual([
      'Name',
      'Alan Turing-Smith',
      'Alan Mathison Turing',
      'Changed by you and on the server',
    ]);
    expect(await page.getByText(/^No conflict in Email addresses:/).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'conflict');
    // The stale PATCH and the read that found the names changed: nothing was overwritten.
    expect(await requestLines(e2e)).toEqual([
      `PATCH /v1/${name}:updateContact 400`,
      `GET /v1/people:batchGet 200`,
    ]);

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByText('Saved Name, Email addresses.').waitFor();
    const [kept] = await e2e.requests();
    expect(await requestLines(e2e)).toEqual([`PATCH /v1/${name}:updateContact 200`]);
    expect(kept?.query['updatePersonFields']).toBe('emailAddresses,names');

    const after = await read(e2e, name);
    expect(contactOnly(after.names)).toMatchObject([
      { givenName: 'Alan', familyName: 'Turing-Smith' },
    ]);
    expect(contactOnly(after.emailAddresses)).toMatchObject([{ value: 'alan@manchester.example' }]);
    await page.context().close();
  });

  it('“Take server’s version” drops the edit and sends nothing more', async () => {
    const name = DEMO_CONTACTS.linkedProfile;
    const page = await openContact(e2e, name, 'Grace Hopper');
    expect(await page.getByText('Grace Brewster Murray Hopper').isVisible()).toBe(true);
    await page.getByLabel('Middle name', { exact: true }).fill('B.');

    await editElsewhere(e2e, name, 'NAMES', {
      names: [{ givenName: 'Amazing', familyName: 'Grace' }],
    });

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Take server’s version' }).click();
    await page.getByText('Showing the server’s version; your edit was discarded.').waitFor();
    expect(await page.getByLabel('Given name', { exact: true }).inputValue()).toBe('Amazing');
    expect(await page.getByLabel('Middle name', { exact: true }).inputValue()).toBe('');
    expect(await requestLines(e2e)).toEqual([
      `PATCH /v1/${name}:updateContact 400`,
      `GET /v1/people:batchGet 200`,
    ]);
    await page.context().close();
  });

  it('“Take server’s version” keeps an edit without conflict in the form, to save next', async () => {
    const name = DEMO_CONTACTS.nonAscii;
    const page = await openContact(e2e, name, 'José Núñez-Ødegård');
    await page.getByLabel('Given name', { exact: true }).fill('Pepe');
    await page.getByLabel('Email 1', { exact: true }).fill('pepe@exemple.example');

    await editElsewhere(e2e, name, 'NAMES', {
      names: [{ givenName: 'Josep', familyName: 'Núñez-Ødegård' }],
    });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Take server’s version' }).click();
    await page
      .getByText('Showing the server’s version; your change to Email addresses is kept, unsaved.')
      .waitFor();
    expect(await page.getByLabel('Given name', { exact: true }).inputValue()).toBe('Josep');
    expect(await page.getByLabel('Email 1', { exact: true }).inputValue()).toBe(
      'pepe@exemple.example',
    );
    expect(await page.getByText('Unsaved: Email addresses.').isVisible()).toBe(true);

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved Email addresses.').waitFor();
    const [patch] = await e2e.requests();
    expect(await requestLines(e2e)).toEqual([`PATCH /v1/${name}:updateContact 200`]);
    expect(patch?.query['updatePersonFields']).toBe('emailAddresses');
    const after = await read(e2e, name);
    expect(contactOnly(after.names)).toMatchObject([{ givenName: 'Josep' }]);
    expect(contactOnly(after.emailAddresses)).toMatchObject([{ value: 'pepe@exemple.example' }]);
    await page.context().close();
  });
});
