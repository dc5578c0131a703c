/** `contactGroups.list` and `contactGroups.get`, and how a group renders. */
import { invalidArgument, notFound } from '../errors.js';
import { GROUP_FIELDS, parseMask, type GroupField } from '../person/masks.js';
import type { JsonObject } from '../person/json.js';
import {
  groupMemberCount,
  groupMembers,
  renderGroupEtag,
  type StoredGroup,
  type UserState,
} from '../store/state.js';
import type { Handler } from './context.js';
import {
  decodeToken,
  encodeToken,
  invalidPageToken,
  parsePageSize,
  rejectSyncToken,
} from './paging.js';

export function renderGroup(
  user: UserState,
  group: StoredGroup,
  fields: readonly string[],
): JsonObject {
  const out: JsonObject = { resourceName: group.resourceName };
  const etag = renderGroupEtag(group);
  if (etag) out.etag = etag;
  if (fields.includes('metadata') && !group.system && group.updateTime) {
    out.metadata = { updateTime: group.updateTime };
  }
  if (fields.includes('groupType')) {
    out.groupType = group.system ? 'SYSTEM_CONTACT_GROUP' : 'USER_CONTACT_GROUP';
  }
  if (fields.includes('name')) {
    out.name = group.name;
    out.formattedName = group.formattedName;
  }
  if (fields.includes('memberCount')) {
    // proto3 JSON omits zero: empty groups carry no memberCount.
    const count = groupMemberCount(user, group);
    if (count > 0) out.memberCount = count;
  }
  if (fields.includes('clientData') && group.clientData && group.clientData.length > 0) {
    out.clientData = group.clientData;
  }
  return out;
}

/** "Defaults to `metadata`, `groupType`, `memberCount`, and `name` if not set or set to empty." */
const DEFAULT_GROUP_FIELDS: GroupField[] = ['metadata', 'groupType', 'memberCount', 'name'];

export function groupFieldsParam(value: string | undefined, doc: string): GroupField[] {
  return parseMask(value, 'groupFields', GROUP_FIELDS, doc, false) ?? DEFAULT_GROUP_FIELDS;
}

/** The group the path names; 404 as for a person when the user has none by that name. */
export function findGroup(user: UserState, resourceName: string): StoredGroup {
  const group = user.groups.get(resourceName);
  if (!group) throw notFound();
  return group;
}

/** `maxMembers`: "Defaults to 0 if not set, which will return zero members." */
function maxMembersParam(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d+$/.test(value)) {
    throw invalidArgument(`Invalid value at 'max_members' (TYPE_INT32), "${value}"`, 'max_members');
  }
  return Number(value);
}

export const getContactGroup: Handler = ({ user, query, resourceName }) => {
  const fields = groupFieldsParam(query.one('groupFields'), 'contactGroups/get');
  const maxMembers = maxMembersParam(query.one('maxMembers'));
  const group = findGroup(user, resourceName);
  const out = renderGroup(user, group, fields);
  if (maxMembers > 0) {
    const members = groupMembers(user, group).slice(0, maxMembers);
    if (members.length > 0) out.memberResourceNames = members.map((c) => c.resourceName);
  }
  return out;
};

export const listContactGroups: Handler = ({ user, query }) => {
  const fields = groupFieldsParam(query.one('groupFields'), 'contactGroups/list');
  const pageSize = parsePageSize(query.one('pageSize'), 1000, 30);
  rejectSyncToken(query);
  const groups = [...user.groups.values()];
  const pageToken = query.one('pageToken');
  let offset = 0;
  if (pageToken) {
    const token = decodeToken(pageToken);
    offset = Number(token.after);
    if (token.order !== 'groups' || !Number.isInteger(offset) || offset < 0) {
      throw invalidPageToken();
    }
  }
  const page = groups.slice(offset, offset + pageSize);
  const next = offset + page.length;
  return {
    contactGroups: page.map((group) => renderGroup(user, group, fields)),
    totalItems: groups.length,
    ...(next < groups.length
      ? { nextPageToken: encodeToken({ order: 'groups', after: String(next) }) }
      : {}),
  };
};
