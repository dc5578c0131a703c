/**
 * searchContacts through the real stack: Google's warm-up (an empty query) goes out before a
 * user's first search and before the first search after that user's write through the gateway,
 * and never otherwise. The emulator models Google's cache: without the warm-up, a contact saved a
 * moment ago is not found.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tokens: ['demo', 'seeker', 'neighbour', 'cold'] });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

const SEARCH = `query($q: String!, $size: Int) {
  searchContacts(query: $q, pageSize: $size) { resourceName names { givenName familyName } }
}`;
const CREATE = `mutation($input: CreateContactInput!) {
  createContact(input: $input) { __typename ... on CreateContactSuccess { person { resourceName etag } } }
}`;
const RENAME = `mutation($input: UpdateContactInput!) {
  updateContact(input: $input, mask: [NAMES]) { __typename }
}`;

interface Found {
  resourceName: string;
  names: { givenName: string | null; familyName: string | null }[];
}

async function search(q: string, token: string, size?: number): Promise<Found[]> {
  const res = await stack.gql<{ searchContacts: Found[] }>(SEARCH, { q, size }, token);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.searchContacts ?? [];
}

async function create(token: string, givenName: string, familyName: string) {
  const res = await stack.gql<{
    createContact: { person: { resourceName: string; etag: string } };
  }>(CREATE, { input: { names: [{ givenName, familyName }] } }, token);
  const person = res.body.data?.createContact.person;
  if (!person) throw new Error(`not created: ${JSON.stringify(res.body)}`);
  return person;
}

/** The searchContacts requests as [query, readMask, pageSize]. */
function searches(requests: RequestLogEntry[]): [unknown, unknown, unknown][] {
  return requests.map((r) => [r.query['query'], r.query['readMask'], r.query['pageSize']]);
}

describe('searchContacts - the warm-up', () => {
  it('searchContacts - finds a contact saved a moment ago: a warm-up, then the search', async () => {
    const saved = await create('seeker', 'Zephyrine', 'Quill');
    // Control: asked straight away, without a warm-up, the emulator's cache does not have it.
    const direct = await fetch(
      new URL('v1/people:searchContacts?query=zephyrine&readMask=names', stack.emulator.url),
      { headers: { authorization: 'Bearer seeker' } },
    );
    expect(await direct.json()).toEqual({});
    await stack.clearRequests();

    expect(await search('zephyrine', 'seeker')).toEqual([
      {
        resourceName: saved.resourceName,
        names: [{ givenName: 'Zephyrine', familyName: 'Quill' }],
      },
    ]);
    const requests = await stack.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /v1/people:searchContacts 200',
      'GET /v1/people:searchContacts 200',
    ]);
    expect(searches(requests)).toEqual([
      ['', 'names', '10'],
      ['zephyrine', 'names', '10'],
    ]);
  });

  it('searchContacts - a second search with no write between sends no warm-up', async () => {
    await search('zeph', 'seeker');
    await stack.clearRequests();
    expect(await search('quill', 'seeker')).toHaveLength(1);
    expect(searches(await stack.requests())).toEqual([['quill', 'names', '10']]);
  });

  it('searchContacts - a write in between brings the warm-up back, and the search sees it', async () => {
    const saved = await create('seeker', 'Old', 'Name');
    await search('old name', 'seeker');
    const renamed = await stack.gql<{ updateContact: { __typename: string } }>(
      RENAME,
      {
        input: {
          resourceName: saved.resourceName,
          etag: saved.etag,
          names: [{ givenName: 'Brand', familyName: 'New' }],
        },
      },
      'seeker',
    );
    expect(renamed.body.data?.updateContact.__typename).toBe('UpdateContactSuccess');
    await stack.clearRequests();
    expect((await search('brand new', 'seeker')).map((p) => p.resourceName)).toEqual([
      saved.resourceName,
    ]);
    expect(searches(await stack.requests())).toEqual([
      ['', 'names', '10'],
      ['brand new', 'names', '10'],
    ]);
  });

  it('searchContacts - another user’s write leaves this user warm', async () => {
    await search('anything', 'seeker');
    await create('neighbour', 'Next', 'Door');
    await stack.clearRequests();
    await search('anything', 'seeker');
    expect(searches(await stack.requests())).toEqual([['anything', 'names', '10']]);
  });

  it('searchContacts - an empty query is the warm-up itself: one call when cold, none when warm', async () => {
    expect(await search('', 'cold')).toEqual([]);
    expect(searches(await stack.requests())).toEqual([['', 'names', '10']]);
    await stack.clearRequests();
    expect(await search('   ', 'cold')).toEqual([]);
    expect(await stack.requests()).toEqual([]);
  });
});

describe('searchContacts - arguments', () => {
  it('searchContacts - reads only the selected fields and sends the pageSize', async () => {
    const res = await stack.gql<{ searchContacts: unknown[] }>(
      `{ searchContacts(query: "lovel", pageSize: 30) { resourceName emailAddresses { value } } }`,
    );
    expect(res.body.data?.searchContacts).toEqual([
      {
        resourceName: 'people/c1001000000000000001',
        emailAddresses: [
          { value: 'ada@example.com' },
          { value: 'ada.lovelace@analytical.example' },
        ],
      },
    ]);
    const last = (await stack.requests()).at(-1);
    expect(last?.query).toEqual({ query: 'lovel', pageSize: '30', readMask: 'emailAddresses' });
  });

  it.each([31, 0, -1])(
    'searchContacts - refuses pageSize %i with BAD_USER_INPUT before any call',
    async (size) => {
      const res = await stack.gql(SEARCH, { q: 'ada', size });
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: `pageSize must be from 1 to 30, not ${size}.`,
          extensions: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            field: 'pageSize',
          }) as unknown,
        }),
      ]);
      expect(await stack.requests()).toEqual([]);
    },
  );
});
