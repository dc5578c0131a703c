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

/** `current` is resolved lazily from `resourceName`, only when selected. */
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

export function etagConflict(resourceName: string, sentEtag: string): EtagConflictResult {
  return {
    __typename: 'EtagConflict',
    resourceName,
    sentEtag,
    message: `${resourceName} changed since etag "${sentEtag}" was read. Merge your edit into the current contact and send it again with the current etag.`,
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
