/**
 * Service account credentials with domain-wide delegation: a JSON key file, and per user to act
 * as (`sub`) an access token from google-auth-library's JWT client, which signs the assertion,
 * exchanges it at the key's `token_uri` (the JWT bearer grant) and refreshes it before expiry:
 * https://developers.google.com/identity/protocols/oauth2/service-account#delegatingauthority
 *
 * No message, log line or error here ever carries the private key, a signed assertion or an
 * access token.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gaxios, JWT } from 'google-auth-library';

/** The scope the People API's contact writes need. */
export const CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts';

/** Where gtoken (the JWT client's token fetcher) sends every grant, and the `aud` it signs. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface ServiceAccountKey {
  clientEmail: string;
  /** Parsed once; a KeyObject never prints its key material. */
  privateKey: KeyObject;
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
  return { clientEmail, privateKey, tokenUri: tokenUri.href };
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
  /** The token endpoint's transport; default the global fetch. Tests pass a fake. */
  fetchImpl?: typeof fetch;
  /** Time limit of one token request; default 10 s. */
  timeoutMs?: number;
  /** Users whose JWT clients (and tokens) are kept; beyond it the least recently used go. */
  maxCachedSubjects?: number;
}

export interface DelegatedTokenSource {
  /**
   * An access token acting as `subject` (an email address): its JWT client's, fetched once for
   * concurrent callers, reused until five minutes before it expires.
   */
  tokenFor(subject: string): Promise<string>;
  /**
   * Drops `subject`'s token if it is still `token` (the People API refused it), so the next
   * `tokenFor` fetches another; callers refused the same token together cause one exchange.
   */
  forget(subject: string, token: string): void;
}

/** Google's `error_description` is meant for people; keep it short and single-line. */
function describe(description: unknown): string {
  if (typeof description !== 'string' || description === '') return '';
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

const NO_TOKEN = 'Token endpoint answered without an access_token and expires_in.';

/**
 * A failed token fetch → why, in words that carry no credential. The GaxiosError itself is not
 * kept as the cause: its `config` holds the request (the assertion, redacted or not).
 */
function delegationError(error: unknown, timeoutMs: number): DelegationError {
  if (!(error instanceof gaxios.GaxiosError)) {
    // Not a transport error: the JWT client found no access_token in a 2xx answer.
    return new DelegationError('invalid-response', NO_TOKEN, undefined, undefined, {
      cause: error,
    });
  }
  const response = error.response;
  if (!response) {
    const what =
      error.code === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the request failed';
    return new DelegationError('unavailable', `Token endpoint: ${what}.`);
  }
  const fields: Record<string, unknown> = isObject(response.data) ? response.data : {};
  const oauthError = typeof fields['error'] === 'string' ? fields['error'] : undefined;
  const description = describe(fields['error_description']);
  const status = response.status;
  const reason = status === 429 || status >= 500 ? 'unavailable' : 'refused';
  const detail = [oauthError, description && `(${description})`].filter(Boolean).join(' ');
  return new DelegationError(
    reason,
    `Token endpoint answered HTTP ${status}${detail ? `: ${detail}` : ''}.`,
    oauthError,
    status,
  );
}

/**
 * One transport for every JWT client, one attempt per fetch: a request waiting for its token fails
 * at once (503) rather than after the library's backoff, and its client decides to try again.
 */
function tokenTransport(
  key: ServiceAccountKey,
  timeoutMs: number,
  fetchImpl: typeof fetch | undefined,
): gaxios.Gaxios {
  const transporter = new gaxios.Gaxios({
    timeout: timeoutMs,
    retryConfig: { retry: 0 },
    ...(fetchImpl ? { fetchImplementation: fetchImpl } : {}),
  });
  // gtoken posts to GOOGLE_TOKEN_URL whatever the key's token_uri says, so the emulator's would be
  // ignored: https://github.com/googleapis/node-gtoken/blob/main/src/index.ts
  transporter.interceptors.request.add({
    resolved: (config) => {
      if (config.url.href === GOOGLE_TOKEN_URL) config.url = new URL(key.tokenUri);
      return Promise.resolve(config);
    },
  });
  return transporter;
}

export function createDelegatedTokenSource(
  options: DelegatedTokenSourceOptions,
): DelegatedTokenSource {
  const { key } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxCached = options.maxCachedSubjects ?? 10_000;
  const transporter = tokenTransport(key, timeoutMs, options.fetchImpl);
  const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  /** Map order is use order: the first entry is the least recently used. */
  const clients = new Map<string, JWT>();

  function clientFor(subject: string): JWT {
    const client =
      clients.get(subject) ??
      new JWT({
        email: key.clientEmail,
        key: pem,
        subject,
        scopes: [...options.scopes],
        // gtoken's `aud` is GOOGLE_TOKEN_URL too; the token endpoint checks it names itself.
        additionalClaims: { aud: key.tokenUri },
        transporter,
      });
    clients.delete(subject);
    clients.set(subject, client);
    for (const oldest of clients.keys()) {
      if (clients.size <= maxCached) break;
      clients.delete(oldest);
    }
    return client;
  }

  function drop(subject: string, client: JWT): void {
    if (clients.get(subject) === client) clients.delete(subject);
  }

  return {
    async tokenFor(subject) {
      const client = clientFor(subject);
      let token: string | null | undefined;
      try {
        ({ token } = await client.getAccessToken());
      } catch (error) {
        // The client would keep what it got (a 2xx without a token is never asked for again).
        drop(subject, client);
        throw delegationError(error, timeoutMs);
      }
      // A token without a usable expiry would be reused forever.
      if (!token || !Number.isFinite(client.credentials.expiry_date)) {
        drop(subject, client);
        throw new DelegationError('invalid-response', NO_TOKEN);
      }
      return token;
    },
    forget(subject, token) {
      const client = clients.get(subject);
      if (client?.credentials.access_token === token) drop(subject, client);
    },
  };
}
