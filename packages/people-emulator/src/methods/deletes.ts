/**
 * `people.deleteContact` and `people.batchDeleteContacts`: "Any non-contact data will not be
 * deleted", and both answer an empty body
 * (https://developers.google.com/people/api/rest/v1/people/deleteContact,
 * https://developers.google.com/people/api/rest/v1/people/batchDeleteContacts). A batch is
 * checked whole before anything is deleted: a name that is not a contact refuses it with the
 * single method's 400, an unknown contact with its 404 (no capture shows Google's batch answer).
 */
import { invalidArgument } from '../errors.js';
import { BATCH_DELETE_MAX, bindRequest, checkBatchSize } from './batchBody.js';
import { findContact, requireContactName, type Handler } from './context.js';

export const deleteContact: Handler = ({ user, resourceName }) => {
  requireContactName(resourceName);
  findContact(user, resourceName);
  user.contacts.delete(resourceName);
  return {};
};

export const batchDeleteContacts: Handler = ({ user, body }) => {
  const request = bindRequest(body, ['resourceNames']);
  const names = request.resourceNames ?? [];
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
    throw invalidArgument(
      `Invalid value at 'resource_names' (TYPE_STRING), ${JSON.stringify(names)}`,
      'resource_names',
    );
  }
  checkBatchSize(names.length, BATCH_DELETE_MAX, 'resource_names', 'resource name');
  for (const name of names) {
    requireContactName(name);
    findContact(user, name);
  }
  for (const name of names) user.contacts.delete(name);
  return {};
};
