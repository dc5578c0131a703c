import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedContacts, type SeededContact } from '../support/contacts.js';
import { startStack, type Stack } from '../support/stack.js';

const READ = 'query($n: ID!){ person(resourceName: $n){ resourceName names { givenName } } }';
const RENAME = `mutation($input: UpdateContactInput!){ updateContact(input: $input, mask: [NAMES]){
  __typename ... on UpdateContactSuccess { person { resourceName etag names { givenName } } } } }`;

/**
 * Many answers and People API requests leave in the same batches (src/writeBatch.ts): each must
 * still reach its own client with its own data, whether batching is on (a wide bound, so that
 * batches are large) or off, and a client leaving mid-batch must not cost the others their answer.
 */
describe.each(['10000', '0'])('WRITE_BATCH_US=%s', (writeBatchUs) => {
  let stack: Stack;
  const seeded = new Map<string, SeededContact[]>();

  beforeAll(async () => {
    stack = await startStack({ tokens: ['u1', 'u2'], env: { WRITE_BATCH_US: writeBatchUs } });
    for (const token of ['u1', 'u2']) {
      const names = Array.from({ length: 10 }, (_, i) => `${token}-${i}`);
      seeded.set(token, await seedContacts(stack, token, names));
    }
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers concurrent reads and updates of two users, each with its own data', async () => {
    const operations = ['u1', 'u2'].flatMap((token) =>
      (seeded.get(token) ?? []).flatMap((contact, i) => [
        stack
          .gql<{ person: { resourceName: string; names: { givenName: string }[] } }>(
            READ,
            { n: contact.resourceName },
            token,
          )
          .then((res) => {
            expect(res.body.data?.person.resourceName).toBe(contact.resourceName);
          }),
        stack
          .gql<{ updateContact: { person: { resourceName: string; etag: string } } }>(
            RENAME,
            {
              input: {
                resourceName: contact.resourceName,
                etag: contact.etag,
                names: [{ givenName: `${token} renamed ${i}` }],
              },
            },
            token,
          )
          .then((res) => {
            expect(res.body.errors).toBeUndefined();
            expect(res.body.data?.updateContact).toMatchObject({
              __typename: 'UpdateContactSuccess',
              person: {
                resourceName: contact.resourceName,
                names: [{ givenName: `${token} renamed ${i}` }],
              },
            });
          }),
      ]),
    );
    await Promise.all(operations);
    // What the People API holds now is what each client was told.
    for (const token of ['u1', 'u2']) {
      for (const [i, contact] of (seeded.get(token) ?? []).entries()) {
        const res = await stack.gql<{ person: { names: { givenName: string }[] } }>(
          READ,
          { n: contact.resourceName },
          token,
        );
        expect(res.body.data?.person.names[0]?.givenName).toBe(`${token} renamed ${i}`);
      }
    }
  });

  it('answers the others when clients leave with their answers still to be written', async () => {
    const contacts = seeded.get('u1') ?? [];
    await stack.clearRequests();
    // Every read waits 150 ms at the People API: the leaving clients go while the gateway waits,
    // and all twenty answers come back together, to be written in the same batches.
    await stack.faults({ latencyMs: 150 });
    try {
      const leaving = contacts.map(async (contact) => {
        const answer = fetch(stack.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer u1' },
          body: JSON.stringify({ query: READ, variables: { n: contact.resourceName } }),
          signal: AbortSignal.timeout(50),
        });
        await expect(answer).rejects.toThrow();
      });
      const staying = contacts.map((contact) =>
        stack.gql<{ person: { resourceName: string } }>(READ, { n: contact.resourceName }, 'u1'),
      );
      const [answers] = await Promise.all([Promise.all(staying), Promise.all(leaving)]);
      expect(answers.map((res) => res.body.data?.person.resourceName)).toEqual(
        contacts.map((c) => c.resourceName),
      );
    } finally {
      await stack.faults(null);
    }
    // The leaving clients' reads did reach the People API: their answers had to be written.
    const reads = (await stack.requests()).filter((r) => r.path === '/v1/people:batchGet');
    expect(reads).toHaveLength(2 * contacts.length);
    const after = await stack.gql<{ person: { resourceName: string } }>(
      READ,
      { n: contacts[0]?.resourceName },
      'u1',
    );
    expect(after.body.data?.person.resourceName).toBe(contacts[0]?.resourceName);
  });
});
