/**
 * The contact group methods (https://developers.google.com/people/api/rest/v1/contactGroups):
 * `get`, `create`, `update`, `delete` and `members.modify`, on the client's call paths
 * (`PeopleCalls`): writes in the caller's queue, under the retry policy and the operation's budget.
 * Every group name goes through `toContactGroupPathParam` before it reaches a path.
 */
import type { PeopleCalls } from './calls.js';
import { gatewayThrottled, PeopleApiError } from './errors.js';
import type { GoogleError } from './googleError.js';
import { toContactGroupPathParam } from './resourceNames.js';
import type { ContactGroup, ListContactGroupsResponse } from './types.js';

/** "The total number of resource names in … must be less than or equal to 1000." */
export const MEMBERS_MODIFY_LIMIT = 1000;

/** Group fields the schema exposes (`clientData` is not); create may not ask for memberCount. */
const GROUP_FIELDS = 'groupType,memberCount,metadata,name';
const CREATED_GROUP_FIELDS = 'groupType,metadata,name';

/**
 * Google's answer to a stale group etag on `contactGroups.update`: HTTP 409 with "Contact group
 * etag is outdated", as a client of the live API tests for (mrmattwilkins/google-contacts-sync,
 * contacts.py); ABORTED is HTTP 409's status for a failed test-and-set (google/rpc/code.proto).
 */
export function isGroupEtagFailure(error: GoogleError): boolean {
  return (
    error.httpStatus === 409 &&
    (error.status === 'ABORTED' || /etag is outdated/i.test(error.message))
  );
}

/** The two lists of one `members.modify` call. */
export interface MemberChunk {
  add: string[];
  remove: string[];
}

/**
 * Adds then removes, in the order given, at most MEMBERS_MODIFY_LIMIT names a call. At least one
 * chunk, so an empty request still asks Google (which checks the group).
 */
export function memberChunks(add: readonly string[], remove: readonly string[]): MemberChunk[] {
  const tagged = [
    ...add.map((name) => ({ name, add: true })),
    ...remove.map((name) => ({ name, add: false })),
  ];
  const chunks: MemberChunk[] = [];
  for (let i = 0; i === 0 || i < tagged.length; i += MEMBERS_MODIFY_LIMIT) {
    const slice = tagged.slice(i, i + MEMBERS_MODIFY_LIMIT);
    chunks.push({
      add: slice.filter((t) => t.add).map((t) => t.name),
      remove: slice.filter((t) => !t.add).map((t) => t.name),
    });
  }
  return chunks;
}

export interface MembersModified {
  notFoundResourceNames: string[];
  canNotRemoveLastContactGroupResourceNames: string[];
}

export class ContactGroupsClient {
  constructor(private readonly calls: PeopleCalls) {}

  /** `contactGroups.get`, with up to `maxMembers` member names (0: none). */
  get(resourceName: string, maxMembers = 0): Promise<ContactGroup> {
    const params = {
      resourceName: toContactGroupPathParam(resourceName),
      groupFields: GROUP_FIELDS,
      ...(maxMembers > 0 ? { maxMembers } : {}),
    };
    const { api } = this.calls;
    return this.calls.readPrepared('contactGroups.get', params, (options) =>
      api.contactGroups.get(params, options),
    );
  }

  /** One page of contact groups, with the fields the schema exposes. */
  list(pageSize: number, pageToken: string | undefined): Promise<ListContactGroupsResponse> {
    const params = { pageSize, groupFields: GROUP_FIELDS, ...(pageToken ? { pageToken } : {}) };
    const { api } = this.calls;
    return this.calls.readPrepared('contactGroups.list', params, (options) =>
      api.contactGroups.list(params, options),
    );
  }

