/** `people.get` and `people.getBatchGet`. */
import { NOT_FOUND_MESSAGE, invalidArgument, notFound, rpcCode } from '../errors.js';
import { PERSON_FIELDS, parseMask, parseSources } from '../person/masks.js';
import { renderResolved } from '../store/render.js';
import { resolvePerson } from '../store/state.js';
import { personFieldsParam, readContext, type Handler } from './context.js';

export const getPerson: Handler = ({ state, user, query, resourceName }) => {
  const fields =
    parseMask(personFieldsParam(query), 'personFields', PERSON_FIELDS, 'people/get', true) ?? [];
  const sources = parseSources(query.all('sources'));
  const resolved = resolvePerson(user, resourceName);
  if (!resolved) throw notFound();
  return renderResolved(user, resolved, readContext(state, fields, sources));
};

/** "There is a maximum of 200 resource names." (discovery document). */
const BATCH_GET_MAX = 200;

export const batchGet: Handler = ({ state, user, query }) => {
  const names = query.all('resourceNames');
  if (names.length === 0) {
    // Emulator wording: Google's message for a missing resourceNames is not documented.
    throw invalidArgument('Request must specify at least one resource name.', 'resource_names');
  }
  if (names.length > BATCH_GET_MAX) {
    throw invalidArgument(
      `Too many resource names: ${names.length}. There is a maximum of ${BATCH_GET_MAX} resource names.`,
      'resource_names',
    );
  }
  const fields =
    parseMask(personFieldsParam(query), 'personFields', PERSON_FIELDS, 'people/get', true) ?? [];
  const ctx = readContext(state, fields, parseSources(query.all('sources')));
  return {
    responses: names.map((requestedResourceName) => {
      const resolved = resolvePerson(user, requestedResourceName);
      if (!resolved) {
        return {
          requestedResourceName,
          httpStatusCode: 404,
          status: { code: rpcCode('NOT_FOUND'), message: NOT_FOUND_MESSAGE },
        };
      }
      return {
        requestedResourceName,
        httpStatusCode: 200,
        person: renderResolved(user, resolved, ctx),
        status: {},
      };
    }),
  };
};
