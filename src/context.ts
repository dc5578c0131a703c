import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { PeopleClient, type Upstream } from './people/client.js';
import { createPersonLoader, type PersonLoader } from './people/loaders.js';

/** What every resolver of one request sees. */
export interface GatewayContext {
  /** The People API with the caller's credentials. */
  people: PeopleClient;
  /** Batched, per-request person reads. */
  personLoader: PersonLoader;
  limits: { maxPhotoBytes: number; maxPeoplePerQuery: number };
  /** Names this request in logs, in the `x-request-id` header and in error extensions. */
  requestId: string;
  /** Logger whose lines all carry the request id and the caller's (hashed) identity. */
  log: Logger;
  metrics: Metrics | undefined;
}

export interface ContextDependencies {
  upstream: Upstream;
  maxPhotoBytes: number;
  maxPeoplePerQuery: number;
  metrics?: Metrics;
  /**
   * The emulator's demo token, used for requests without `Authorization`, in the embedded
   * emulator mode only. Against Google this is undefined and a missing token is refused.
   */
  demoToken: string | undefined;
}

const BEARER = /^Bearer ([\x21-\x7e]+)$/i;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/** Caller identity → upstream client → loaders, once per request. */
export function createContextFactory(deps: ContextDependencies) {
  return ({
    headers,
    requestId,
    log,
  }: {
    headers: IncomingHttpHeaders;
    requestId: string;
    log: Logger;
  }): GatewayContext => {
    const header = headers.authorization;
    let token: string;
    if (header === undefined || header === '') {
      if (deps.demoToken === undefined) {
        throw unauthenticated('Send the Google OAuth token as "Authorization: Bearer <token>".');
      }
      token = deps.demoToken;
    } else {
      const match = BEARER.exec(header);
      if (!match?.[1]) {
        throw unauthenticated('The Authorization header must be "Bearer <token>".');
      }
      token = match[1];
    }
    // The caller's identity keys their mutation queue; a hash, so no token sits in memory maps.
    const userKey = createHash('sha256').update(token).digest('base64url').slice(0, 22);
    const userLog = log.child({ user: userKey });
    const people = new PeopleClient(deps.upstream, {
      authorization: `Bearer ${token}`,
      userKey,
      log: userLog,
    });
    return {
      requestId,
      log: userLog,
      metrics: deps.metrics,
      people,
      personLoader: createPersonLoader(people),
      limits: { maxPhotoBytes: deps.maxPhotoBytes, maxPeoplePerQuery: deps.maxPeoplePerQuery },
    };
  };
}
