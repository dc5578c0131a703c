import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_CONTACTS } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

const DEMO_PROFILE = `people/${DEMO_ACCOUNT_ID}`;

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateContactInput!, $mask: [UpdatablePersonField!]!) {
    updateContact(input: $input, mask: $mask) {
      __typename
      ... on UpdateContactSuccess {
        person {
          resourceName
          etag
          names {
            givenName
            familyName
          }
          emailAddresses {
            value
          }
          phoneNumbers {
            value
          }
        }
      }
      ... on EtagConflict {
        resourceName
        sentEtag
        current {
          resourceName
          etag
          names {
            givenName
            familyName
          }
        }
      }
      ... on SingletonViolation {
        field
        count
      }
      ... on MissingSource {
        resourceName
      }
      ... on FieldNotInMask {
        fields
      }
      ... on ContactNotFound {
        resourceName
      }
      ... on InvalidArgument {
        argument: field
      }
      ... on MutationError {
        message
      }
    }
  }
`;

const READ = /* GraphQL */ `
  query Read($name: ID!) {
    person(resourceName: $name) {
      resourceName
      etag
      names {
        givenName
        familyName
      }
      emailAddresses {
        value
      }
      phoneNumbers {
        value
      }
    }
  }
`;

interface PersonView {
  resourceName: string;
  etag: string;
  names: { givenName: string | null; familyName: string | null }[];
  emailAddresses: { value: string | null }[];
  phoneNumbers: { value: string | null }[];
}
type UpdateResult = Record<string, unknown> & {
  __typename: string;
  person?: PersonView;
  message?: string;
};

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

async function read(name: string, token = 'demo'): Promise<PersonView | null> {
  const res = await stack.gql<{ person: PersonView | null }>(READ, { name }, token);
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.person ?? null;
}

async function update(input: Record<string, unknown>, mask: string[], token = 'demo') {
  const res = await stack.gql<{ updateContact: UpdateResult }>(UPDATE, { input, mask }, token);
  return res;
}

async function updateResult(input: Record<string, unknown>, mask: string[]): Promise<UpdateResult> {
  const res = await update(input, mask);
  expect(res.body.errors).toBeUndefined();
  const result = res.body.data?.updateContact;
  if (!result) throw new Error('no updateContact result');
  return result;
}

describe('updateContact', () => {
  it('replaces only the masked fields, returns a new etag, and sends exactly one PATCH', async () => {
    const before = await read(DEMO_CONTACTS.ada);
    if (!before) throw new Error('seed contact missing');
    await stack.clearRequests();

    const result = await updateResult(
      {
        resourceName: before.resourceName,
        etag: before.etag,
        names: [{ givenName: 'Augusta', familyName: 'King' }],
      },
      ['NAMES'],
    );

    expect(result).toEqual({
      __typename: 'UpdateContactSuccess',
      person: {
        resourceName: before.resourceName,
        etag: expect.any(String) as unknown,
        names: [{ givenName: 'Augusta', familyName: 'King' }],
        emailAddresses: before.emailAddresses,
        phoneNumbers: before.phoneNumbers,
      },
    });
    expect(result.person?.etag).not.toBe(before.etag);
    const requests = await stack.requests();
    expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
      [
        'PATCH',
        `/v1/${before.resourceName}:updateContact`,
        { updatePersonFields: 'names', personFields: 'emailAddresses,names,phoneNumbers' },
      ],
    ]);
    expect(await read(DEMO_CONTACTS.ada)).toEqual({
      ...result.person,
      etag: expect.any(String) as unknown,
    });
  });

  it('clears a masked field that the input leaves empty, and leaves the others alone', async () => {
    const before = await read(DEMO_CONTACTS.work);
    if (!before) throw new Error('seed contact missing');
    expect(before.phoneNumbers.length).toBeGreaterThan(0);

    const result = await updateResult({ resourceName: before.resourceName, etag: before.etag }, [
      'PHONE_NUMBERS',
    ]);

    expect(result).toMatchObject({
      __typename: 'UpdateContactSuccess',
      person: { phoneNumbers: [] },
    });
    const after = await read(DEMO_CONTACTS.work);
    expect(after).toEqual({ ...before, etag: expect.any(String) as unknown, phoneNumbers: [] });
  });

  it('accepts the etag of the previous update for a chained update', async () => {
    const before = await read(DEMO_CONTACTS.nonAscii);
    if (!before) throw new Error('seed contact missing');
    const first = await updateResult(
      {
        resourceName: before.resourceName,
        etag: before.etag,
        emailAddresses: [{ value: 'one@example.com' }],
      },
      ['EMAIL_ADDRESSES'],
    );
    const second = await updateResult(
      {
        resourceName: before.resourceName,
        etag: first.person?.etag,
        emailAddresses: [{ value: 'two@example.com' }],
      },
      ['EMAIL_ADDRESSES'],
    );
    expect(second).toMatchObject({
      __typename: 'UpdateContactSuccess',
      person: { emailAddresses: [{ value: 'two@example.com' }] },
    });
  });

  it('returns EtagConflict with the current person when the etag is stale', async () => {
    const stale = await read(DEMO_CONTACTS.cjk);
    if (!stale) throw new Error('seed contact missing');
    await updateResult(
      {
        resourceName: stale.resourceName,
        etag: stale.etag,
        names: [{ givenName: 'Changed', familyName: 'Meanwhile' }],
      },
      ['NAMES'],
    );
    await stack.clearRequests();

    const result = await updateResult(
      { resourceName: stale.resourceName, etag: stale.etag, names: [{ givenName: 'Mine' }] },
      ['NAMES'],
    );

    expect(result).toEqual({
      __typename: 'EtagConflict',
      resourceName: stale.resourceName,
      sentEtag: stale.etag,
      current: {
        resourceName: stale.resourceName,
        etag: expect.any(String) as unknown,
        names: [{ givenName: 'Changed', familyName: 'Meanwhile' }],
      },
      message: expect.stringContaining('changed since') as unknown,
    });
    expect((await stack.requests()).map((r) => [r.method, r.path, r.status])).toEqual([
      ['PATCH', `/v1/${stale.resourceName}:updateContact`, 400],
      ['GET', '/v1/people:batchGet', 200],
    ]);
    // The etag in `current` is good for the retry.
    const retried = await updateResult(
      {
        resourceName: stale.resourceName,
        etag: (result['current'] as PersonView).etag,
        names: [{ givenName: 'Mine' }],
      },
      ['NAMES'],
    );
    expect(retried.__typename).toBe('UpdateContactSuccess');
  });

  it('does not read the current person when EtagConflict.current is not selected', async () => {
    const res = await stack.gql<{ updateContact: UpdateResult }>(
      `mutation($input: UpdateContactInput!) { updateContact(input: $input, mask: [NAMES]) { __typename ... on EtagConflict { sentEtag } } }`,
      { input: { resourceName: DEMO_CONTACTS.cjk, etag: '%stale', names: [{ givenName: 'X' }] } },
    );
    expect(res.body).toEqual({
      data: { updateContact: { __typename: 'EtagConflict', sentEtag: '%stale' } },
    });
    expect((await stack.requests()).map((r) => r.method)).toEqual(['PATCH']);
  });

  it('returns MissingSource for people/me without calling upstream', async () => {
    const result = await updateResult(
      { resourceName: 'people/me', etag: '%x', names: [{ givenName: 'Me' }] },
      ['NAMES'],
    );
    expect(result).toMatchObject({ __typename: 'MissingSource', resourceName: 'people/me' });
    expect(await stack.requests()).toEqual([]);
  });

  it('returns MissingSource when Google says a profile is not a contact', async () => {
    const result = await updateResult(
      { resourceName: DEMO_PROFILE, etag: '%x', names: [{ givenName: 'Me' }] },
      ['NAMES'],
    );
    expect(result).toMatchObject({ __typename: 'MissingSource', resourceName: DEMO_PROFILE });
    expect((await stack.requests()).map((r) => [r.method, r.status])).toEqual([['PATCH', 400]]);
  });

  it('returns SingletonViolation for two names without calling upstream', async () => {
    const result = await updateResult(
      {
        resourceName: DEMO_CONTACTS.ada,
        etag: '%x',
        names: [{ givenName: 'A' }, { givenName: 'B' }],
      },
      ['NAMES'],
    );
    expect(result).toEqual({
      __typename: 'SingletonViolation',
      field: 'NAMES',
      count: 2,
      message: 'A contact holds at most one value in NAMES; the input has 2.',
    });
    expect(await stack.requests()).toEqual([]);
  });

  it('returns MissingContactGroupMembership without calling upstream', async () => {
    const result = await updateResult(
      { resourceName: DEMO_CONTACTS.ada, etag: '%x', memberships: [] },
      ['MEMBERSHIPS'],
    );
    expect(result).toMatchObject({ __typename: 'MissingContactGroupMembership' });
    expect(await stack.requests()).toEqual([]);
  });

  it('returns FieldNotInMask for an input field outside the mask without calling upstream', async () => {
    const result = await updateResult(
      {
        resourceName: DEMO_CONTACTS.ada,
        etag: '%x',
        names: [{ givenName: 'A' }],
        urls: [{ value: 'https://example.com' }],
        biographies: [],
      },
      ['NAMES'],
    );
    expect(result).toMatchObject({ __typename: 'FieldNotInMask', fields: ['BIOGRAPHIES', 'URLS'] });
    expect(await stack.requests()).toEqual([]);
  });

  it('returns ContactNotFound for an unknown contact', async () => {
    const result = await updateResult(
      { resourceName: 'people/c999999999999', etag: '%x', names: [] },
      ['NAMES'],
    );
    expect(result).toMatchObject({
      __typename: 'ContactNotFound',
      resourceName: 'people/c999999999999',
    });
    expect((await stack.requests()).map((r) => [r.method, r.status])).toEqual([['PATCH', 404]]);
  });

  it('leaves PROFILE-source data alone when replacing a linked contact’s names', async () => {
    const query = `query($n: ID!) { person(resourceName: $n) { etag names { givenName metadata { source { type } } } emailAddresses { value metadata { source { type } } } } }`;
    type Linked = {
      person: {
        etag: string;
        names: { givenName: string; metadata: { source: { type: string } } }[];
      };
    };
    const before = await stack.gql<Linked>(query, { n: DEMO_CONTACTS.linkedProfile });
    const person = before.body.data?.person;
    if (!person) throw new Error('seed contact missing');
    const profileNames = person.names.filter((n) => n.metadata.source.type === 'PROFILE');
    expect(profileNames.length).toBeGreaterThan(0);

    const result = await updateResult(
      {
        resourceName: DEMO_CONTACTS.linkedProfile,
        etag: person.etag,
        names: [{ givenName: 'Renamed' }],
      },
      ['NAMES'],
    );
    expect(result.__typename).toBe('UpdateContactSuccess');

    const after = await stack.gql<Linked>(query, { n: DEMO_CONTACTS.linkedProfile });
    const names = after.body.data?.person.names ?? [];
    expect(
      names.filter((n) => n.metadata.source.type === 'CONTACT').map((n) => n.givenName),
    ).toEqual(['Renamed']);
    expect(names.filter((n) => n.metadata.source.type === 'PROFILE')).toEqual(profileNames);
  });

  it('returns UNAUTHENTICATED for a token the People API refuses, without echoing it', async () => {
    const res = await update(
      { resourceName: DEMO_CONTACTS.ada, etag: '%x', names: [] },
      ['NAMES'],
      'ya29.not-a-real-token',
    );
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(res.body)).not.toContain('ya29.not-a-real-token');
  });

  it('keeps users apart: another user can neither see nor change a contact', async () => {
    const before = await read(DEMO_CONTACTS.multiGroup);
    if (!before) throw new Error('seed contact missing');

    expect(await read(DEMO_CONTACTS.multiGroup, 'other')).toBeNull();
    const res = await update(
      { resourceName: before.resourceName, etag: before.etag, names: [{ givenName: 'Hijacked' }] },
      ['NAMES'],
      'other',
    );
    expect(res.body.data?.updateContact).toMatchObject({ __typename: 'ContactNotFound' });
    expect(await read(DEMO_CONTACTS.multiGroup)).toEqual(before);
    expect(
      (await stack.requests()).filter((r) => r.method === 'PATCH').map((r) => r.token),
    ).toEqual(['other']);
  });
});
