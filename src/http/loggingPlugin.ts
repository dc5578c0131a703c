import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, Kind } from 'graphql';
import type { GatewayContext } from '../context.js';

/** Codes whose messages the gateway writes itself, never quoting what the client sent. */
const MESSAGES_WITHOUT_INPUT = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UPSTREAM_UNAVAILABLE',
  'RATE_LIMITED',
]);

/** Logs each operation's outcome and errors, counts it, and stamps the request id on errors. */
export const loggingPlugin: ApolloServerPlugin<GatewayContext> = {
  requestDidStart() {
    const started = performance.now();
    return Promise.resolve({
      didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          const original = unwrapResolverError(error);
          if (original instanceof GraphQLError) {
            const code = error.extensions['code'];
            // Messages about the client's input quote it (variables, photo bytes): log the code.
            const message =
              typeof code === 'string' && MESSAGES_WITHOUT_INPUT.has(code) ? error.message : code;
            contextValue.log.info({ operationName, code, path: error.path }, String(message));
          } else {
            contextValue.log.error({ operationName, err: original }, 'internal error');
          }
        }
        return Promise.resolve();
      },
      willSendResponse({ contextValue, response, operation }) {
        // Label by operation type and first root field: bounded by the schema, unlike the
        // client-chosen operation name.
        const root = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
        const label = operation && root ? `${operation.operation}:${root.name.value}` : 'invalid';
        const failed = response.body.kind === 'single' && response.body.singleResult.errors;
        contextValue.metrics?.operations.inc({
          operation: label,
          outcome: failed ? 'error' : 'ok',
        });
        contextValue.metrics?.operationSeconds.observe(
          { operation: label },
          (performance.now() - started) / 1000,
        );
        if (response.body.kind === 'single') {
          for (const error of response.body.singleResult.errors ?? []) {
            const extensions: Record<string, unknown> = error.extensions ?? {};
            extensions['requestId'] = contextValue.requestId;
          }
        }
        return Promise.resolve();
      },
    });
  },
};
