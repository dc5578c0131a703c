import { describe, expect, it } from 'vitest';
import {
  toCreateContactsRequest,
  toUpdateContactsRequest,
} from '../../src/mappers/batchRequests.js';
import { fromCreateOutcome, fromUpdateOutcome } from '../../src/mappers/batchResults.js';
import { checkDeleteNames, fromDeleteOutcome } from '../../src/mappers/deleteContacts.js';
import { UpdatablePersonField } from '../../src/people/fields.js';
import type { GoogleError } from '../../src/people/googleError.js';

const NAMES = UpdatablePersonField.NAMES;

function googleError(httpStatus: number, fields: Partial<GoogleError> = {}): GoogleError {
  return {
    httpStatus,
    status: null,
    message: 'm',
    reasons: [],
    fieldViolations: [],
    retryAfterSeconds: null,
    ...fields,
  };
}

const input = (resourceName: string, givenName = 'N') => ({
  resourceName,
  etag: 'e',
  names: [{ givenName }],
});

describe('toUpdateContactsRequest', () => {
  it('checks each input alone, refuses a contact named again, and sends the rest under one mask', () => {
    const { items, request } = toUpdateContactsRequest(
      [
        input('people/c1', 'A'),
        { ...input('people/c2'), names: [{ givenName: 'x' }, { givenName: 'y' }] },
        input('people/c1', 'Again'),
        input('people/c3', 'C'),
      ],
      [NAMES],
      'names',
    );
    expect(items.map((i) => ('error' in i ? i.error.__typename : i.contact))).toEqual([
      0,
      'SingletonViolation',
      'InvalidArgument',
      1,
    ]);
    expect(request).toEqual({
      updateMask: 'names',
      readMask: 'names',
      contacts: [
        {
          resourceName: 'people/c1',
          person: { names: [{ givenName: 'A' }], resourceName: 'people/c1', etag: 'e' },
        },
        {
          resourceName: 'people/c3',
          person: { names: [{ givenName: 'C' }], resourceName: 'people/c3', etag: 'e' },
        },
      ],
    });
  });
});

describe('toCreateContactsRequest', () => {
  it('sends only the inputs createContact would send', () => {
    const { items, request } = toCreateContactsRequest(
      [{ names: [{ givenName: 'A' }] }, {}, { names: [{ givenName: 'B' }] }],
      'names',
    );
    expect(items.map((i) => ('error' in i ? i.error.__typename : i.contact))).toEqual([
      0,
      'InvalidArgument',
      1,
    ]);
    expect(request.contacts).toEqual([
      { names: [{ givenName: 'A' }] },
      { names: [{ givenName: 'B' }] },
    ]);
  });
});

describe('fromUpdateOutcome and fromCreateOutcome', () => {
  const context = { resourceName: 'people/c1', sentEtag: 'e' };

  it('maps an applied item to the success member', () => {
    const person = { resourceName: 'people/c1' };
    expect(fromUpdateOutcome({ kind: 'applied', value: person }, context)).toEqual({
      __typename: 'UpdateContactSuccess',
      person,
      mergedOnto: null,
    });
    expect(fromCreateOutcome({ kind: 'applied', value: person }, context)).toEqual({
      __typename: 'CreateContactSuccess',
      person,
    });
  });

  it('maps Google’s answer for one contact as the single mutation would, never as a top-level error', () => {
    const stale = googleError(400, { status: 'FAILED_PRECONDITION' });
    expect(fromUpdateOutcome({ kind: 'refused', error: stale }, context).__typename).toBe(
      'EtagConflict',
    );
    const aborted = googleError(409, { message: 'Aborted.' });
    expect(fromUpdateOutcome({ kind: 'refused', error: aborted }, context)).toEqual({
      __typename: 'InvalidArgument',
      field: null,
      message: 'The People API refused this contact: Aborted.',
    });
  });

  it('maps an item without a final answer to UpstreamUnavailable, saying whether it may have landed', () => {
    const outcome = { kind: 'unknown', error: googleError(503), mayHaveApplied: true } as const;
    expect(fromCreateOutcome(outcome, context)).toEqual({
      __typename: 'UpstreamUnavailable',
      mayHaveApplied: true,
      message:
        'The People API gave no final answer (HTTP 503). The change may have been made: read the contacts before sending it again.',
    });
  });
});

describe('checkDeleteNames and fromDeleteOutcome', () => {
  it('keeps each name once, in order, and refuses people/me or a name outside the grammar', () => {
    expect(checkDeleteNames(['people/c2', 'people/c1', 'people/c2'])).toEqual({
      names: ['people/c2', 'people/c1'],
    });
    expect(checkDeleteNames(['people/c1', 'people/me'])).toMatchObject({
      error: { __typename: 'InvalidArgument', field: 'resourceNames' },
    });
    expect(checkDeleteNames(['people/c1#'])).toMatchObject({
      error: { __typename: 'InvalidArgument', field: 'resourceNames' },
    });
  });

  it('says how far the deletes got before a refused call', () => {
    const outcome = {
      deleted: ['people/c1'],
      failure: { error: googleError(429), names: ['people/c2'], mayHaveApplied: false },
    };
    expect(fromDeleteOutcome(outcome)).toEqual({
      __typename: 'RateLimited',
      retryAfterSeconds: null,
      message:
        'The first 1 names were deleted; what follows concerns the 1 from people/c2 on. The People API quota for this user is exhausted and retries did not get through. Try again later.',
    });
    expect(fromDeleteOutcome({ deleted: ['people/c1'] })).toEqual({
      __typename: 'DeleteContactsSuccess',
      resourceNames: ['people/c1'],
    });
  });
});
