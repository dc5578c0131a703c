/**
 * Upstream requests of the batch mutations, for the "upstream requests per operation" table:
 * ⌈N/200⌉ calls for N updates or creates, ⌈N/500⌉ for deletes, none for items refused before the
 * call, and the quota row: 200 contacts updated in one `updateContacts` cost one call, against 200
 * for 200 `updateContact`s.
 */
import type { RequestLogEntry } from 'people-emulator';

type Answer = Record<string, unknown> | null | undefined;

/** What `checkUpstreamRequests` lends: its GraphQL call, its checked run, the emulator URL. */
export interface BatchCheckTools {
  emulatorUrl: string;
  token: string;
  gql: (query: string, variables: object) => Promise<Answer>;
  check: (
    operation: string,
    expected: number,
    expectedAnswer: string,
    run: () => Promise<string>,
  ) => Promise<RequestLogEntry[]>;
}

interface Made {
  resourceName: string;
  etag: string;
}

const UPDATE_CONTACTS = `mutation($inputs: [UpdateContactInput!]!) {
  updateContacts(inputs: $inputs, mask: [NAMES]) { results { __typename } } }`;
const CREATE_CONTACTS = `mutation($inputs: [CreateContactInput!]!) {
  createContacts(inputs: $inputs) { results { __typename } } }`;
const DELETE_CONTACT = `mutation($name: ID!) { deleteContact(resourceName: $name) { __typename } }`;
const DELETE_CONTACTS = `mutation($names: [ID!]!) {
  deleteContacts(resourceNames: $names) { __typename } }`;
const UPDATE_ONE = `mutation($input: UpdateContactInput!) {
  updateContact(input: $input, mask: [NAMES]) { __typename } }`;

/** `2× A, B`: the answers' typenames, counted in order of first appearance. */
function tally(typenames: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of typenames) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n}× ${t}`).join(', ');
}

function results(answer: Answer, field: string): string {
  const payload = answer?.[field] as { results?: { __typename: string }[] } | undefined;
  return tally((payload?.results ?? []).map((r) => r.__typename));
}

function typename(answer: Answer, field: string): string {
  const value = answer?.[field] as { __typename?: string } | undefined;
  return value?.__typename ?? '?';
}

/** Contacts made straight at the emulator (200 a `batchCreateContacts`), outside the table. */
async function make(tools: BatchCheckTools, count: number, prefix: string): Promise<Made[]> {
  const made: Made[] = [];
  for (let i = 0; i < count; i += 200) {
    const n = Math.min(200, count - i);
    const res = await fetch(`${tools.emulatorUrl}v1/people:batchCreateContacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tools.token}` },
      body: JSON.stringify({
        contacts: Array.from({ length: n }, (_, j) => ({
          contactPerson: { names: [{ givenName: `${prefix}${i + j}` }] },
        })),
        readMask: 'names',
      }),
    });
    const body = (await res.json()) as { createdPeople?: { person?: Partial<Made> }[] };
    for (const { person } of body.createdPeople ?? []) {
      if (!person?.resourceName || !person.etag) throw new Error(`seed: HTTP ${res.status}`);
      made.push({ resourceName: person.resourceName, etag: person.etag });
    }
  }
  return made;
}

const renamed = (c: Made, givenName: string) => ({
  resourceName: c.resourceName,
  etag: c.etag,
  names: [{ givenName }],
});

/** Adds the batch rows to the table through `tools.check`. */
export async function checkBatchRequests(tools: BatchCheckTools): Promise<void> {
  const { check, gql } = tools;
  const updateAll = (contacts: Made[], name: string) => async () =>
    results(
      await gql(UPDATE_CONTACTS, { inputs: contacts.map((c) => renamed(c, name)) }),
      'updateContacts',
    );

  const quota = await make(tools, 200, 'Quota');
  await check(
    'quota: 200 contacts through one updateContacts',
    1,
    '200× UpdateContactSuccess',
    updateAll(quota, 'Once'),
  );
  const singles = await make(tools, 200, 'Single');
  await check(
    'quota: the same 200 through 200 updateContact',
    200,
    '200× UpdateContactSuccess',
    async () => {
      const answers: string[] = [];
      for (const c of singles) {
        const answer = await gql(UPDATE_ONE, { input: renamed(c, 'One') });
        answers.push(typename(answer, 'updateContact'));
      }
      return tally(answers);
    },
  );
  const many = await make(tools, 450, 'Many');
  await check(
    'updateContacts, 450 contacts (⌈450/200⌉)',
    3,
    '450× UpdateContactSuccess',
    updateAll(many, 'Many'),
  );

  const [first, second] = many;
  if (!first || !second) throw new Error('no contacts to refuse');
  await check(
    'updateContacts, 3 items refused before the call',
    0,
    '2× FieldNotInMask, 1× InvalidArgument',
    async () =>
      results(
        await gql(UPDATE_CONTACTS, {
          inputs: [
            { ...renamed(first, 'X'), emailAddresses: [{ value: 'x@example.com' }] },
            { ...renamed(second, 'X'), urls: [{ value: 'https://example.com' }] },
            { ...renamed(first, 'X'), resourceName: 'people/c1:deleteContact' },
          ],
        }),
        'updateContacts',
      ),
  );

  await check('createContacts, 200 contacts', 1, '200× CreateContactSuccess', async () =>
    results(
      await gql(CREATE_CONTACTS, {
        inputs: Array.from({ length: 200 }, (_, i) => ({ names: [{ givenName: `New${i}` }] })),
      }),
      'createContacts',
    ),
  );
  await check('deleteContact', 1, 'DeleteContactSuccess', async () =>
    typename(await gql(DELETE_CONTACT, { name: first.resourceName }), 'deleteContact'),
  );
  const doomed = [...many.slice(1), ...(await make(tools, 151, 'Doomed'))];
  await check('deleteContacts, 600 names (⌈600/500⌉)', 2, 'DeleteContactsSuccess', async () =>
    typename(
      await gql(DELETE_CONTACTS, { names: doomed.map((c) => c.resourceName) }),
      'deleteContacts',
    ),
  );
}
