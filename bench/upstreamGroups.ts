/**
 * Upstream requests of the contact group operations and of search, for the "upstream requests
 * per operation" table: one call per group operation, ⌈N/1000⌉ for N members, none for a system
 * group, and searchContacts' warm-up: 1 warm-up + 1 search for a first search (or the first after
 * a write), 1 for the next.
 */
import type { RequestLogEntry } from 'people-emulator';

type Answer = Record<string, unknown> | null | undefined;

/** What `checkUpstreamRequests` lends: its GraphQL call and its checked run. */
export interface GroupCheckTools {
  gql: (query: string, variables: object) => Promise<Answer>;
  check: (
    operation: string,
    expected: number,
    expectedAnswer: string,
    run: () => Promise<string>,
    extra?: (requests: RequestLogEntry[]) => string | null,
  ) => Promise<RequestLogEntry[]>;
}

const GROUP = `__typename ... on ContactGroupSuccess { group { resourceName etag } }`;
const CREATE = `mutation($name: String!) { createContactGroup(name: $name) { ${GROUP} } }`;
const RENAME = `mutation($r: ID!, $e: String!, $name: String!) {
  updateContactGroup(resourceName: $r, etag: $e, name: $name) {
    ${GROUP} ... on GroupEtagConflict { current { etag } } } }`;
const MODIFY = `mutation($r: ID!, $add: [ID!]) {
  modifyContactGroupMembers(resourceName: $r, add: $add) { __typename } }`;
const DELETE = `mutation($r: ID!, $all: Boolean) {
  deleteContactGroup(resourceName: $r, deleteContacts: $all) { __typename } }`;
const PAGE = `query($g: ID) { contacts(group: $g, pageSize: 10) { persons { resourceName } } }`;
const SEARCH = `{ searchContacts(query: "probe") { resourceName } }`;
const TOUCH = `mutation($r: ID!) { modifyContactGroupMembers(resourceName: $r) { __typename } }`;

function typename(answer: Answer, field: string): string {
  const value = answer?.[field] as { __typename?: string } | undefined;
  return value?.__typename ?? '?';
}

function groupOf(answer: Answer, field: string): { resourceName: string; etag: string } {
  const value = answer?.[field] as { group?: { resourceName: string; etag: string } } | undefined;
  if (!value?.group) throw new Error(`${field}: ${JSON.stringify(answer)}`);
  return value.group;
}

/** The searchContacts requests' `query` values, or a note when other requests came. */
const searchQueries =
  (expected: string[]) =>
  (requests: RequestLogEntry[]): string | null => {
    const queries = requests.map((r) =>
      r.path.endsWith('people:searchContacts') ? JSON.stringify(r.query['query']) : r.path,
    );
    const wanted = expected.map((q) => JSON.stringify(q));
    return queries.join(',') === wanted.join(',')
      ? null
      : `expected queries ${wanted.join(', ')}: ${queries.join(', ')}`;
  };

async function checkGroupWrites(tools: GroupCheckTools, members: string[]): Promise<string> {
  const { gql, check } = tools;
  let group = { resourceName: '', etag: '' };
  await check('createContactGroup', 1, 'ContactGroupSuccess', async () => {
    const answer = await gql(CREATE, { name: `Bench ${Date.now()}` });
    group = groupOf(answer, 'createContactGroup');
    return typename(answer, 'createContactGroup');
  });
  const stale = group.etag;
  await check('updateContactGroup (rename with the etag)', 1, 'ContactGroupSuccess', async () => {
    const answer = await gql(RENAME, { r: group.resourceName, e: group.etag, name: 'Renamed' });
    group = groupOf(answer, 'updateContactGroup');
    return typename(answer, 'updateContactGroup');
  });
  await check(
    'updateContactGroup, stale etag, `current` selected',
    2,
    'GroupEtagConflict',
    async () =>
      typename(
        await gql(RENAME, { r: group.resourceName, e: stale, name: 'Late' }),
        'updateContactGroup',
      ),
  );
  await check('updateContactGroup on a system group (refused)', 0, 'InvalidArgument', async () =>
    typename(
      await gql(RENAME, { r: 'contactGroups/myContacts', e: 'e', name: 'X' }),
      'updateContactGroup',
    ),
  );
  await check(
    'modifyContactGroupMembers, 2 names',
    1,
    'ModifyContactGroupMembersSuccess',
    async () =>
      typename(
        await gql(MODIFY, { r: group.resourceName, add: members.slice(0, 2) }),
        'modifyContactGroupMembers',
      ),
  );
  // Names that do not resolve cost Google nothing more: they come back as notFoundResourceNames.
  const many = [
    ...members.slice(0, 2),
    ...Array.from({ length: 1498 }, (_, i) => `people/c19${String(i).padStart(17, '0')}`),
  ];
  await check(
    'modifyContactGroupMembers, 1,500 names',
    2,
    'ModifyContactGroupMembersSuccess',
    async () =>
      typename(
        await gql(MODIFY, { r: group.resourceName, add: many }),
        'modifyContactGroupMembers',
      ),
  );
  await check('contacts(group:), a page of 10', 2, 'Page', async () => {
    const answer = await gql(PAGE, { g: group.resourceName });
    return answer?.['contacts'] ? 'Page' : '?';
  });
  return group.resourceName;
}

/** Runs the group and search rows; `members` are contacts of the bench's user. */
export async function checkGroupAndSearchRequests(
  tools: GroupCheckTools,
  members: string[],
): Promise<void> {
  const { gql, check } = tools;
  const group = await checkGroupWrites(tools, members);
  await check('deleteContactGroup', 1, 'DeleteContactGroupSuccess', async () =>
    typename(await gql(DELETE, { r: group }), 'deleteContactGroup'),
  );
  const doomed = groupOf(
    await gql(CREATE, { name: `Bench doomed ${Date.now()}` }),
    'createContactGroup',
  );
  await check(
    'deleteContactGroup, deleteContacts: true',
    1,
    'DeleteContactGroupSuccess',
    async () =>
      typename(await gql(DELETE, { r: doomed.resourceName, all: true }), 'deleteContactGroup'),
  );
  const search = async () => {
    const answer = await gql(SEARCH, {});
    return Array.isArray(answer?.['searchContacts']) ? 'Person list' : '?';
  };
  await check(
    'searchContacts, first search: 1 warm-up + 1 search',
    2,
    'Person list',
    search,
    searchQueries(['', 'probe']),
  );
  await check(
    'searchContacts, second search: 1',
    1,
    'Person list',
    search,
    searchQueries(['probe']),
  );
  await gql(TOUCH, { r: 'contactGroups/myContacts' });
  await check(
    'searchContacts after a write: 1 warm-up + 1 search',
    2,
    'Person list',
    search,
    searchQueries(['', 'probe']),
  );
}
