/** What the scenarios read and write through the gateway as another client, and page helpers. */
import type { Page } from 'playwright-core';
import type { E2E } from './support.js';

interface Sourced {
  metadata: { source: { type: string } | null } | null;
}
export interface ReadPerson {
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

/** A fresh read through the gateway, as another client would make it; null when it is gone. */
export async function readOrNull(e2e: E2E, resourceName: string): Promise<ReadPerson | null> {
  const { person } = await e2e.gql<{ person: ReadPerson | null }>(READ, { resourceName });
  return person;
}

export async function read(e2e: E2E, resourceName: string): Promise<ReadPerson> {
  const person = await readOrNull(e2e, resourceName);
  if (person === null) throw new Error(`${resourceName} does not resolve`);
  return person;
}

/**
 * Another client's edit between the page's read and its save: `updateContact` through the
 * gateway on the etag read just before, with these fields and this mask.
 */
export async function editElsewhere(
  e2e: E2E,
  resourceName: string,
  mask: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const { etag } = await read(e2e, resourceName);
  const { updateContact } = await e2e.gql<{ updateContact: { __typename: string } }>(
    `mutation ($input: UpdateContactInput!) {
      updateContact(input: $input, mask: [${mask}]) { __typename }
    }`,
    { input: { resourceName, etag, ...fields } },
  );
  if (updateContact.__typename !== 'UpdateContactSuccess') {
    throw new Error(`the edit elsewhere failed: ${updateContact.__typename}`);
  }
}

export const contactOnly = <T extends Sourced>(values: T[]) =>
  values.filter((v) => v.metadata?.source?.type === 'CONTACT');

/** Opens a contact in the editor and waits until its form shows. */
export async function openContact(e2e: E2E, resourceName: string, name: string): Promise<Page> {
  const page = await e2e.open(`#/contact/${encodeURIComponent(resourceName)}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
  return page;
}

/** The emulator's log as `METHOD path status` lines. */
export const requestLines = async (e2e: E2E) =>
  (await e2e.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
