/**
 * Service account credentials with domain-wide delegation: a JSON key file, a JWT signed with its
 * private key naming the user to act as (`sub`), exchanged at the key's `token_uri` for an access
 * token (the JWT bearer grant):
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 *
 * Node builtins only. No message, log line or error here ever carries the private key, a signed
 * assertion or an access token.
 */
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The scope the People API's contact writes need. */
export const CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google refuses assertions that live longer than an hour. */
const ASSERTION_LIFETIME_S = 3600;
/** A cached token is replaced this long before it expires, so no call carries a dying token. */
const REFRESH_MARGIN_MS = 60_000;

export interface ServiceAccountKey {
  clientEmail: string;
  /** Parsed once; a KeyObject never prints its key material. */
  privateKey: KeyObject;
  /** Sent as the JWT header's `kid` when the key file names it. */
  privateKeyId: string | undefined;
  /** Where assertions are exchanged, and their `aud`. */
  tokenUri: string;
}

/** The key file is missing, unreadable or not a service account key. Names the file and field. */
export class ServiceAccountKeyError extends Error {
  override name = 'ServiceAccountKeyError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the JSON of a service account key (as the Cloud console downloads it). `source`
 * names the key in error messages, which never quote its content.
 */
export function parseServiceAccountKey(text: string, source: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The SyntaxError would quote the file around the fault, which may be the key: say less.
    throw new ServiceAccountKeyError(`${source} is not valid JSON.`);
  }
  if (!isObject(json)) throw new ServiceAccountKeyError(`${source} is not a JSON object.`);
  const field = (name: string): string => {
    const value = json[name];
    if (typeof value !== 'string' || value === '') {
      throw new ServiceAccountKeyError(`${source} has no "${name}" (a non-empty string).`);
    }
    return value;
  };
  const type = field('type');
  if (type !== 'service_account') {
    throw new ServiceAccountKeyError(
      `${source} is a "${type.slice(0, 40)}" credential; a service account key has "type": "service_account".`,
    );
  }
  const clientEmail = field('client_email');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(field('private_key'));
  } catch (error) {
    if (error instanceof ServiceAccountKeyError) throw error;
    throw new ServiceAccountKeyError(
      `${source} has a "private_key" that is not a PEM private key.`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new ServiceAccountKeyError(`${source} has a "private_key" that is not an RSA key.`);
  }
  const rawTokenUri = field('token_uri');
  let tokenUri: URL;
  try {
    tokenUri = new URL(rawTokenUri);
  } catch {
    throw new ServiceAccountKeyError(`${source} has a "token_uri" that is not an absolute URL.`);
  }
  // The assertion is a credential for an hour: plain HTTP only to a loopback emulator.
  const loopback = tokenUri.protocol === 'http:' && LOOPBACK_HOSTS.has(tokenUri.hostname);
  if (tokenUri.protocol !== 'https:' && !loopback) {
    throw new ServiceAccountKeyError(
      `${source} has a "token_uri" that is not https (plain http is accepted on loopback only).`,
    );
  }
  const privateKeyId = json['private_key_id'];
  return {
    clientEmail,
    privateKey,
    privateKeyId:
      typeof privateKeyId === 'string' && privateKeyId !== '' ? privateKeyId : undefined,
    tokenUri: tokenUri.href,
  };
}

/** Reads and validates a service account key file (`GOOGLE_APPLICATION_CREDENTIALS`). */
export function loadServiceAccountKey(path: string): ServiceAccountKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = isObject(error) && typeof error['code'] === 'string' ? ` (${error['code']})` : '';
    throw new ServiceAccountKeyError(`The service account key ${path} cannot be read${code}.`);
  }
  return parseServiceAccountKey(text, `The service account key ${path}`);
}

export type DelegationFailure =
  /** The token endpoint answered 4xx: bad key, delegation not granted, unknown subject… */
  | 'refused'
  /** No answer, a timeout, 429 or 5xx: worth trying again later. */
  | 'unavailable'
  /** A 2xx without a usable token. */
  | 'invalid-response';

