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

const USER = 'batcher';

const READ = `query($names: [ID!]!) { people(resourceNames: $names) { names { givenName } } }`;

type Result = Record<string, unknown> & { __typename: string };

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tokens: ['demo', USER] });
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

async function updateContacts(inputs: object[], mask: string[] = ['NAMES']): Promise<Result[]> {
  const res = await stack.gql<{ updateContacts: { results: Result[] } }>(
    UPDATE_CONTACTS,
    { inputs, mask },
    USER,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.updateContacts.results ?? [];
}

async function givenNames(contacts: readonly SeededContact[]): Promise<(string | undefined)[]> {
  const res = await stack.gql<{ people: { names: { givenName: string }[] }[] }>(
    READ,
    { names: contacts.map((c) => c.resourceName) },
    USER,
  );
  return (res.body.data?.people ?? []).map((p) => p.names[0]?.givenName);
}

const rename = (c: SeededContact, givenName: string) => ({
  resourceName: c.resourceName,
  etag: c.etag,
  names: [{ givenName }],
});
const success = (c: SeededContact, givenName: string) => ({
  __typename: 'UpdateContactSuccess',
  person: { resourceName: c.resourceName, names: [{ givenName }] },
});

describe('updateContacts', () => {
  it('updateContacts - updates every contact with one batchUpdateContacts call and answers in input order', async () => {
    const contacts = await seedContacts(stack, USER, ['A', 'B', 'C']);
    await stack.clearRequests();

    const results = await updateContacts(contacts.map((c) => rename(c, `${c.givenName}2`)));

    expect(results).toEqual(contacts.map((c) => success(c, `${c.givenName}2`)));
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(['POST batchUpdateContacts 200']);
    expect(requests[0]?.body).toEqual({
      contacts: Object.fromEntries(
        contacts.map((c) => [
          c.resourceName,
          { names: [{ givenName: `${c.givenName}2` }], resourceName: c.resourceName, etag: c.etag },
        ]),
      ),
      updateMask: 'names',
      readMask: 'names',
    });
    expect(await givenNames(contacts)).toEqual(['A2', 'B2', 'C2']);
  });

  it('updateContacts - refuses items before the call at no cost, and sends only the others', async () => {
    const [ok, other] = await seedContacts(stack, USER, ['Ok', 'Other']);
    if (!ok || !other) throw new Error('seed');
    await stack.clearRequests();

    const results = await updateContacts([
      { ...rename(other, 'X'), emailAddresses: [{ value: 'x@example.com' }] },
      { ...rename(other, 'X'), names: [{ givenName: 'One' }, { givenName: 'Two' }] },
      { ...rename(other, 'X'), resourceName: 'people/c1:deleteContact' },
      { ...rename(other, 'X'), etag: '' },
      rename(ok, 'Sent'),
      rename(ok, 'Twice'),
    ]);

    expect(results).toEqual([
      { __typename: 'FieldNotInMask', fields: ['EMAIL_ADDRESSES'] },
      { __typename: 'SingletonViolation', field: 'NAMES', count: 2 },
      { __typename: 'InvalidArgument', argument: 'resourceName' },
      { __typename: 'MissingSource', resourceName: other.resourceName },
      success(ok, 'Sent'),
      { __typename: 'InvalidArgument', argument: 'resourceName' },
    ]);
    const requests = await stack.requests();
    expect(summary(requests)).toEqual(['POST batchUpdateContacts 200']);
    expect(namesSent(requests[0])).toEqual([ok.resourceName]);
  });

  it('updateContacts - costs no upstream call when every item is refused before it', async () => {
    const [c] = await seedContacts(stack, USER, ['Alone']);
    if (!c) throw new Error('seed');
    await stack.clearRequests();

    const results = await updateContacts([rename(c, 'X')], []);

    expect(results.map((r) => r.__typename)).toEqual(['InvalidArgument']);
    expect(await stack.requests()).toEqual([]);
  });

  it('updateContacts - refuses a batch whose calls would not fit the operation budget, before any call', async () => {
    const inputs = Array.from({ length: 5001 }, (_, i) => ({
      resourceName: `people/c${900000 + i}`,
      etag: 'e',
      names: [{ givenName: 'N' }],
    }));

    const results = await updateContacts(inputs);

    expect(results).toHaveLength(5001);
    expect(new Set(results.map((r) => r.__typename))).toEqual(new Set(['RateLimited']));
    expect(await stack.requests()).toEqual([]);
  });

  it('updateContacts - a partly refused batch: the stale contact gets EtagConflict, the rest land once in a second call', async () => {
    const contacts = await seedContacts(stack, USER, ['P', 'Q', 'R']);
    const [p, q, r] = contacts;
    if (!p || !q || !r) throw new Error('seed');
    await renameBehind(stack, USER, q, 'Theirs');
    await stack.clearRequests();

    const results = await updateContacts(contacts.map((c) => rename(c, 'Mine')));

    expect(results).toEqual([
      success(p, 'Mine'),
      {
        __typename: 'EtagConflict',
        resourceName: q.resourceName,
        sentEtag: q.etag,
        current: { names: [{ givenName: 'Theirs' }] },
      },
      success(r, 'Mine'),
    ]);
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([
      'POST batchUpdateContacts 400',
      'POST batchUpdateContacts 200',
      'GET batchGet 200',
    ]);
    expect(namesSent(requests[1])).toEqual([p.resourceName, r.resourceName]);
    expect(await givenNames(contacts)).toEqual(['Mine', 'Theirs', 'Mine']);
  });

  it('updateContacts - splits 201 contacts into calls of 200 and 1, in input order', async () => {
    const contacts = await seedContacts(
      stack,
      USER,
      Array.from({ length: 201 }, (_, i) => `N${i}`),
    );
    await stack.clearRequests();

    const results = await updateContacts(contacts.map((c) => rename(c, `${c.givenName}x`)));

    expect(results).toEqual(contacts.map((c) => success(c, `${c.givenName}x`)));
    const requests = await stack.requests();
    expect(summary(requests)).toEqual([
      'POST batchUpdateContacts 200',
      'POST batchUpdateContacts 200',
    ]);
    expect(namesSent(requests[0])).toEqual(contacts.slice(0, 200).map((c) => c.resourceName));
    expect(namesSent(requests[1])).toEqual([contacts[200]?.resourceName]);
  });
});
