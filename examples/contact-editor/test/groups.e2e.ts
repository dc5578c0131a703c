/**
 * Contact groups in a real browser against the real gateway and emulator: the groups view
 * (create, rename at the etag read, `GroupEtagConflict`, delete), a group's members in the list,
 * and membership changes with `modifyContactGroupMembers` from the editor and the selection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, DEMO_USER_GROUPS } from 'people-emulator';
import { contactOnly, openContact, read, requestLines } from './people.js';
import { hasChromium, screenshot, seriousViolations, startE2E, type E2E } from './support.js';

let e2e: E2E;

interface GroupRead {
  resourceName: string;
  etag: string | null;
  name: string | null;
}

/** The demo user's group as another client reads it through the gateway. */
async function readGroup(resourceName: string): Promise<GroupRead> {
  const { contactGroups } = await e2e.gql<{ contactGroups: { contactGroups: GroupRead[] } }>(
    '{ contactGroups(pageSize: 100) { contactGroups { resourceName etag name } } }',
  );
  const group = contactGroups.contactGroups.find((g) => g.resourceName === resourceName);
  if (group === undefined) throw new Error(`no group ${resourceName}`);
  return group;
}

const groupsOf = (person: Awaited<ReturnType<typeof read>>) =>
  person.memberships.map((m) => m.contactGroupMembership?.contactGroupResourceName);

