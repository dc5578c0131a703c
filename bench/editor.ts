/**
 * The contact-editor workload: what an editor's screens select (names, email addresses, phone
 * numbers, metadata sources), for an update with mask [NAMES, EMAIL_ADDRESSES], a read of one
 * contact and a page of 10. The direct clients send what the gateway sends for the same
 * selections (learnt from the emulator's request log, `editorRequests`).
 */
import type { EmulatorAdmin, Contact } from './emulator.js';

/** What an editor shows of a contact after saving it. */
const SAVED_SELECTION =
  'resourceName etag names { givenName familyName displayName } emailAddresses { value type } metadata { sources { type id etag } }';
/** What an editor shows of a contact it opens or lists. */
const SHOWN_SELECTION =
  'resourceName etag names { givenName familyName displayName } emailAddresses { value type } phoneNumbers { value type } metadata { sources { type id etag } }';

export const EDITOR_UPDATE = `mutation($input: UpdateContactInput!){ updateContact(input:$input, mask:[NAMES, EMAIL_ADDRESSES]){ __typename ... on UpdateContactSuccess { person { ${SAVED_SELECTION} } } } }`;
export const EDITOR_READ = `query($n: ID!){ person(resourceName:$n){ ${SHOWN_SELECTION} } }`;
export const EDITOR_LIST = `query{ contacts(pageSize: 10){ persons { ${SHOWN_SELECTION} } nextPageToken } }`;

/** Contacts per editor user: the first is edited and read, all ten are listed. */
export const EDITOR_CONTACTS_PER_USER = 10;

/** The n-th save of a worker: a new name and a new email address. */
export function editorChange(n: number) {
  return {
    names: [{ givenName: `Ada ${n}`, familyName: 'Lovelace' }],
    emailAddresses: [{ value: `ada.${n}@example.com`, type: 'work' }],
  };
}

/** A contact as an editor's user has them: a name, an email address and a phone number. */
function editorPerson(i: number) {
  return {
    names: [{ givenName: `Ada ${i}`, familyName: 'Lovelace' }],
    emailAddresses: [{ value: `ada.${i}@example.com`, type: 'work' }],
    phoneNumbers: [{ value: `+44 20 7946 0${String(100 + i)}`, type: 'mobile' }],
  };
}

/** Ten contacts for `token`; resolves to the first (the one edited and read). */
export async function createEditorContacts(admin: EmulatorAdmin, token: string): Promise<Contact> {
  const created: Contact[] = [];
  for (let i = 0; i < EDITOR_CONTACTS_PER_USER; i++) {
    created.push(await admin.createPerson(token, editorPerson(i)));
  }
  const [first] = created;
  if (first === undefined) throw new Error('no editor contact');
  return first;
}

/** The query parameters the gateway sent upstream for the editor's operations. */
export interface EditorRequests {
  update: { personFields: string; updatePersonFields: string };
  read: { personFields: string };
  list: { personFields: string };
}

type Gql = (token: string, query: string, variables: object) => Promise<unknown>;

/** The one upstream request `send` made, from the emulator's log. */
async function upstreamOf(admin: EmulatorAdmin, send: () => Promise<unknown>) {
  await admin.clearRequests();
  const answer = await send();
  const [request, ...more] = await admin.requests();
  if (request === undefined || more.length > 0) {
    throw new Error(`editor probe: ${more.length + (request ? 1 : 0)} upstream requests, not 1`);
  }
  return { request, answer };
}

/**
 * Sends each editor operation once through the gateway and reads what reached the emulator, so
 * that the direct clients ask for exactly the same fields.
 */
export async function editorRequests(gql: Gql, admin: EmulatorAdmin): Promise<EditorRequests> {
  const contact = await admin.createPerson('demo', editorPerson(0));
  const queryOf = async (send: () => Promise<unknown>) => {
    const { request } = await upstreamOf(admin, send);
    const param = (name: string) => {
      const value = request.query[name];
      return Array.isArray(value) ? value.join(',') : (value ?? '');
    };
    return param;
  };
  const update = await queryOf(() =>
    gql(contact.token, EDITOR_UPDATE, {
      input: { resourceName: contact.resourceName, etag: contact.etag, ...editorChange(0) },
    }),
  );
  const read = await queryOf(() => gql(contact.token, EDITOR_READ, { n: contact.resourceName }));
  const list = await queryOf(() => gql(contact.token, EDITOR_LIST, {}));
  await admin.clearRequests();
  return {
    update: {
      personFields: update('personFields'),
      updatePersonFields: update('updatePersonFields'),
    },
    read: { personFields: read('personFields') },
    list: { personFields: list('personFields') },
  };
}

/** `record` with its keys in order: the order of a query's parameters carries no meaning. */
function sortedKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Refuses a floor (bench/floor.ts) that does not do the gateway's work: for each editor read, the
 * same one upstream request (method, path, query) and the same answer as the gateway's.
 */
export async function checkFloor(
  gateway: Gql,
  floor: Gql,
  admin: EmulatorAdmin,
  contact: Contact,
): Promise<void> {
  const reads: [string, object][] = [
    [EDITOR_READ, { n: contact.resourceName }],
    [EDITOR_LIST, {}],
  ];
  for (const [query, variables] of reads) {
    const via = (gql: Gql) =>
      upstreamOf(admin, () => gql(contact.token, query, variables)).then(({ request, answer }) =>
        JSON.stringify({
          request: [request.method, request.path, sortedKeys(request.query)],
          answer,
        }),
      );
    const [ours, floors] = [await via(gateway), await via(floor)];
    if (ours !== floors) {
      throw new Error(
        `the floor differs from the gateway:\n  gateway ${ours}\n  floor   ${floors}`,
      );
    }
  }
  await admin.clearRequests();
}
