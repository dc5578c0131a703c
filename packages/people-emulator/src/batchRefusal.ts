/**
 * How a refused batch write answers. Google documents the shape but no public capture shows one:
 * `batchUpdateContacts` "If not successful, returns BatchUpdateContactsErrorDetails, a list of
 * errors corresponding to each contact"
 * (https://developers.google.com/people/api/rest/v1/BatchUpdateContactsErrorDetails: a map from
 * the resource name sent to a `google.rpc.Status`; "If a contact id does not appear, then the
 * update of that contact would have been successful"), and `batchCreateContacts` likewise with
 * the contact's index (https://developers.google.com/people/api/rest/v1/BatchCreateContactsErrorDetails).
 *
 * The emulator's choices (packages/people-emulator/README.md): nothing of a refused batch is
 * applied; the envelope's status and message are the first failing contact's (in request order);
 * the details entry's `@type` follows the message name. The fault set's `batchRefusal: "unnamed"`
 * leaves the details entry out, as an answer that names no contact would.
 */
import { ApiError, rpcCode } from './errors.js';

export const BATCH_REFUSALS = ['named', 'unnamed'] as const;
export type BatchRefusal = (typeof BATCH_REFUSALS)[number];

export type BatchErrorDetails =
  'BatchUpdateContactsErrorDetails' | 'BatchCreateContactsErrorDetails';

/** A contact's failure as a `google.rpc.Status`: the numeric code, the message, its details. */
function asStatus(error: ApiError): Record<string, unknown> {
  return {
    code: rpcCode(error.status),
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
  };
}

/**
 * The answer to a batch with failing contacts (`failures` keyed as Google keys them: resource
 * name or index, in request order): the first failure's status and message, and the details entry
 * naming every failing contact unless `refusal` is `unnamed`.
 */
export function batchRefused(
  kind: BatchErrorDetails,
  failures: ReadonlyMap<string, ApiError>,
  refusal: BatchRefusal,
): ApiError {
  const [first] = failures.values();
  if (first === undefined) throw new RangeError('a refused batch has at least one failure');
  const details =
    refusal === 'named'
      ? [
          {
            '@type': `type.googleapis.com/google.people.v1.${kind}`,
            contactErrors: Object.fromEntries(
              [...failures].map(([key, error]) => [key, asStatus(error)]),
            ),
          },
        ]
      : first.details;
  return new ApiError(first.httpStatus, first.status, first.message, first.reason, {
    ...(details ? { details } : {}),
  });
}
