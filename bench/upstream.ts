/**
 * Upstream requests per operation, from the emulator's request log: the cost users feel most
 * (the goal: one per successful mutation, none for an error caught before the call).
 */
import type { RequestLogEntry } from 'people-emulator';
import type { EmulatorAdmin } from './emulator.js';
import { PERSON_QUERY, UPDATE_MUTATION } from './load.js';
import { checkGroupAndSearchRequests } from './upstreamGroups.js';
import { checkBatchRequests } from './upstreamBatches.js';

export interface UpstreamCheck {
  operation: string;
  answer: string;
  expected: number;
  measured: number;
  /** The requests as `METHOD path`, or a note on what else was checked. */
  detail: string;
  ok: boolean;
}

export interface UpstreamReport {
  checks: UpstreamCheck[];
  /** The `personFields` the gateway sent for the bench's update and read selections. */
  personFields: { update: string; read: string };
}

// 1×1 images (PNG is accepted; GIF is not an accepted photo format).
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const GIF_1X1 = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const UPDATE_ANY = `mutation($input: UpdateContactInput!, $mask: [UpdatablePersonField!]!) {
  updateContact(input: $input, mask: $mask) { __typename } }`;
const UPDATE_WITH_CURRENT = `mutation($input: UpdateContactInput!) {
  updateContact(input: $input, mask: [NAMES]) {
    __typename ... on EtagConflict { current { etag names { givenName } } } } }`;
const PHOTO_WITH_PERSON = `mutation($input: UpdateContactPhotoInput!) {
  updateContactPhoto(input: $input) {
    __typename ... on UpdateContactPhotoSuccess { person { etag photos { url } } } } }`;
const PHOTO_ONLY_TYPENAME = `mutation($input: UpdateContactPhotoInput!) {
  updateContactPhoto(input: $input) { __typename } }`;
const PEOPLE_QUERY = 'query($names: [ID!]!){ people(resourceNames: $names){ resourceName } }';

type Answer = Record<string, unknown> | null | undefined;

function typename(answer: Answer, field: string): string {
  const value = answer?.[field];
  if (Array.isArray(value)) return `${value.length} entries`;
  if (value !== null && typeof value === 'object' && '__typename' in value) {
    return String(value.__typename);
  }
  return value === null ? 'null' : '?';
}

