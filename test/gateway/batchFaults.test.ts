import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  namesSent,
  renameBehind,
  seedContacts,
  summary,
  UPDATE_CONTACTS,
  type SeededContact,
} from '../support/contacts.js';
import { startStack, type Stack } from '../support/stack.js';

const USER = 'faulty';

type Result = Record<string, unknown> & { __typename: string };

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    tokens: ['demo', USER],
    env: { RETRY_MAX: '2', RETRY_BUDGET_MS: '5000' },
  });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});
afterEach(async () => {
  await stack.faults(null);
});

async function updateContacts(inputs: object[]): Promise<Result[]> {
  const res = await stack.gql<{ updateContacts: { results: Result[] } }>(
    UPDATE_CONTACTS,
    { inputs, mask: ['NAMES'] },
    USER,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.updateContacts.results ?? [];
}

/** Each contact's given name and etag as the emulator holds them now. */
async function current(contacts: readonly SeededContact[]): Promise<[string, string][]> {
  const res = await stack.gql<{ people: { etag: string; names: { givenName: string }[] }[] }>(
    'query($n: [ID!]!) { people(resourceNames: $n) { etag names { givenName } } }',
    { n: contacts.map((c) => c.resourceName) },
    USER,
  );
  return (res.body.data?.people ?? []).map((p) => [p.names[0]?.givenName ?? '', p.etag]);
}

const rename = (c: SeededContact, givenName: string) => ({
  resourceName: c.resourceName,
  etag: c.etag,
  names: [{ givenName }],
});

describe('updateContacts under faults', () => {
  it('updateContacts - when Google names no contact, sends each again alone so each gets its own answer', async () => {
    const contacts = await seedContacts(stack, USER, ['U1', 'U2', 'U3']);
    const [a, b, c] = contacts;
    if (!a || !b || !c) throw new Error('seed');
    await renameBehind(stack, USER, b, 'Theirs');
    await stack.clearRequests();
    await stack.faults({ batchRefusal: 'unnamed' });

    const results = await updateContacts(contacts.map((x) => rename(x, 'Mine')));

    expect(results.map((r) => r.__typename)).toEqual([
      'UpdateContactSuccess',
      'EtagConflict',
      'UpdateContactSuccess',
    ]);
    const requests = await stack.requests();
    expect(summary(requests).slice(0, 4)).toEqual([
      'POST batchUpdateContacts 400',
      'POST batchUpdateContacts 200',
      'POST batchUpdateContacts 400',
      'POST batchUpdateContacts 200',
    ]);
    expect(requests.slice(1, 4).map(namesSent)).toEqual([
      [a.resourceName],
      [b.resourceName],
      [c.resourceName],
    ]);
    expect((await current(contacts)).map(([name]) => name)).toEqual(['Mine', 'Theirs', 'Mine']);
  });

  it('updateContacts - apply then 503: the retry is refused as stale, the gateway finds its own landed change and answers success, nothing doubled', async () => {
    const contacts = await seedContacts(stack, USER, ['L1', 'L2']);
    await stack.clearRequests();
    await stack.faults({ applyThenFailRate: 1 });

    const results = await updateContacts(contacts.map((x) => rename(x, 'Landed')));

    expect(results).toEqual(
      contacts.map((x) => ({
        __typename: 'UpdateContactSuccess',
        person: { resourceName: x.resourceName, names: [{ givenName: 'Landed' }] },
      })),
    );
    expect(summary(await stack.requests())).toEqual([
      'POST batchUpdateContacts 503',
      'POST batchUpdateContacts 400',
      'GET batchGet 200',
    ]);
    await stack.faults(null);
    const after = await current(contacts);
    expect(after.map(([name]) => name)).toEqual(['Landed', 'Landed']);
    // One update landed per contact: a second one would have needed the first's etag.
    expect(after.map(([, etag]) => etag)).not.toContain(contacts[0]?.etag);
  });

  it('updateContacts - answers RateLimited for every item when 429s outlast the retries, changing nothing', async () => {
    const contacts = await seedContacts(stack, USER, ['R1', 'R2']);
    await stack.clearRequests();
    await stack.faults({ failRate: 1, failStatus: 429 });

    const results = await updateContacts(contacts.map((x) => rename(x, 'Never')));

    expect(results.map((r) => r.__typename)).toEqual(['RateLimited', 'RateLimited']);
    expect(summary(await stack.requests())).toEqual(
      Array<string>(3).fill('POST batchUpdateContacts 429'),
    );
    await stack.faults(null);
    expect((await current(contacts)).map(([name]) => name)).toEqual(['R1', 'R2']);
  });

  it('updateContacts - answers UpstreamUnavailable when 503s outlast the retries and the contacts cannot be read back', async () => {
    const contacts = await seedContacts(stack, USER, ['S1']);
    await stack.clearRequests();
    await stack.faults({ failRate: 1, failStatus: 503 });

    const results = await updateContacts(contacts.map((x) => rename(x, 'Never')));

    expect(results).toEqual([{ __typename: 'UpstreamUnavailable', mayHaveApplied: true }]);
    expect(summary(await stack.requests())).toEqual([
      ...Array<string>(3).fill('POST batchUpdateContacts 503'),
      ...Array<string>(3).fill('GET batchGet 503'),
    ]);
  });
});
