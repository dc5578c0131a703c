/**
 * OAuth scopes. Mutations need `https://www.googleapis.com/auth/contacts`; reads accept
 * `contacts.readonly` too (docs/people-api.md). A token started as read-only
 * (`startEmulator({ readOnlyTokens })`, `EMULATOR_READONLY_TOKENS`) holds `contacts.readonly`
 * alone: its reads work, its mutations get Google's 403 for a token without the scope.
 */
import { ApiError } from './errors.js';

export const CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts';
export const CONTACTS_READONLY_SCOPE = 'https://www.googleapis.com/auth/contacts.readonly';

/**
 * The scopes `WWW-Authenticate` names for a mutation: the contacts scope first, then the legacy
 * Contacts API scope, as in a People API capture
 * (https://github.com/kwent/react-google-contacts/issues/6, whose list goes on with more
 * `m8/feeds` variants).
 */
const MUTATION_SCOPES = [CONTACTS_SCOPE, 'https://www.google.com/m8/feeds'];

/**
 * 403 PERMISSION_DENIED "Request had insufficient authentication scopes.": the message, status
 * and `errors[]` item of a People API capture
 * (https://github.com/googleworkspace/php-samples/issues/49), the `WWW-Authenticate` challenge of
 * another (kwent/react-google-contacts#6), and the `ErrorInfo` detail Google's APIs add
 * (https://cloud.google.com/apis/design/errors#error_info) with the method's RPC name.
 */
export function insufficientScope(rpcMethod: string): ApiError {
  return new ApiError(
    403,
    'PERMISSION_DENIED',
    'Request had insufficient authentication scopes.',
    'forbidden',
    {
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
          metadata: {
            service: 'people.googleapis.com',
            method: `google.people.v1.${rpcMethod.includes('.') ? rpcMethod : `PeopleService.${rpcMethod}`}`,
          },
        },
      ],
      headers: {
        'WWW-Authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${MUTATION_SCOPES.join(' ')}"`,
      },
    },
  );
}