function describe(requests: RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const path = r.path
      .replace(/people\/c\d+/, 'people/c…')
      .replace(/contactGroups\/[0-9a-f]{16}/, 'contactGroups/…');
    const key = `${r.method} ${path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => (n > 1 ? `${n}× ${key}` : key)).join(', ') || '—';
}

function stringParam(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

export async function checkUpstreamRequests(
  gatewayUrl: string,
  admin: EmulatorAdmin,
): Promise<UpstreamReport> {
  const token = 'demo';
  const gql = async (query: string, variables: object): Promise<Answer> => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Answer; errors?: { message: string }[] };
    if (body.errors) throw new Error(`gateway: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data;
  };
  const checks: UpstreamCheck[] = [];
  /** Runs one operation with a clear log and records what reached the emulator. */
  const check = async (
    operation: string,
    expected: number,
    expectedAnswer: string,
    run: () => Promise<string>,
    extra: (requests: RequestLogEntry[]) => string | null = () => null,
  ): Promise<RequestLogEntry[]> => {
    await admin.clearRequests();
    const answer = await run();
    const requests = await admin.requests();
    const problem = extra(requests);
    checks.push({
      operation,
      answer,
      expected,
      measured: requests.length,
      detail: problem ?? describe(requests),
      ok: requests.length === expected && answer === expectedAnswer && problem === null,
    });
    return requests;
  };

  const contact = await admin.createContact(token, 'Probe');
  const staleEtag = contact.etag;
  const input = (fields: object) => ({
    resourceName: contact.resourceName,
    etag: contact.etag,
    ...fields,
  });

  const [patch] = await check('updateContact, success', 1, 'UpdateContactSuccess', async () => {
    const data = await gql(UPDATE_MUTATION, { input: input({ names: [{ givenName: 'Probe' }] }) });
    const result = data?.['updateContact'] as { person?: { etag: string } } | undefined;
    if (result?.person) contact.etag = result.person.etag;
    return typename(data, 'updateContact');
  });
  const updateFields = stringParam(patch?.query['personFields']);

  const preCall: [string, string, object, string[]][] = [
    [
      'SingletonViolation (two names)',
      'SingletonViolation',
      { names: [{ givenName: 'A' }, { givenName: 'B' }] },
      ['NAMES'],
    ],
    [
      'MissingContactGroupMembership (memberships: [])',
      'MissingContactGroupMembership',
      { memberships: [] },
      ['MEMBERSHIPS'],
    ],
    [
      'FieldNotInMask (emailAddresses, mask NAMES)',
      'FieldNotInMask',
      { names: [{ givenName: 'A' }], emailAddresses: [{ value: 'a@example.com' }] },
      ['NAMES'],
    ],
  ];
  for (const [operation, expectedAnswer, fields, mask] of preCall) {
    await check(operation, 0, expectedAnswer, async () =>
      typename(await gql(UPDATE_ANY, { input: input(fields), mask }), 'updateContact'),
    );
  }
  await check('PhotoRejected (a GIF)', 0, 'PhotoRejected', async () =>
    typename(
      await gql(PHOTO_ONLY_TYPENAME, {
        input: { resourceName: contact.resourceName, photoBytes: GIF_1X1 },
      }),
      'updateContactPhoto',
    ),
  );

  const stale = {
    resourceName: contact.resourceName,
    etag: staleEtag,
    names: [{ givenName: 'S' }],
  };
  await check(
    'stale etag, `current` selected',
    2,
    'EtagConflict',
    async () => typename(await gql(UPDATE_WITH_CURRENT, { input: stale }), 'updateContact'),
    (requests) =>
      requests[0]?.method === 'PATCH' && requests[1]?.path.endsWith('people:batchGet')
        ? null
        : `expected PATCH then batchGet: ${describe(requests)}`,
  );
  await check('stale etag, `current` not selected', 1, 'EtagConflict', async () =>
    typename(await gql(UPDATE_ANY, { input: stale, mask: ['NAMES'] }), 'updateContact'),
  );

  const [read] = await check('person', 1, 'Person', async () => {
    const data = await gql(PERSON_QUERY, { n: contact.resourceName });
    return data?.['person'] ? 'Person' : 'null';
  });
  const readFields = stringParam(read?.query['personFields']);

  for (const [count, expected] of [
    [1, 1],
    [50, 1],
    [200, 1],
    [450, 3],
  ] as const) {
    // Distinct names (the loader dedupes); those that do not resolve answer null.
    const names = Array.from(
      { length: count },
      (_, i) => `people/c19${String(i).padStart(17, '0')}`,
    );
    names[0] = contact.resourceName;
    await check(`people(resourceNames), ${count} names`, expected, `${count} entries`, async () =>
      typename(await gql(PEOPLE_QUERY, { names }), 'people'),
    );
  }

  const photoBodyCheck = (wantPersonFields: boolean) => (requests: RequestLogEntry[]) => {
    const body = requests[0]?.body;
    const has = typeof body === 'object' && body !== null && 'personFields' in body;
    return has === wantPersonFields
      ? null
      : `PATCH body ${has ? 'has' : 'lacks'} personFields: ${describe(requests)}`;
  };
  const photoInput = { input: { resourceName: contact.resourceName, photoBytes: PNG_1X1 } };
  await check(
    'updateContactPhoto, `person` selected (body has personFields)',
    1,
    'UpdateContactPhotoSuccess',
    async () => typename(await gql(PHOTO_WITH_PERSON, photoInput), 'updateContactPhoto'),
    photoBodyCheck(true),
  );
  await check(
    'updateContactPhoto, only `__typename` (body has no personFields)',
    1,
    'UpdateContactPhotoSuccess',
    async () => typename(await gql(PHOTO_ONLY_TYPENAME, photoInput), 'updateContactPhoto'),
    photoBodyCheck(false),
  );

  await checkBatchRequests({ emulatorUrl: admin.url, token, gql, check });

  const member = await admin.createContact(token, 'Probe member');
  await checkGroupAndSearchRequests({ gql, check }, [contact.resourceName, member.resourceName]);

  await admin.clearRequests();
  return { checks, personFields: { update: updateFields, read: readFields } };
}
