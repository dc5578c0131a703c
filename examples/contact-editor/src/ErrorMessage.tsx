import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';
import { isUnauthenticated } from './apollo';

/** A request that failed outright (not a result union member), for a person to read. */
export function ErrorMessage({ error }: { error: ErrorLike }) {
  if (isUnauthenticated(error)) {
    return (
      <p role="alert" className="error">
        Not signed in: the gateway needs a valid bearer token (paste one above).
      </p>
    );
  }
  const messages = CombinedGraphQLErrors.is(error)
    ? error.errors.map((e) => e.message)
    : [error.message];
  return (
    <p role="alert" className="error">
      {messages.join(' ')}
    </p>
  );
}
