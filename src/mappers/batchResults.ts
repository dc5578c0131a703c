/**
 * What the batch mutations answer per item, from what became of it upstream (`BatchOutcome`):
 * applied, refused with Google's own answer for that contact, or without a final answer.
 */
import type { GoogleError } from '../people/googleError.js';
import type { BatchOutcome } from '../people/batchRunner.js';
import type { Person } from '../people/types.js';
import {
  fromGoogleError,
  fromGoogleErrorWithin,
  type MutationErrorContext,
} from './googleError.js';
import {
  invalidArgument,
  type InvalidArgumentResult,
  type RateLimitedResult,
  type SingletonViolationResult,
  type UpstreamErrorResult,
} from './results.js';

export interface UpstreamUnavailableResult {
  __typename: 'UpstreamUnavailable';
  message: string;
  mayHaveApplied: boolean;
}

/** A batch item the People API gave no final answer for (5xx or none, retries spent). */
export function upstreamUnavailable(
  error: GoogleError,
  mayHaveApplied: boolean,
): UpstreamUnavailableResult {
  const why = `The People API gave no final answer (${error.httpStatus === 0 ? 'no answer' : `HTTP ${error.httpStatus}`}).`;
  return {
    __typename: 'UpstreamUnavailable',
    mayHaveApplied,
    message: mayHaveApplied
      ? `${why} The change may have been made: read the contacts before sending it again.`
      : `${why} The change was not made; send it again.`,
  };
}

/** Statuses Google's per-contact answers map to a union member; any other is InvalidArgument. */
const ITEM_STATUSES: readonly number[] = [400, 404, 429];

/** Google's answer for one contact of a batch, never a top-level error (the other items stand). */
function itemError(error: GoogleError): InvalidArgumentResult | null {
  return ITEM_STATUSES.includes(error.httpStatus)
    ? null
    : invalidArgument(`The People API refused this contact: ${error.message}`, null);
}

/** One `updateContacts` result. */
export function fromUpdateOutcome(
  outcome: BatchOutcome<Person>,
  context: MutationErrorContext,
):
  | { __typename: 'UpdateContactSuccess'; person: Person; mergedOnto: null }
  | UpstreamErrorResult
  | UpstreamUnavailableResult {
  switch (outcome.kind) {
    case 'applied':
      return { __typename: 'UpdateContactSuccess', person: outcome.value, mergedOnto: null };
    case 'refused':
      return itemError(outcome.error) ?? fromGoogleError(outcome.error, context);
    case 'unknown':
      return upstreamUnavailable(outcome.error, outcome.mayHaveApplied);
  }
}

/** One `createContacts` result. */
export function fromCreateOutcome(
  outcome: BatchOutcome<Person>,
  context: MutationErrorContext,
):
  | { __typename: 'CreateContactSuccess'; person: Person }
  | SingletonViolationResult
  | RateLimitedResult
  | InvalidArgumentResult
  | UpstreamUnavailableResult {
  switch (outcome.kind) {
    case 'applied':
      return { __typename: 'CreateContactSuccess', person: outcome.value };
    case 'refused':
      return (
        itemError(outcome.error) ??
        fromGoogleErrorWithin(outcome.error, context, ['SingletonViolation', 'RateLimited'])
      );
    case 'unknown':
      return upstreamUnavailable(outcome.error, outcome.mayHaveApplied);
  }
}