  /**
   * `contactGroups.create`. Retried only after a 429 (refused before anything happened): after a
   * lost answer the group may exist, and a second create would meet its own name's 409.
   */
  create(name: string): Promise<ContactGroup> {
    const params = {
      requestBody: { contactGroup: { name }, readGroupFields: CREATED_GROUP_FIELDS },
    };
    const { api, options } = this.calls;
    return this.calls.mutate(
      () =>
        this.calls.call(() => api.contactGroups.create(params, options()), 'contactGroups.create'),
      (error) => error.google.httpStatus === 429,
    );
  }

  /**
   * Renames with the etag (`contactGroups.update`, `updateGroupFields=name`). The etag makes it
   * safe to retry: a retry that meets a stale etag reads the group, and when it already has the
   * name, the lost first attempt landed.
   */
  update(resourceName: string, etag: string, name: string): Promise<ContactGroup> {
    const params = {
      resourceName: toContactGroupPathParam(resourceName),
      requestBody: {
        contactGroup: { etag, name },
        updateGroupFields: 'name',
        readGroupFields: GROUP_FIELDS,
      },
    };
    const { api, options } = this.calls;
    return this.calls.mutate(async (attempt) => {
      try {
        return await this.calls.call(
          () => api.contactGroups.update(params, options()),
          'contactGroups.update',
        );
      } catch (error) {
        if (
          attempt === 0 ||
          !(error instanceof PeopleApiError) ||
          !isGroupEtagFailure(error.google)
        )
          throw error;
        const current = await this.get(resourceName);
        if (current.name === name) return current;
        throw error;
      }
    });
  }

  /** `contactGroups.delete`. A retry answered 404 finds the group gone: the first attempt landed. */
  async delete(resourceName: string, deleteContacts: boolean): Promise<void> {
    const params = {
      resourceName: toContactGroupPathParam(resourceName),
      ...(deleteContacts ? { deleteContacts } : {}),
    };
    const { api, options } = this.calls;
    await this.calls.mutate(async (attempt) => {
      try {
        await this.calls.call(
          () => api.contactGroups.delete(params, options()),
          'contactGroups.delete',
        );
      } catch (error) {
        if (attempt > 0 && error instanceof PeopleApiError && error.google.httpStatus === 404)
          return;
        throw error;
      }
    });
  }

  /**
   * `contactGroups.members.modify`, one call per MEMBERS_MODIFY_LIMIT names, in order, each in the
   * caller's turn of the queue; the answers merged. Refused before any call when the calls would
   * not fit the operation's budget. A failure after the first call leaves the earlier calls
   * applied; adding or removing a member again changes nothing, so the client may re-send it all.
   */
  async modifyMembers(
    resourceName: string,
    add: readonly string[],
    remove: readonly string[],
  ): Promise<MembersModified> {
    const path = toContactGroupPathParam(resourceName);
    const chunks = memberChunks(add, remove);
    const { api, options, budget } = this.calls;
    if (budget && !budget.fits(chunks.length, 0)) {
      throw gatewayThrottled(
        `These members need ${chunks.length} People API calls (${MEMBERS_MODIFY_LIMIT} names a call), more than this operation may make; send them in several operations.`,
        0,
      );
    }
    const merged: MembersModified = {
      notFoundResourceNames: [],
      canNotRemoveLastContactGroupResourceNames: [],
    };
    for (const chunk of chunks) {
      const params = {
        resourceName: path,
        requestBody: { resourceNamesToAdd: chunk.add, resourceNamesToRemove: chunk.remove },
      };
      const data = await this.calls.mutate(() =>
        this.calls.call(
          () => api.contactGroups.members.modify(params, options()),
          'contactGroups.members.modify',
        ),
      );
      merged.notFoundResourceNames.push(...(data.notFoundResourceNames ?? []));
      merged.canNotRemoveLastContactGroupResourceNames.push(
        ...(data.canNotRemoveLastContactGroupResourceNames ?? []),
      );
    }
    return {
      notFoundResourceNames: [...new Set(merged.notFoundResourceNames)],
      canNotRemoveLastContactGroupResourceNames: [
        ...new Set(merged.canNotRemoveLastContactGroupResourceNames),
      ],
    };
  }
}
