/**
 * The gateway's answer to People API answers copied from public captures (the emulator's README
 * lists them): the stale-etag 400 in each envelope seen, and the 403 of a token without the
 * contacts scope.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, type EtagEnvelope } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

const READ = /* GraphQL */ `
  query Read($name: ID!) {
    person(resourceName: $name) {
      etag
      occupations {
        value
      }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateContactInput!) {
    updateContact(input: $input, mask: [OCCUPATIONS]) {
      __typename
      ... on UpdateContactSuccess {
        person {
          etag
        }
      }
      ... on EtagConflict {
        sentEtag
        current {
          occupations {
            value
          }
        }
      }
    }
  }
`;

interface Read {
  person: { etag: string; occupations: { value: string }[] } | null;
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tokens: ['demo'], readOnlyTokens: ['viewer'] });
});
afterEach(async () => {
  await stack.faults(null);
  await stack.clearRequests();
});
afterAll(async () => {
  await stack.close();
});

async function etagOf(name: string, token = 'demo'): Promise<string> {
  const res = await stack.gql<Read>(READ, { name }, token);
  const etag = res.body.data?.person?.etag;
  if (etag === undefined) throw new Error(`no etag for ${name}: ${JSON.stringify(res.body)}`);
  return etag;
}

async function setOccupation(etag: string, value: string) {
  const input = { resourceName: DEMO_CONTACTS.work, etag, occupations: [{ value }] };
  return stack.gql(UPDATE, { input });
}

describe('stale etag, in each envelope Google has been seen to use', () => {
  it.each<EtagEnvelope>(['errors', 'bare', 'debugInfo'])(
    'updateContact - returns EtagConflict with the current person when the stale-etag 400 comes in the "%s" envelope',
    async (etagEnvelope) => {
      const stale = await etagOf(DEMO_CONTACTS.work);
      const meanwhile = `Physicist (${etagEnvelope})`;
      expect((await setOccupation(stale, meanwhile)).body).toMatchObject({
        data: { updateContact: { __typename: 'UpdateContactSuccess' } },
      });
      await stack.faults({ etagEnvelope });
      await stack.clearRequests();

      const res = await setOccupation(stale, 'Never');

      expect(res.body).toEqual({
        data: {
          updateContact: {
            __typename: 'EtagConflict',
            sentEtag: stale,
            current: { occupations: [{ value: meanwhile }] },
          },
        },
      });
      expect((await stack.requests()).map((r) => [r.method, r.path, r.status])).toEqual([
        ['PATCH', `/v1/${DEMO_CONTACTS.work}:updateContact`, 400],
        ['GET', '/v1/people:batchGet', 200],
      ]);
    },
  );
});

describe('a token without the contacts scope', () => {
  it('updateContact - a contacts.readonly token gets FORBIDDEN after one PATCH, and nothing changes', async () => {
    // Any etag: Google checks the scope before the request reaches the contact.
    const etag = '%EgUBAj03LhoEAQIFByIMSnFlS0YyTG9rNzg9';

    const res = await stack.gql(
      UPDATE,
      {
        input: {
          resourceName: 'people/c1101000000000000001',
          etag,
          occupations: [{ value: 'Never' }],
        },
      },
      'viewer',
    );

    expect(res.body.data).toBeNull();
    expect(res.body.errors?.map((e) => [e.message, e.extensions?.['code']])).toEqual([
      [
        'The People API forbids this call for the caller (missing contacts scope or permission).',
        'FORBIDDEN',
      ],
    ]);
    expect((await stack.requests()).map((r) => [r.method, r.token, r.status])).toEqual([
      ['PATCH', 'viewer', 403],
    ]);
  });

  it('person - a contacts.readonly token still reads', async () => {
    const res = await stack.gql<Read>(READ, { name: 'people/me' }, 'viewer');

    expect(res.body).toEqual({
      data: { person: { etag: expect.any(String) as unknown, occupations: [] } },
    });
  });
});
