import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { DelegationError, type DelegatedTokenSource } from './auth/serviceAccount.js';
import { subjectFromHeaders, type SubjectRules } from './auth/subject.js';
import type { RequestLogger } from './logger.js';
import type { Metrics } from './metrics.js';
import { PeopleClient, type Reauthorization, type Upstream } from './people/client.js';
import { ContactGroupsClient } from './people/groups.js';
import { createPersonLoader, type PersonLoader } from './people/loaders.js';
import {
  DEFAULT_OPERATION_LIMITS,
  OperationBudget,
  type OperationLimits,
} from './people/operationBudget.js';
import { ContactSearch } from './people/search.js';

/** What every resolver of one request sees. */
export interface GatewayContext {
  /** The People API with the caller's credentials. */
  people: PeopleClient;
  /** Batched, per-request person reads. */
  personLoader: PersonLoader;
  /** Contact groups (`contactGroups.*`) on the same calls, queue and budget as `people`. */
  groups: ContactGroupsClient;
  /** `people.searchContacts` with Google's warm-up, on the same calls as `people`. */
  search: ContactSearch;
  limits: { maxPhotoBytes: number; maxPeoplePerQuery: number };
  /** Names this request in logs, in the `x-request-id` header and in error extensions. */
  requestId: string;
  /** The request's logger: every line carries the request id. */
  log: RequestLogger;
  metrics: Metrics | undefined;
  /** Who calls, as a hash of their token or delegated subject: for logs, never a secret. */
  caller: string;
  /** The caller may read the subgraph SDL (`_service`): decided by the HTTP layer. */
  mayCompose: boolean;
}

export interface ContextDependencies {
  upstream: Upstream;
  maxPhotoBytes: number;
  maxPeoplePerQuery: number;
  /** What one operation may spend upstream; DEFAULT_OPERATION_LIMITS when left out. */
  operationLimits?: OperationLimits;
  metrics?: Metrics;
  /**
   * AUTH_MODE=service-account: act as the user the trusted proxy names in `rules.header`, with a
   * token from the service account's domain-wide delegation. The caller's Authorization header is
   * then ignored. Undefined: bearer mode.
   */
  delegation?: { tokens: DelegatedTokenSource; rules: SubjectRules };
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

function errorWithCode(message: string, code: string, status: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * What the operator checks when Google will not act as a delegated user:
 * https://developers.google.com/identity/protocols/oauth2/service-account#delegatingauthority
 */
const DELEGATION_CHECKS =
  'check the service account’s domain-wide delegation (its client ID and the contacts scope in the Admin console) and that the user exists';

function hashed(identity: string): string {
  return createHash('sha256').update(identity).digest('base64url').slice(0, 22);
}

/**
 * Service account mode: the subject header → an access token acting as that user, and the way to
 * replace it when the People API refuses it. The user key hashes the subject, not the token, so
 * one user's mutations keep one queue across token refreshes.
 */
async function delegatedCredentials(
  delegation: NonNullable<ContextDependencies['delegation']>,
  headers: IncomingHttpHeaders,
  log: RequestLogger,
): Promise<{ token: string; userKey: string; reauthorize: Reauthorization }> {
  const subject = subjectFromHeaders(headers, delegation.rules);
  if (!subject.ok) {
    throw subject.reason === 'domain-not-allowed'
      ? errorWithCode(subject.message, 'FORBIDDEN', 403)
      : unauthenticated(subject.message);
  }
  const { tokens } = delegation;
  const userKey = hashed(`subject:${subject.subject}`);
  const tokenFor = async (): Promise<string> => {
    try {
      return await tokens.tokenFor(subject.subject);
    } catch (error) {
      if (!(error instanceof DelegationError)) throw error;
      // The message and fields carry Google's code and description, never a key or token.
      log.warn(
        { user: userKey, reason: error.reason, oauthError: error.oauthError, status: error.status },
        error.message,
      );
      throw error.reason === 'refused'
        ? unauthenticated(`The token endpoint refused to act as this user: ${DELEGATION_CHECKS}.`)
        : errorWithCode('The token endpoint is unavailable.', 'UPSTREAM_UNAVAILABLE', 503);
    }
  };
  const token = await tokenFor();
  const reauthorize: Reauthorization = {
    async renew() {
      // A token revoked or expired before its time: Google answers 401 until it is replaced.
      log.info({ user: userKey }, 'People API refused the delegated token; fetching another');
      tokens.forget(subject.subject, token);
      return `Bearer ${await tokenFor()}`;
    },
    refused() {
      log.warn({ user: userKey }, 'People API refused a fresh delegated token');
      return unauthenticated(
        `The People API refused a fresh delegated token for this user: ${DELEGATION_CHECKS}.`,
      );
    },
  };
  return { token, userKey, reauthorize };
}

function buildContext(
  deps: ContextDependencies,
  token: string,
  userKey: string,
  requestId: string,
  log: RequestLogger,
  mayCompose = false,
  reauthorize?: Reauthorization,
): GatewayContext {
  // The request's logger already carries the request id; no child per user on the hot path.
  // One request is one operation (batching is off): its budget is the request's.
  const budget = new OperationBudget(deps.operationLimits ?? DEFAULT_OPERATION_LIMITS);
  const people = new PeopleClient(deps.upstream, {
    authorization: `Bearer ${token}`,
    userKey,
    log,
    budget,
    reauthorize,
  });
  return {
    requestId,
    log,
    metrics: deps.metrics,
    caller: userKey,
    mayCompose,
    people,
    personLoader: createPersonLoader(people, budget),
    groups: new ContactGroupsClient(people.calls),
    search: new ContactSearch(people.calls, deps.upstream.searchWarmth),
    limits: { maxPhotoBytes: deps.maxPhotoBytes, maxPeoplePerQuery: deps.maxPeoplePerQuery },
  };
}

/** Caller identity → upstream client → loaders, once per request. */
export function createContextFactory(deps: ContextDependencies) {
  return async ({
    headers,
    requestId,
    log,
    mayCompose,
  }: {
    headers: IncomingHttpHeaders;
    requestId: string;
    log: RequestLogger;
    mayCompose?: boolean;
  }): Promise<GatewayContext> => {
    if (deps.delegation) {
      const { token, userKey, reauthorize } = await delegatedCredentials(
        deps.delegation,
        headers,
        log,
      );
      return buildContext(deps, token, userKey, requestId, log, mayCompose, reauthorize);
    }
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
    return buildContext(deps, token, hashed(token), requestId, log, mayCompose);
  };
}
