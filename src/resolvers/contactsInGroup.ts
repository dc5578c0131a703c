import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { fromGroupPageToken, toGroupPageToken } from '../mappers/groupPage.js';
import { PeopleApiError } from '../people/client.js';
import {
  CONTACT_GROUP_RESOURCE_NAME_GRAMMAR,
  isContactGroupResourceName,
} from '../people/resourceNames.js';
import type { ListConnectionsResponse, Person } from '../people/types.js';
import { loadPerson, readUpstream } from './loadPerson.js';

function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/**
 * One page of a group's members: `contactGroups.get` with `maxMembers` up to the page's end, then
 * the page's members through the request's loader (`getBatchGet`, 200 a call). Members that no
 * longer resolve are left out. Shaped as a connections page, so `ContactPage` serves both.
 */
export async function contactsInGroup(
  ctx: GatewayContext,
  group: string,
  pageSize: number,
  pageToken: string | null | undefined,
  personFields: string,
): Promise<ListConnectionsResponse> {
  if (!isContactGroupResourceName(group)) {
    throw badInput(
      `Refused group: a contact group's resource name is ${CONTACT_GROUP_RESOURCE_NAME_GRAMMAR}.`,
      'group',
    );
  }
  const offset = pageToken ? fromGroupPageToken(pageToken, group) : 0;
  if (offset === null) {
    throw badInput('pageToken is not a page token of this group’s members.', 'pageToken');
  }
  const found = await readUpstream(
    ctx.groups.get(group, offset + pageSize).catch((error: unknown) => {
      if (error instanceof PeopleApiError && error.google.httpStatus === 404) {
        throw badInput(`No contact group ${group} exists for the caller.`, 'group');
      }
      throw error;
    }),
  );
  const listed = found.memberResourceNames ?? [];
  const names = listed.slice(offset, offset + pageSize);
  const persons = await Promise.all(names.map((name) => loadPerson(ctx, name, personFields)));
  const total = found.memberCount ?? 0;
  const end = offset + pageSize;
  return {
    connections: persons.filter((person): person is Person => person !== null),
    totalItems: total,
    ...(listed.length >= end && end < total ? { nextPageToken: toGroupPageToken(group, end) } : {}),
  };
}
