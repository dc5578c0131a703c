/**
 * The People API routes: method, path pattern (after `/v1/`), handler and the query parameters the
 * discovery document gives the method. Methods the emulator does not serve answer 501.
 */
import { invalidArgument } from '../errors.js';
import type { Handler } from '../methods/context.js';
import { getPerson, batchGet } from '../methods/reads.js';
import { createContact, updateContact } from '../methods/writes.js';
import { batchCreateContacts, batchUpdateContacts } from '../methods/batchWrites.js';
import { batchDeleteContacts, deleteContact } from '../methods/deletes.js';
import { deleteContactPhoto, updateContactPhoto } from '../methods/photos.js';
import { listConnections } from '../methods/connections.js';
import { getContactGroup, listContactGroups } from '../methods/contactGroups.js';
import { modifyContactGroupMembers } from '../methods/groupMembership.js';
import {
  createContactGroup,
  deleteContactGroup,
  updateContactGroup,
} from '../methods/groupWrites.js';
import { searchContacts } from '../methods/search.js';
import type { Query } from '../query.js';

/** Parameters every Google API accepts (discovery document `parameters`). */
const GLOBAL_PARAMS = [
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'uploadType',
  'upload_protocol',
];

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler | 'unimplemented';
  /** Query parameters of the method (discovery document), besides the global ones. */
  params: readonly string[];
  /**
   * A mutation's RPC name (`UpdateContact` in PeopleService, or `Service.Method`): it needs the
   * contacts scope, and the 403 for a read-only token names the method (scopes.ts). False for reads.
   */
  mutation: string | false;
}

const PERSON_READ = ['personFields', 'requestMask.includeField', 'sources', 'sources[]'];

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^people:batchGet$/,
    handler: batchGet,
    params: [...PERSON_READ, 'resourceNames', 'resourceNames[]'],
    mutation: false,
  },
  {
    method: 'POST',
    pattern: /^people:createContact$/,
    handler: createContact,
    params: ['personFields', 'sources', 'sources[]'],
    mutation: 'CreateContact',
  },
  {
    method: 'PATCH',
    pattern: /^(people\/[^/:]+):updateContact$/,
    handler: updateContact,
    params: ['updatePersonFields', 'personFields', 'sources', 'sources[]'],
    mutation: 'UpdateContact',
  },
  {
    method: 'PATCH',
    pattern: /^(people\/[^/:]+):updateContactPhoto$/,
    handler: updateContactPhoto,
    params: [],
    mutation: 'UpdateContactPhoto',
  },
  {
    method: 'DELETE',
    pattern: /^(people\/[^/:]+):deleteContactPhoto$/,
    handler: deleteContactPhoto,
    params: ['personFields', 'sources', 'sources[]'],
    mutation: 'DeleteContactPhoto',
  },
  {
    method: 'DELETE',
    pattern: /^(people\/[^/:]+):deleteContact$/,
    handler: deleteContact,
    params: [],
    mutation: 'DeleteContact',
  },
  {
    method: 'POST',
    pattern: /^people:batchUpdateContacts$/,
    handler: batchUpdateContacts,
    params: [],
    mutation: 'BatchUpdateContacts',
  },
  {
    method: 'POST',
    pattern: /^people:batchCreateContacts$/,
    handler: batchCreateContacts,
    params: [],
    mutation: 'BatchCreateContacts',
  },
  {
    method: 'POST',
    pattern: /^people:batchDeleteContacts$/,
    handler: batchDeleteContacts,
    params: [],
    mutation: 'BatchDeleteContacts',
  },
  {
    method: 'GET',
    pattern: /^(people\/[^/:]+)\/connections$/,
    handler: listConnections,
    params: [...PERSON_READ, 'pageSize', 'pageToken', 'requestSyncToken', 'sortOrder', 'syncToken'],
    mutation: false,
  },
  {
    method: 'GET',
    pattern: /^(people\/[^/:]+)$/,
    handler: getPerson,
    params: PERSON_READ,
    mutation: false,
  },
  {
    method: 'GET',
    pattern: /^contactGroups$/,
    handler: listContactGroups,
    params: ['groupFields', 'pageSize', 'pageToken', 'syncToken'],
    mutation: false,
  },
  {
    method: 'GET',
    pattern: /^(contactGroups\/[^/:]+)$/,
    handler: getContactGroup,
    params: ['groupFields', 'maxMembers'],
    mutation: false,
  },
  {
    method: 'POST',
    pattern: /^contactGroups$/,
    handler: createContactGroup,
    params: [],
    mutation: 'ContactGroupService.CreateContactGroup',
  },
  {
    method: 'PUT',
    pattern: /^(contactGroups\/[^/:]+)$/,
    handler: updateContactGroup,
    params: [],
    mutation: 'ContactGroupService.UpdateContactGroup',
  },
  {
    method: 'DELETE',
    pattern: /^(contactGroups\/[^/:]+)$/,
    handler: deleteContactGroup,
    params: ['deleteContacts'],
    mutation: 'ContactGroupService.DeleteContactGroup',
  },
  {
    method: 'POST',
    pattern: /^(contactGroups\/[^/:]+)\/members:modify$/,
    handler: modifyContactGroupMembers,
    params: [],
    mutation: 'ContactGroupService.ModifyContactGroupMembers',
  },
  {
    method: 'GET',
    pattern: /^people:searchContacts$/,
    handler: searchContacts,
    params: ['query', 'pageSize', 'readMask', 'sources', 'sources[]'],
    mutation: false,
  },
  // Methods Google has but the emulator does not: a clear 501 rather than a misleading 404.
  ...(
    [
      ['GET', /^people:(listDirectoryPeople|searchDirectoryPeople)$/],
      ['GET', /^contactGroups:batchGet$/],
      ['GET', /^otherContacts(:search)?$/],
      ['POST', /^otherContacts\/[^/:]+:copyOtherContactToMyContactsGroup$/],
    ] as const
  ).map(([method, pattern]): Route => ({
    method,
    pattern,
    handler: 'unimplemented',
    params: [],
    mutation: false,
  })),
];

/** The route a request matches, with the resource name its path holds (if any). */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; resourceName: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  if (!decoded.startsWith('/v1/')) return undefined;
  const rest = decoded.slice('/v1/'.length);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(rest);
    if (match) return { route, resourceName: match[1] ?? '' };
  }
  return undefined;
}

/** Google's front end refuses a query parameter the method does not have. */
export function checkQueryParams(route: Route, query: Query): void {
  for (const key of query.keys()) {
    if (!GLOBAL_PARAMS.includes(key) && !route.params.includes(key)) {
      throw invalidArgument(
        `Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter. Field '${key}' could not be found in request message.`,
      );
    }
  }
}
