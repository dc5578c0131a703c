/**
 * The one place a People API error becomes what a GraphQL client sees: a union member of the
 * mutation's result, or a top-level `GraphQLError` with a code. Reading Google's envelope is
 * `src/people/googleError.ts`.
 */
import { GraphQLError } from 'graphql';
import { UpdatablePersonField } from '../people/fields.js';
import { isEtagFailure, isTransient, type GoogleError } from '../people/googleError.js';
import {
  contactNotFound,
  etagConflict,
  invalidArgument,
  missingContactGroupMembership,
  missingSource,
  rateLimited,
  singletonViolation,
  type ContactNotFoundResult,
  type InvalidArgumentResult,
  type MissingSourceResult,
  type RateLimitedResult,
  type UpstreamErrorResult,
} from './results.js';
import { photoRejected, type PhotoRejectedResult } from './photo.js';
import {
  contactGroupNotFound,
  duplicateGroupName,
  groupEtagConflict,
  type ContactGroupNotFoundResult,
  type GroupEtagConflictResult,
} from './contactGroup.js';
import { isGroupEtagFailure } from '../people/groups.js';

/** What the mutation sent, to fill the union member. */
export interface MutationErrorContext {
  resourceName: string;
  sentEtag?: string;
  /** Values sent per singleton field, for `SingletonViolation.count`. */
  countOf?: (field: UpdatablePersonField) => number;
  /** For an `EtagConflict`: the masked fields that differ from `previous` (null: not compared). */
  conflictingFields?: readonly UpdatablePersonField[] | null;
}

const SINGLETON_MESSAGE = /Cannot have more than one person\.(\w+) per source/;
// "Invalid value at 'photo_bytes' (TYPE_BYTES)…", "Invalid updatePersonFields mask path: "x""
const INVALID_VALUE_AT = /Invalid value at '([\w.]+)'/;

function fieldOf(error: GoogleError): string | null {
  return error.fieldViolations[0] ?? INVALID_VALUE_AT.exec(error.message)?.[1] ?? null;
}

/**
 * Errors that are not a client's domain problem become top-level GraphQL errors with a code.
 * Messages are the gateway's own: they never echo upstream credentials.
 */
