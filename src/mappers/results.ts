import type {
  ContactNotFound,
  EtagConflict,
  FieldNotInMask,
  InvalidArgument,
  MissingContactGroupMembership,
  MissingSource,
  RateLimited,
  SingletonViolation,
} from '../generated/resolvers-types.js';
import { UpdatablePersonField } from '../people/fields.js';

/** A union member as resolvers return it: `__typename` is compulsory. */
type Member<T extends { __typename?: string }> = Omit<T, '__typename'> & {
  __typename: NonNullable<T['__typename']>;
};

/** `current` is resolved lazily from `resourceName`, only when selected (or primed). */
export type EtagConflictResult = Omit<Member<EtagConflict>, 'current'>;
export type SingletonViolationResult = Member<SingletonViolation>;
export type MissingSourceResult = Member<MissingSource>;
export type MissingContactGroupMembershipResult = Member<MissingContactGroupMembership>;
export type FieldNotInMaskResult = Member<FieldNotInMask>;
export type InvalidArgumentResult = Member<InvalidArgument>;
export type ContactNotFoundResult = Member<ContactNotFound>;
export type RateLimitedResult = Member<RateLimited>;

/** Errors every mutation can meet upstream. */
export type UpstreamErrorResult =
  | EtagConflictResult
  | SingletonViolationResult
  | MissingSourceResult
  | MissingContactGroupMembershipResult
  | InvalidArgumentResult
  | ContactNotFoundResult
  | RateLimitedResult;

/** `emailAddresses` → `EMAIL_ADDRESSES`: a field as the GraphQL enum names it. */
const ENUM_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(UpdatablePersonField).map(([name, path]) => [path, name]),
);
const enumName = (field: UpdatablePersonField): string => ENUM_NAMES.get(field) ?? field;
const list = (fields: readonly UpdatablePersonField[]): string => fields.map(enumName).join(', ');

/**
 * `conflictingFields`: the masked fields that differ from what the client read (`previous`);
 * empty when none did but the contact kept changing; null when `previous` was not compared.
 */
export function etagConflict(
  resourceName: string,
  sentEtag: string,
  conflictingFields: readonly UpdatablePersonField[] | null = null,
): EtagConflictResult {
  const changed = `${resourceName} changed since etag "${sentEtag}" was read.`;
  let advice = 'Merge your edit into the current contact and send it again with the current etag.';
  if (conflictingFields?.length === 0) {
    advice = `None of the masked fields differs from what you read, but the contact changed again after each merge: send it again with the current etag.`;
  } else if (conflictingFields) {
    advice = `${list(conflictingFields)} no longer ${conflictingFields.length === 1 ? 'holds' : 'hold'} what you read: decide on ${conflictingFields.length === 1 ? 'it' : 'them'}, then send the update again with the current etag.`;
  }
  return {
    __typename: 'EtagConflict',
    resourceName,
    sentEtag,
    conflictingFields: conflictingFields && [...conflictingFields],
    message: `${changed} ${advice}`,
  };
}

export function singletonViolation(
  field: UpdatablePersonField,
  count: number,
): SingletonViolationResult {
  return {
    __typename: 'SingletonViolation',
    field,
    count,
    message: `A contact holds at most one value in ${enumName(field)}; the input has ${count}.`,
  };
}

export function missingSource(resourceName: string): MissingSourceResult {
  return {
    __typename: 'MissingSource',
    resourceName,
    message: `${resourceName} has no CONTACT source and cannot be edited: only contacts can be changed, not profiles such as people/me.`,
  };
}

export function missingContactGroupMembership(): MissingContactGroupMembershipResult {
  return {
    __typename: 'MissingContactGroupMembership',
    message:
      'MEMBERSHIPS is in the mask but the input has no contactGroupMembership: a contact must belong to at least one contact group (for example contactGroups/myContacts).',
  };
}

export function fieldNotInMask(fields: readonly UpdatablePersonField[]): FieldNotInMaskResult {
  return {
    __typename: 'FieldNotInMask',
    fields: [...fields],
    message: `The input sets ${list(fields)} but the mask leaves ${fields.length === 1 ? 'it' : 'them'} out, so the People API would ignore ${fields.length === 1 ? 'it' : 'them'}. Add ${fields.length === 1 ? 'it' : 'them'} to the mask or leave ${fields.length === 1 ? 'it' : 'them'} out of the input.`,
  };
}

export function invalidArgument(message: string, field: string | null): InvalidArgumentResult {
  return { __typename: 'InvalidArgument', message, field };
}

export function contactNotFound(resourceName: string): ContactNotFoundResult {
  return {
    __typename: 'ContactNotFound',
    resourceName,
    message: `No contact ${resourceName} exists for the caller.`,
  };
}

export function rateLimited(retryAfterSeconds: number | null, why: string): RateLimitedResult {
  return {
    __typename: 'RateLimited',
    retryAfterSeconds,
    message:
      retryAfterSeconds === null
        ? `${why} Try again later.`
        : `${why} Try again in ${retryAfterSeconds} s.`,
  };
}

/** `previous` names fields outside the mask: the gateway compares only the fields it replaces. */
export function previousNotInMask(fields: readonly UpdatablePersonField[]): FieldNotInMaskResult {
  const them = fields.length === 1 ? 'it' : 'them';
  return {
    __typename: 'FieldNotInMask',
    fields: [...fields],
    message: `previous holds ${list(fields)} but the mask leaves ${them} out: previous carries what you read in the masked fields only. Add ${them} to the mask or leave ${them} out of previous.`,
  };
}