describe.runIf(hasChromium)('contact groups in the browser', () => {
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Undefined when the start-up failed: that error is the one to see.
    await (e2e as E2E | undefined)?.close();
  });

  it('creates a group, renames it and deletes it from the groups view', async () => {
    const page = await e2e.open('#/groups');
    const own = page.getByRole('list', { name: 'Your groups' });
    await own.getByRole('link', { name: 'Book club' }).waitFor();
    expect(await own.getByRole('link').allInnerTexts()).toEqual([
      'Family trip',
      'Book club',
      'Work',
    ]);

    await e2e.clearRequests();
    await page.getByLabel('New group name').fill('Climbing');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByText('Created the group “Climbing”.').waitFor();
    await own.getByRole('link', { name: 'Climbing' }).waitFor();
    const created = await e2e.requests();
    // The create, then the group list read again to show it.
    expect(created.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v1/contactGroups 200',
      'GET /v1/contactGroups 200',
    ]);
    expect(created[0]?.body).toMatchObject({ contactGroup: { name: 'Climbing' } });
    const href = (await own.getByRole('link', { name: 'Climbing' }).getAttribute('href')) ?? '';
    const group = decodeURIComponent(href.replace('#/group/', ''));
    expect(group).toMatch(/^contactGroups\/\w+$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'groups');

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Rename Climbing' }).click();
    await page.getByLabel('New name for Climbing').fill('Bouldering');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Renamed “Climbing” to “Bouldering”.').waitFor();
    const [renamed] = await e2e.requests();
    expect(await requestLines(e2e)).toEqual([`PUT /v1/${group} 200`]);
    expect(renamed?.body).toMatchObject({
      contactGroup: { name: 'Bouldering', etag: expect.any(String) as unknown },
    });

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Delete Bouldering' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the group “Bouldering”?' });
    expect(await dialog.getByLabel('Also delete its 0 contacts').isChecked()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete group' }).click();
    await page.getByText('Deleted the group “Bouldering”.').waitFor();
    expect(await own.getByRole('link').allInnerTexts()).toEqual([
      'Family trip',
      'Book club',
      'Work',
    ]);
    const deleted = await e2e.requests();
    expect(deleted.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `DELETE /v1/${group} 200`,
    ]);
    expect(deleted[0]?.query['deleteContacts']).not.toBe('true');
    await page.context().close();
  });

  it('shows GroupEtagConflict when the group was renamed elsewhere, then renames it anyway on its new etag', async () => {
    const group = DEMO_USER_GROUPS.bookClub;
    const page = await e2e.open('#/groups');
    await page.getByRole('button', { name: 'Rename Book club' }).click();
    await page.getByLabel('New name for Book club').fill('Readers');

    // Another client renames the group after the page read it.
    const before = await readGroup(group);
    await e2e.gql(
      `mutation ($r: ID!, $e: String!) {
        updateContactGroup(resourceName: $r, etag: $e, name: "Reading circle") { __typename }
      }`,
      { r: group, e: before.etag },
    );

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Save name' }).click();
    await page
      .getByRole('heading', { name: 'This group changed while you were renaming it' })
      .waitFor();
    expect(await page.getByText('It is now called “Reading circle”.').innerText()).toBe(
      'It is now called “Reading circle”. Your name “Readers” was not saved.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'group-conflict');
    // The refused PUT (Google's 409 'Contact group etag is outdated'), then the group as it is.
    const refused = await e2e.requests();
    expect(refused.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PUT /v1/${group} 409`,
      `GET /v1/${group} 200`,
    ]);

    await e2e.clearRequests();
    await page.getByRole('button', { name: 'Rename to “Readers” anyway' }).click();
    await page.getByText('Renamed “Book club” to “Readers”.').waitFor();
    const sent = await e2e.requests();
    expect(sent.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`PUT /v1/${group} 200`]);
    expect(sent[0]?.body).toMatchObject({ contactGroup: { name: 'Readers' } });
    expect(sent[0]?.body).not.toMatchObject({ contactGroup: { etag: before.etag } });
    expect((await readGroup(group)).name).toBe('Readers');
    await page
      .getByRole('list', { name: 'Your groups' })
      .getByRole('link', { name: 'Readers' })
      .waitFor();
    await page.context().close();
  });

  it('lists the members of a group', async () => {
    const page = await e2e.open();
    await page.getByRole('list', { name: 'Contacts' }).getByRole('link').first().waitFor();
    await e2e.clearRequests();
    const filter = page.getByRole('navigation', { name: 'Show contacts of' });
    await filter.getByRole('link', { name: 'Family trip (1)' }).click();
    await page.getByText('Showing 1 of 1 contacts in Family trip.').waitFor();
    expect(
      await page.getByRole('list', { name: 'Contacts' }).getByRole('link').allInnerTexts(),
    ).toEqual([expect.stringContaining('Dorothy Vaughan')]);
    expect(
      await filter.getByRole('link', { name: 'Family trip (1)' }).getAttribute('aria-current'),
    ).toBe('page');
    // The group's member names, then those members.
    expect(await requestLines(e2e)).toEqual([
      `GET /v1/${DEMO_USER_GROUPS.familyTrip} 200`,
      'GET /v1/people:batchGet 200',
    ]);
    await page.context().close();
  });

  it('adds the open contact to a group and removes it at once, and saves on the new etag', async () => {
    const name = DEMO_CONTACTS.minimal;
    const work = DEMO_USER_GROUPS.work;
    const page = await openContact(e2e, name, 'Min Mal');
    const panel = page.getByRole('region', { name: 'Groups' });
    const memberOf = panel.getByRole('list', { name: /^Groups of / });
    expect(await memberOf.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('My Contacts'),
    ]);

    await e2e.clearRequests();
    await panel.getByLabel('Add to group').selectOption({ label: 'Work' });
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await panel.getByText('Added to Work.').waitFor();
    await memberOf.getByRole('button', { name: 'Remove from Work' }).waitFor();
    expect(
      await page.getByRole('group', { name: 'Contact groups' }).getByLabel('Work').isChecked(),
    ).toBe(true);
    const added = await e2e.requests();
    // The change, then the group counts and the contact (its new etag) read again.
    expect(added.map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'GET /v1/contactGroups 200',
      'GET /v1/people:batchGet 200',
      `POST /v1/${work}/members:modify 200`,
    ]);
    expect(added.find((r) => r.method === 'POST')?.body).toEqual({
      resourceNamesToAdd: [name],
      resourceNamesToRemove: [],
    });
    expect(groupsOf(await read(e2e, name))).toContain(work);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'editor-groups');

    // The form saves on the etag read after the change: no conflict.
    await e2e.clearRequests();
    await page.getByLabel('Given name', { exact: true }).fill('Minnie');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved Name.').waitFor();
    expect(await requestLines(e2e)).toEqual([`PATCH /v1/${name}:updateContact 200`]);

    await e2e.clearRequests();
    await memberOf.getByRole('button', { name: 'Remove from Work' }).click();
    await panel.getByText('Removed from Work.').waitFor();
    const removed = await e2e.requests();
    expect(removed.filter((r) => r.method !== 'GET').map((r) => [r.path, r.body])).toEqual([
      [`/v1/${work}/members:modify`, { resourceNamesToAdd: [], resourceNamesToRemove: [name] }],
    ]);
    const after = await read(e2e, name);
    expect(groupsOf(after)).not.toContain(work);
    expect(contactOnly(after.names)).toMatchObject([{ givenName: 'Minnie' }]);

    // Its last group cannot be left: Google answers which contact stayed.
    await memberOf.getByRole('button', { name: 'Remove from My Contacts' }).click();
    await panel.getByRole('alert').filter({ hasText: 'Not removed' }).waitFor();
    expect(groupsOf(await read(e2e, name))).toEqual(['contactGroups/myContacts']);
    await page.context().close();
  });

  it('adds the selected contacts to a group with one members.modify call', async () => {
    const page = await e2e.open();
    await page.getByRole('list', { name: 'Contacts' }).getByRole('link').first().waitFor();
    await page.getByLabel('Select Grace Hopper').check();
    await page.getByLabel('Select Alan Turing').check();
    const bar = page.getByRole('region', { name: 'Selected contacts' });
    await e2e.clearRequests();
    await bar.getByLabel('Group').selectOption({ label: 'Family trip' });
    await bar.getByRole('button', { name: 'Add to group' }).click();
    await bar.getByText('Added 2 contacts to Family trip.').waitFor();
    const filter = page.getByRole('navigation', { name: 'Show contacts of' });
    await filter.getByRole('link', { name: 'Family trip (3)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'selection');

    const requests = await e2e.requests();
    const writes = requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `POST /v1/${DEMO_USER_GROUPS.familyTrip}/members:modify 200`,
    ]);
    expect(writes[0]?.body).toEqual({
      resourceNamesToAdd: [DEMO_CONTACTS.linkedProfile, DEMO_CONTACTS.linkedProfile2],
      resourceNamesToRemove: [],
    });
    expect(requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/v1/contactGroups',
    ]);
    await filter.getByRole('link', { name: 'Family trip (3)' }).click();
    await page.getByText('Showing 3 of 3 contacts in Family trip.').waitFor();
    await page.context().close();
  });
});