export function toGraphQLError(error: GoogleError): GraphQLError {
  if (error.httpStatus === 401) {
    return new GraphQLError('The People API refused the credentials: send a valid bearer token.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  if (error.httpStatus === 403) {
    return new GraphQLError(
      'The People API forbids this call for the caller (missing contacts scope or permission).',
      { extensions: { code: 'FORBIDDEN' } },
    );
  }
  if (error.httpStatus === 429) {
    return new GraphQLError('The People API quota is exhausted; try again later.', {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: error.retryAfterSeconds },
    });
  }
  if (isTransient(error)) {
    return new GraphQLError(
      `The People API is unavailable (${error.httpStatus === 0 ? 'no answer' : `HTTP ${error.httpStatus}`}); try again.`,
      { extensions: { code: 'UPSTREAM_UNAVAILABLE' } },
    );
  }
  if (error.httpStatus >= 500) {
    // 501 UNIMPLEMENTED and the like answer the same every time: not retried, no "try again".
    const answer = [error.httpStatus, error.status].filter((part) => part !== null).join(' ');
    return new GraphQLError(
      `The People API cannot serve this call (HTTP ${answer}); it was not retried.`,
      { extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    );
  }
  if (error.httpStatus === 400) {
    return new GraphQLError(`The People API rejected the request: ${error.message}`, {
      extensions: { code: 'BAD_USER_INPUT', field: fieldOf(error) },
    });
  }
  if (error.httpStatus > 400 && error.httpStatus < 500) {
    // 404 on a read path, 413/414 for an oversized request, …: still the request's fault.
    return new GraphQLError(`The People API refused the request (HTTP ${error.httpStatus}).`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new GraphQLError('Unexpected answer from the People API.', {
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * The one place a Google error of a mutation becomes a union member, keyed on the HTTP status,
 * `error.status`, the reasons and (where Google gives nothing finer) the documented message.
 * Anything that is not the client's to fix is thrown as a coded `GraphQLError`.
 */
export function fromGoogleError(
  error: GoogleError,
  context: MutationErrorContext,
): UpstreamErrorResult {
  const { resourceName } = context;
  if (error.httpStatus === 404) return contactNotFound(resourceName);
  if (error.httpStatus === 429) {
    return rateLimited(
      error.retryAfterSeconds,
      error.reasons.includes('gatewayThrottled')
        ? error.message
        : 'The People API quota for this user is exhausted and retries did not get through.',
    );
  }
  if (error.httpStatus !== 400) throw toGraphQLError(error);

  const message = error.message;
  if (message.includes('is not a valid contact person resource'))
    return missingSource(resourceName);
  // "Request must set person.etag or person.metadata.sources.etag for the source …"
  if (message.includes('Request must set person.etag')) return missingSource(resourceName);
  if (isEtagFailure(error)) {
    return etagConflict(resourceName, context.sentEtag ?? '', context.conflictingFields);
  }
  const singleton = SINGLETON_MESSAGE.exec(message)?.[1];
  const singletonField = Object.values(UpdatablePersonField).find((f) => f === singleton);
  if (singletonField !== undefined) {
    return singletonViolation(singletonField, context.countOf?.(singletonField) ?? 2);
  }
  if (/contact ?group membership/i.test(message)) return missingContactGroupMembership();
  return invalidArgument(`The People API rejected the request: ${message}`, fieldOf(error));
}

type UpstreamTypename = UpstreamErrorResult['__typename'];

/**
 * `fromGoogleError` for a mutation whose union has only some members: a meaning the union cannot
 * carry (say an etag failure on createContact, which sends no etag) becomes `InvalidArgument`
 * with Google's message, never a silent success.
 */
export function fromGoogleErrorWithin<T extends UpstreamTypename>(
  error: GoogleError,
  context: MutationErrorContext,
  members: readonly T[],
): Extract<UpstreamErrorResult, { __typename: T }> | InvalidArgumentResult {
  const mapped = fromGoogleError(error, context);
  if (isMember(mapped, members)) return mapped;
  return invalidArgument(`The People API rejected the request: ${error.message}`, fieldOf(error));
}

function isMember<T extends UpstreamTypename>(
  result: UpstreamErrorResult,
  members: readonly T[],
): result is Extract<UpstreamErrorResult, { __typename: T }> {
  return (members as readonly string[]).includes(result.__typename);
}

/** A photo call's error: a 400 about the bytes is `PhotoRejected`, the rest as for any mutation. */
export function fromGooglePhotoError(
  error: GoogleError,
  resourceName: string,
):
  | PhotoRejectedResult
  | MissingSourceResult
  | ContactNotFoundResult
  | RateLimitedResult
  | InvalidArgumentResult {
  const mapped = fromGoogleErrorWithin(error, { resourceName }, [
    'MissingSource',
    'ContactNotFound',
    'RateLimited',
  ]);
  if (mapped.__typename !== 'InvalidArgument') return mapped;
  return photoRejected('REJECTED_UPSTREAM', mapped.message);
}

/**
 * A contact group call's error (https://developers.google.com/people/api/rest/v1/contactGroups):
 * 404 is `ContactGroupNotFound`, a 409 (ALREADY_EXISTS: a name in use) `InvalidArgument` on
 * `name`, the rest as for any mutation.
 */
export function fromGoogleGroupError(
  error: GoogleError,
  resourceName: string,
): ContactGroupNotFoundResult | InvalidArgumentResult | RateLimitedResult {
  if (error.httpStatus === 404) return contactGroupNotFound(resourceName);
  if (error.httpStatus === 409) return duplicateGroupName();
  return fromGoogleErrorWithin(error, { resourceName }, ['RateLimited']);
}

/** A rename's error: the 409 "Contact group etag is outdated" is `GroupEtagConflict`. */
export function fromGoogleGroupRenameError(
  error: GoogleError,
  resourceName: string,
  sentEtag: string,
):
  GroupEtagConflictResult | ContactGroupNotFoundResult | InvalidArgumentResult | RateLimitedResult {
  return isGroupEtagFailure(error)
    ? groupEtagConflict(resourceName, sentEtag)
    : fromGoogleGroupError(error, resourceName);
}
