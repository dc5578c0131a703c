/**
 * updateContact's answer to a stale etag: 400 FAILED_PRECONDITION with Google's message, in one of
 * the envelopes public captures show (docs/people-api.md#etags):
 *
 * - `errors`: with the legacy `errors[]`, reason `failedPrecondition`; the Go client prints that
 *   reason after the message
 *   (https://github.com/googleapis/google-api-go-client/issues/1904);
 * - `bare`: code, message and status only; the Python client then repeats the message as the
 *   details, which it does when the body has neither `details` nor `errors`
 *   (https://github.com/googleapis/google-api-python-client/issues/2417, first report);
 * - `debugInfo`: a `google.rpc.DebugInfo` detail whose `detail` starts `[ORIGINAL ERROR]
 *   generic::failed_precondition:` (the same issue, the maintainer's reproduction; the capture is
 *   cut short, so the rest of the detail and whether `errors[]` came too are unknown: the emulator
 *   sends the message after the prefix and no `errors[]`).
 */
import { ApiError } from './errors.js';

export const ETAG_ENVELOPES = ['errors', 'bare', 'debugInfo'] as const;
export type EtagEnvelope = (typeof ETAG_ENVELOPES)[number];

export const STALE_ETAG_MESSAGE =
  'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.';

export function etagFailure(envelope: EtagEnvelope): ApiError {
  switch (envelope) {
    case 'errors':
      return new ApiError(400, 'FAILED_PRECONDITION', STALE_ETAG_MESSAGE, 'failedPrecondition');
    case 'bare':
      return new ApiError(400, 'FAILED_PRECONDITION', STALE_ETAG_MESSAGE, null);
    case 'debugInfo':
      return new ApiError(400, 'FAILED_PRECONDITION', STALE_ETAG_MESSAGE, null, {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.DebugInfo',
            detail: `[ORIGINAL ERROR] generic::failed_precondition: ${STALE_ETAG_MESSAGE}`,
          },
        ],
      });
  }
}
