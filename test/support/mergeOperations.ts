/**
 * Operations and helpers of the merge tests (test/gateway/merge*.test.ts): a contact with known
 * names, phone numbers and email addresses, updated with or without `previous`.
 */
import { expect } from 'vitest';
import type { Stack } from './stack.js';

const PERSON = /* GraphQL */ `
  fragment MergeView on Person {
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
`;

export const UPDATE = /* GraphQL */ `
  ${PERSON}
  mutation Update($input: UpdateContactInput!, $mask: [UpdatablePersonField!]!) {
    updateContact(input: $input, mask: $mask) {
      __typename
      ... on UpdateContactSuccess {
        mergedOnto
        person {
          ...MergeView
        }
      }
      ... on EtagConflict {
        sentEtag
        conflictingFields
        current {
          ...MergeView
        }
      }
      ... on FieldNotInMask {
        fields
      }
      ... on MutationError {
        message
      }
    }
  }
`;

const READ = /* GraphQL */ `
  ${PERSON}
  query Read($name: ID!) {
    person(resourceName: $name) {
      ...MergeView
    }
  }
`;

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateContactInput!) {
    createContact(input: $input) {
      ... on CreateContactSuccess {
        person {
          resourceName
          etag
        }
      }
    }
  }
`;

/** The `personFields` of MergeView: what the gateway's reads for these operations ask for. */
export const VIEW_FIELDS = 'emailAddresses,names,phoneNumbers';

export interface View {
  etag: string;
  names: { givenName: string | null; familyName: string | null }[];
  emailAddresses: { value: string | null }[];
  phoneNumbers: { value: string | null }[];
}

export type UpdateAnswer = Record<string, unknown> & { __typename: string; person?: View };

export const ADA = {
  names: [{ givenName: 'Ada', familyName: 'Lovelace' }],
  emailAddresses: [{ value: 'ada@example.com' }],
  phoneNumbers: [{ value: '+44 20 7946 0001' }],
};

/** A new contact holding ADA: its resource name and etag. */
export async function createAda(stack: Stack): Promise<{ resourceName: string; etag: string }> {
  const res = await stack.gql<{
    createContact: { person?: { resourceName: string; etag: string } };
  }>(CREATE, { input: ADA });
  const person = res.body.data?.createContact.person;
  if (!person) throw new Error(`createContact failed: ${JSON.stringify(res.body)}`);
  return person;
}

export async function readView(stack: Stack, name: string): Promise<View> {
  const res = await stack.gql<{ person: View | null }>(READ, { name });
  const person = res.body.data?.person;
  if (!person) throw new Error(`no person ${name}: ${JSON.stringify(res.body)}`);
  return person;
}

export async function updateContact(
  stack: Stack,
  input: Record<string, unknown>,
  mask: string[],
): Promise<UpdateAnswer> {
  const res = await stack.gql<{ updateContact: UpdateAnswer }>(UPDATE, { input, mask });
  expect(res.body.errors).toBeUndefined();
  const answer = res.body.data?.updateContact;
  if (!answer) throw new Error('no updateContact answer');
  return answer;
}

/** The emulator's log reduced to what the tests assert: method, path, status, the etag sent. */
export async function exchanges(stack: Stack): Promise<[string, string, number, unknown][]> {
  return (await stack.requests()).map((r) => [
    r.method,
    r.path,
    r.status,
    (r.body as { etag?: string } | undefined)?.etag ?? r.query['personFields'],
  ]);
}

export const PATCH = 'PATCH';
export const update = (name: string) => `/v1/${name}:updateContact`;
export const batchGet = '/v1/people:batchGet';
export const newPhone = [{ value: '+44 20 7946 0002' }];
export const newName = [{ givenName: 'Augusta Ada', familyName: 'King' }];

/** Ada's contact as read at `etag`, then its phone number changed by another client. */
export async function phoneChangedElsewhere(
  stack: Stack,
): Promise<{ resourceName: string; etag: string }> {
  const ada = await createAda(stack);
  const other = await updateContact(
    stack,
    { resourceName: ada.resourceName, etag: ada.etag, phoneNumbers: newPhone },
    ['PHONE_NUMBERS'],
  );
  if (other.__typename !== 'UpdateContactSuccess') {
    throw new Error(`the concurrent edit answered ${other.__typename}`);
  }
  return ada;
}
