import { describe, expect, it } from 'vitest';
import {
  isEtagFailure,
  isTransient,
  parseGoogleError,
  type GoogleError,
} from '../../src/people/googleError.js';

/** Google's envelope for one error, as people.googleapis.com sends it. */
function envelope(
  code: number,
  status: string,
  message: string,
  reason?: string,
  details: unknown[] = [],
) {
  return {
    error: {
      code,
      message,
      status,
      details,
      ...(reason === undefined ? {} : { errors: [{ message, domain: 'global', reason }] }),
    },
  };
}

function googleError(fields: Partial<GoogleError>): GoogleError {
  return {
    httpStatus: 400,
    status: null,
    message: 'x',
    reasons: [],
    fieldViolations: [],
    retryAfterSeconds: null,
    ...fields,
  };
}

describe('parseGoogleError', () => {
  it('reads status, message, reasons, field violations and Retry-After', () => {
    const parsed = parseGoogleError(
      400,
      envelope(
        '400' as never,
        'INVALID_ARGUMENT',
        "Invalid value at 'photo_bytes' (TYPE_BYTES)",
        'badRequest',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'photo_bytes', description: 'x' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' },
        ],
      ),
      '7',
    );
    expect(parsed).toEqual({
      httpStatus: 400,
      status: 'INVALID_ARGUMENT',
      message: "Invalid value at 'photo_bytes' (TYPE_BYTES)",
      reasons: ['badRequest', 'RATE_LIMIT_EXCEEDED'],
      fieldViolations: ['photo_bytes'],
      retryAfterSeconds: 7,
    });
  });

  it('survives an HTML body such as the front end 404', () => {
    expect(parseGoogleError(404, '<html>404. That’s an error.</html>', null)).toEqual({
      httpStatus: 404,
      status: null,
      message: 'HTTP 404',
      reasons: [],
      fieldViolations: [],
      retryAfterSeconds: null,
    });
  });
});

describe('parseGoogleError - a refused batch write', () => {
  const STALE = 'Request person.etag is different than the current person.etag.';

  it('reads each contact named in BatchUpdateContactsErrorDetails as an error of its own', () => {
    const parsed = parseGoogleError(
      400,
      envelope(400, 'FAILED_PRECONDITION', STALE, 'failedPrecondition', [
        {
          '@type': 'type.googleapis.com/google.people.v1.BatchUpdateContactsErrorDetails',
          contactErrors: {
            'people/c1': { code: 9, message: STALE },
            'people/c2': {
              code: 3,
              message: 'Cannot have more than one person.names per source.',
              details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'X' }],
            },
            'people/c3': { code: 5, message: 'Requested entity was not found.' },
          },
        },
      ]),
      null,
    );
    expect(parsed.contactErrors).toEqual({
      'people/c1': googleError({ status: 'FAILED_PRECONDITION', message: STALE }),
      'people/c2': googleError({
        status: 'INVALID_ARGUMENT',
        message: 'Cannot have more than one person.names per source.',
        reasons: ['X'],
      }),
      'people/c3': googleError({
        httpStatus: 404,
        status: 'NOT_FOUND',
        message: 'Requested entity was not found.',
      }),
    });
    expect(isEtagFailure(parsed.contactErrors?.['people/c1'] ?? googleError({}))).toBe(true);
  });

  it('has no contactErrors when the answer names no contact', () => {
    const parsed = parseGoogleError(400, envelope(400, 'FAILED_PRECONDITION', STALE), null);
    expect(parsed).not.toHaveProperty('contactErrors');
  });
});

describe('isTransient', () => {
  it.each([0, 429, 500, 502, 503, 504])('is true for HTTP %i (or no answer)', (httpStatus) => {
    expect(isTransient(googleError({ httpStatus }))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 501])('is false for HTTP %i', (httpStatus) => {
    expect(isTransient(googleError({ httpStatus }))).toBe(false);
  });
});

describe('isEtagFailure', () => {
  it('is true for the stale-etag 400, by status or by reason', () => {
    const stale = envelope(
      400,
      'FAILED_PRECONDITION',
      'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.',
      'failedPrecondition',
    );
    expect(isEtagFailure(parseGoogleError(400, stale, null))).toBe(true);
    expect(isEtagFailure(googleError({ status: 'FAILED_PRECONDITION' }))).toBe(true);
    expect(isEtagFailure(googleError({ reasons: ['failedPrecondition'] }))).toBe(true);
  });

  it('is false for another 400 and for FAILED_PRECONDITION under another HTTP status', () => {
    expect(
      isEtagFailure(googleError({ status: 'INVALID_ARGUMENT', reasons: ['badRequest'] })),
    ).toBe(false);
    expect(isEtagFailure(googleError({ httpStatus: 412, status: 'FAILED_PRECONDITION' }))).toBe(
      false,
    );
  });
});
