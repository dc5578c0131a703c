/**
 * What every People API method gets from the router, and the steps several of them share. Each
 * method validates in Google's order, changes the store and returns the JSON body; errors are
 * thrown as ApiError and answered by the router.
 */
import type { BatchRefusal } from '../batchRefusal.js';
import { notFound, invalidArgument } from '../errors.js';
import type { EtagEnvelope } from '../etagFailure.js';
import type { PersonField, SourceKind } from '../person/masks.js';
import type { Query } from '../query.js';
import type { RenderContext } from '../store/render.js';
import type { EmulatorState, StoredContact, UserState } from '../store/state.js';

export interface CallContext {
  state: EmulatorState;
  user: UserState;
  query: Query;
  /** Parsed JSON body (`{}` when empty); only mutations read it. */
  body: unknown;
  /** `people/{id}` for routes with a resource in the path. */
  resourceName: string;
  /** How a stale etag is answered (the fault set's `etagEnvelope`). */
  etagEnvelope: EtagEnvelope;
  /** Whether a refused batch names its failing contacts (the fault set's `batchRefusal`). */
  batchRefusal: BatchRefusal;
}

export type Handler = (ctx: CallContext) => unknown;

/** Contact ids are `c` + digits; `people/me` and account ids are profiles, not contacts. */
export function requireContactName(resourceName: string): void {
  if (!/^people\/c\d+$/.test(resourceName)) {
    throw invalidArgument(
      `Resource name "${resourceName}" is not a valid contact person resource.`,
    );
  }
}

/** The legacy `requestMask.includeField` (`person.names,…`) stands in for personFields. */
export function personFieldsParam(query: Query): string | undefined {
  const fields = query.one('personFields');
  if (fields !== undefined && fields !== '') return fields;
  const legacy = query.one('requestMask.includeField');
  return legacy?.replace(/(^|,)\s*person\./g, '$1');
}

export function readContext(
  state: EmulatorState,
  fields: readonly PersonField[],
  sources: Set<SourceKind>,
): RenderContext {
  return { rootUrl: state.rootUrl, fields, sources };
}

export function findContact(user: UserState, resourceName: string): StoredContact {
  const contact = user.contacts.get(resourceName);
  if (!contact) throw notFound();
  return contact;
}