/** The token endpoint did not give a token. The message carries no credential. */
export class DelegationError extends Error {
  override name = 'DelegationError';
  constructor(
    readonly reason: DelegationFailure,
    message: string,
    /** Google's OAuth error code (`invalid_grant`, `unauthorized_client`, …) when it sent one. */
    readonly oauthError?: string,
    /** The token endpoint's HTTP status, when it answered. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface DelegatedTokenSourceOptions {
  key: ServiceAccountKey;
  scopes: readonly string[];
  /** Default: the global fetch. */
  fetchImpl?: typeof fetch;
  /** Epoch milliseconds; default Date.now. Tests pass a fake clock. */
  now?: () => number;
  /** Time limit of one token request; default 10 s. */
  timeoutMs?: number;
  /** Subjects whose tokens are kept; beyond it the oldest entries go. Default 10,000. */
  maxCachedSubjects?: number;
}

export interface DelegatedTokenSource {
  /** An access token acting as `subject` (an email address); cached until a minute before expiry. */
  tokenFor(subject: string): Promise<string>;
  /** Drops a cached token, e.g. after the People API refused it (revoked delegation). */
  forget(subject: string): void;
}

interface CachedToken {
  accessToken: string;
  /** When to stop using it: its expiry less the refresh margin. */
  refreshAt: number;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Google's `error_description` is meant for people; keep it short and single-line. */
function describe(description: unknown): string {
  if (typeof description !== 'string' || description === '') return '';
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

export function createDelegatedTokenSource(
  options: DelegatedTokenSourceOptions,
): DelegatedTokenSource {
  const { key } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxCached = options.maxCachedSubjects ?? 10_000;
  const scope = options.scopes.join(' ');
  const cache = new Map<string, CachedToken>();
  const inFlight = new Map<string, Promise<string>>();

  function assertion(subject: string, issuedAt: number): string {
    const header = {
      alg: 'RS256',
      typ: 'JWT',
      ...(key.privateKeyId ? { kid: key.privateKeyId } : {}),
    };
    const iat = Math.floor(issuedAt / 1000);
    const claims = {
      iss: key.clientEmail,
      sub: subject,
      scope,
      aud: key.tokenUri,
      iat,
      exp: iat + ASSERTION_LIFETIME_S,
    };
    const signingInput = `${base64url(header)}.${base64url(claims)}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  async function fetchToken(subject: string): Promise<CachedToken> {
    const requestedAt = now();
    let response: Response;
    try {
      response = await fetchImpl(key.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: JWT_BEARER_GRANT,
          assertion: assertion(subject, requestedAt),
        }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const what =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : 'the request failed';
      // The cause is a network error (fetch never quotes the body it sent).
      throw new DelegationError('unavailable', `Token endpoint: ${what}.`, undefined, undefined, {
        cause: error,
      });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const fields = isObject(body) ? body : {};
    if (!response.ok) {
      const oauthError = typeof fields['error'] === 'string' ? fields['error'] : undefined;
      const description = describe(fields['error_description']);
      const reason = response.status === 429 || response.status >= 500 ? 'unavailable' : 'refused';
      const detail = [oauthError, description && `(${description})`].filter(Boolean).join(' ');
      throw new DelegationError(
        reason,
        `Token endpoint answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`,
        oauthError,
        response.status,
      );
    }
    const accessToken = fields['access_token'];
    const expiresIn = fields['expires_in'];
    if (
      typeof accessToken !== 'string' ||
      accessToken === '' ||
      typeof expiresIn !== 'number' ||
      !(expiresIn > 0)
    ) {
      throw new DelegationError(
        'invalid-response',
        'Token endpoint answered without an access_token and expires_in.',
        undefined,
        response.status,
      );
    }
    // Counted from the request, not the answer: the token's clock started no later than that.
    return { accessToken, refreshAt: requestedAt + expiresIn * 1000 - REFRESH_MARGIN_MS };
  }

  function remember(subject: string, token: CachedToken): void {
    cache.delete(subject);
    cache.set(subject, token);
    if (cache.size <= maxCached) return;
    const at = now();
    for (const [name, cached] of cache) {
      if (cached.refreshAt <= at) cache.delete(name);
    }
    // Map order is insertion order: the first entries are the least recently fetched.
    for (const name of cache.keys()) {
      if (cache.size <= maxCached) break;
      cache.delete(name);
    }
  }

  return {
    tokenFor(subject) {
      const cached = cache.get(subject);
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.accessToken);
      const pending = inFlight.get(subject);
      if (pending) return pending;
      const request = fetchToken(subject)
        .then((token) => {
          remember(subject, token);
          return token.accessToken;
        })
        .finally(() => inFlight.delete(subject));
      inFlight.set(subject, request);
      return request;
    },
    forget(subject) {
      cache.delete(subject);
    },
  };
}
