/** `contactGroups.list`. */
import { GROUP_FIELDS, parseMask } from '../person/masks.js';
import type { JsonObject } from '../person/json.js';
import {
  groupMemberCount,
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

function renderGroup(user: UserState, group: StoredGroup, fields: readonly string[]): JsonObject {
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
  return out;
}

export const listContactGroups: Handler = ({ user, query }) => {
  const fields = parseMask(
    query.one('groupFields'),
    'groupFields',
    GROUP_FIELDS,
    'contactGroups/list',
    false,
  ) ?? ['metadata', 'groupType', 'memberCount', 'name'];
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
