import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fromGoogleError, toGraphQLError } from '../../src/mappers/googleError.js';
import { UpdatablePersonField } from '../../src/people/fields.js';
import { parseGoogleError } from '../../src/people/googleError.js';

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

const context = { resourceName: 'people/c42', sentEtag: '%old', countOf: () => 3 };
const map = (httpStatus: number, body: unknown, retryAfter: string | null = null) =>
  fromGoogleError(parseGoogleError(httpStatus, body, retryAfter), context);

describe('fromGoogleError', () => {
  it('maps the etag FAILED_PRECONDITION to EtagConflict', () => {
    const body = envelope(
      400,
      'FAILED_PRECONDITION',
      'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.',
      'failedPrecondition',
    );
    expect(map(400, body)).toMatchObject({
      __typename: 'EtagConflict',
      resourceName: 'people/c42',
      sentEtag: '%old',
    });
  });

  it('maps "not a valid contact person resource" and a missing etag to MissingSource', () => {
    const notContact = envelope(
      400,
      'INVALID_ARGUMENT',
      'Resource name "people/me" is not a valid contact person resource.',
      'badRequest',
    );
    const noEtag = envelope(
      400,
      'INVALID_ARGUMENT',
      'Request must set person.etag or person.metadata.sources.etag for the source that is being updated.',
      'badRequest',
    );
    expect(map(400, notContact)).toMatchObject({
      __typename: 'MissingSource',
      resourceName: 'people/c42',
    });
    expect(map(400, noEtag)).toMatchObject({ __typename: 'MissingSource' });
  });

  it('maps the singleton message to SingletonViolation with the field and the count sent', () => {
    const body = envelope(
      400,
      'INVALID_ARGUMENT',
      'Cannot have more than one person.genders per source.',
      'badRequest',
    );
    expect(map(400, body)).toMatchObject({
      __typename: 'SingletonViolation',
      field: UpdatablePersonField.GENDERS,
      count: 3,
    });
  });

  it('maps other 400s to InvalidArgument with the field when Google names it', () => {
    const body = envelope(
      400,
      'INVALID_ARGUMENT',
      'Request contains an invalid argument.',
      'badRequest',
      [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [{ field: 'person.birthdays[0].date' }],
        },
      ],
    );
    expect(map(400, body)).toEqual({
      __typename: 'InvalidArgument',
      field: 'person.birthdays[0].date',
      message: 'The People API rejected the request: Request contains an invalid argument.',
    });
  });

  it('maps 404 to ContactNotFound and 429 to RateLimited with Retry-After', () => {
    expect(map(404, envelope(404, 'NOT_FOUND', 'Requested entity was not found.'))).toMatchObject({
      __typename: 'ContactNotFound',
      resourceName: 'people/c42',
    });
    expect(
      map(
        429,
        envelope(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'),
        '12',
      ),
    ).toMatchObject({
      __typename: 'RateLimited',
      retryAfterSeconds: 12,
    });
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
    [0, 'UPSTREAM_UNAVAILABLE'],
    [409, 'BAD_USER_INPUT'],
    [414, 'BAD_USER_INPUT'],
    [302, 'INTERNAL_SERVER_ERROR'],
  ])('throws HTTP %i as a GraphQLError coded %s', (status, code) => {
    let thrown: unknown;
    try {
      map(status, envelope(status, 'X', 'Bearer ya29.secret should never show'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions['code']).toBe(code);
    expect((thrown as GraphQLError).message).not.toContain('ya29');
  });

  it('gives read errors the same codes', () => {
    expect(toGraphQLError(parseGoogleError(401, {}, null)).extensions['code']).toBe(
      'UNAUTHENTICATED',
    );
  });
});
