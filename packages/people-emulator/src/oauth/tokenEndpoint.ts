/**
 * Google's OAuth 2.0 token endpoint for service accounts with domain-wide delegation, as
 * https://oauth2.googleapis.com/token answers the JWT bearer grant (RFC 7523):
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 *
 * A registered service account signs a JWT naming the user to act as (`sub`); the access token
 * it gets back authenticates People API calls as that emulator user. Errors have Google's OAuth
 * shape (`{"error","error_description"}`), not the API error envelope.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { BoundedLog, DEFAULT_REQUEST_LOG_LIMIT } from '../http/requestLog.js';
import { CONTACTS_SCOPE } from '../scopes.js';
import { newUser, type UserState } from '../store/state.js';
import {
  EMAIL,
  UNAUTHORIZED_CLIENT,
  decodeJson,
  invalidGrant,
  isObject,
  oauthError,
  rsaPublicKey,
  verifyAssertion,
  type OAuthReply,
} from './jwt.js';

export type { OAuthReply } from './jwt.js';

export const TOKEN_PATH = '/token';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google issues one-hour tokens and answers `expires_in: 3599`. */
const TOKEN_LIFETIME_S = 3599;

export interface ServiceAccountRegistration {
  /** The key's `client_email`, which the JWT names as `iss`. */
  clientEmail: string;
  /** The RSA public key matching the key's `private_key`, PEM (SPKI or PKCS#1). */
  publicKeyPem: string;
}

interface IssuedToken {
  user: UserState;
  expiresAt: number;
}

/** One `POST /token` as the admin log shows it: never the assertion or the token. */
export interface TokenRequestLogEntry {
  /** The assertion's `sub` claim, whether or not the grant was given. */
  subject: string | null;
  status: number;
  /** The OAuth error code of a refusal (`invalid_grant`, `unauthorized_client`, …). */
  error: string | null;
}

export interface TokenEndpointOptions {
  serviceAccounts?: readonly ServiceAccountRegistration[];
  /** A configured user whose token equals the subject, if any (`EMULATOR_TOKENS=alice@…`). */
  configuredUser: (subject: string) => UserState | undefined;
  /** Creates the user of a subject seen for the first time: system groups and `people/me` only. */
  createUser: (subject: string) => UserState;
  /** Token requests kept in the log; default `DEFAULT_REQUEST_LOG_LIMIT`. */
  requestLogLimit?: number;
}

/**
 * A user first named by a delegation subject: like a configured non-demo token's user (system
 * groups and `people/me` only), its profile named after the address rather than a token.
 */
export function newDelegatedUser(subject: string, idPrefix: bigint, accountId: string): UserState {
  const user = newUser(subject, idPrefix, accountId);
  const local = subject.slice(0, subject.indexOf('@'));
  user.profile.fields.names = [
    { givenName: local.charAt(0).toUpperCase() + local.slice(1), familyName: 'User' },
  ];
  user.profile.fields.emailAddresses = [{ value: subject }];
  return user;
}

/** Per-emulator OAuth state: registered service accounts and the access tokens issued. */
export class TokenEndpoint {
  private readonly accounts = new Map<string, KeyObject>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly delegatedUsers = new Map<string, UserState>();
  /** `GET|DELETE /__emulator/token-requests`: the most recent, as the request log. */
  readonly requests: BoundedLog<TokenRequestLogEntry>;

  constructor(private readonly options: TokenEndpointOptions) {
    this.requests = new BoundedLog(options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT);
    for (const account of options.serviceAccounts ?? []) {
      const problem = this.register(account);
      if (problem) throw new Error(`serviceAccounts: ${problem}`);
    }
  }

  /** Registers (or replaces) a service account; answers a problem description when invalid. */
  register(account: unknown): string | undefined {
    if (!isObject(account)) return 'expected {"clientEmail", "publicKeyPem"}.';
    const { clientEmail, publicKeyPem } = account;
    if (typeof clientEmail !== 'string' || !EMAIL.test(clientEmail)) {
      return '"clientEmail" must be the service account\'s email address.';
    }
    if (typeof publicKeyPem !== 'string') return '"publicKeyPem" must be a PEM string.';
    let key: KeyObject;
    try {
      key = rsaPublicKey(publicKeyPem);
    } catch {
      return '"publicKeyPem" is not an RSA public key in PEM.';
    }
    this.accounts.set(clientEmail.toLowerCase(), key);
    return undefined;
  }

  /** `POST /__emulator/service-accounts` with `{clientEmail, publicKeyPem}`. */
  registerFromAdmin(body: unknown): OAuthReply {
    const problem = this.register(body);
    if (problem) return { status: 400, json: { error: { code: 400, message: problem } } };
    const { clientEmail } = body as { clientEmail: string };
    return { status: 200, json: { clientEmail } };
  }

  /** The user an access token acts as; undefined when unknown or expired. */
  userFor(accessToken: string): UserState | undefined {
    const issued = this.tokens.get(accessToken);
    if (!issued) return undefined;
    if (issued.expiresAt <= Date.now()) {
      this.tokens.delete(accessToken);
      return undefined;
    }
    return issued.user;
  }

  /**
   * `DELETE /__emulator/tokens`: every access token this endpoint issued stops working, as when
   * Google revokes a token or it expires; the People API answers 401 for it. Answers how many.
   */
  revokeAll(): number {
    const revoked = this.tokens.size;
    this.tokens.clear();
    return revoked;
  }

  /** A delegated user by subject email, for the admin state route. */
  delegatedUser(subject: string): UserState | undefined {
    return this.delegatedUsers.get(subject.toLowerCase());
  }

  /**
   * `POST /token`, logged in `requests`. `form` is the decoded body; `audiences` are the URLs
   * this endpoint answers at (the root URL's and the one the request's Host names), any of which
   * `aud` may be.
   */
  exchange(form: URLSearchParams, audiences: readonly string[]): OAuthReply {
    const reply = this.grant(form, audiences);
    const subject = decodeJson(form.get('assertion')?.split('.')[1] ?? '')?.['sub'];
    const error = isObject(reply.json) ? reply.json['error'] : undefined;
    this.requests.push({
      subject: typeof subject === 'string' ? subject : null,
      status: reply.status,
      error: typeof error === 'string' ? error : null,
    });
    return reply;
  }

  private grant(form: URLSearchParams, audiences: readonly string[]): OAuthReply {
    const grantType = form.get('grant_type');
    if (grantType === null || grantType === '') {
      return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type: ');
    }
    if (grantType !== JWT_BEARER_GRANT) {
      // The emulator offers only the grant service accounts use.
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    }
    const assertion = form.get('assertion');
    if (assertion === null || assertion === '') {
      return oauthError(400, 'invalid_request', 'Missing required parameter: assertion');
    }
    const verified = verifyAssertion(
      assertion,
      (issuer) => this.accounts.get(issuer.toLowerCase()),
      audiences,
    );
    if ('refusal' in verified) return verified.refusal;
    const { claims } = verified;
    const scopes = typeof claims['scope'] === 'string' ? claims['scope'].split(' ') : [];
    if (scopes.every((s) => s === '')) {
      return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    }
    // Domain-wide delegation grants listed scopes; the emulator's grant is the contacts scope.
    if (!scopes.includes(CONTACTS_SCOPE)) {
      return oauthError(401, 'unauthorized_client', UNAUTHORIZED_CLIENT);
    }
    const subject = claims['sub'];
    if (typeof subject !== 'string' || !EMAIL.test(subject)) {
      return invalidGrant('Invalid email or User ID');
    }
    return this.issue(subject);
  }

  private issue(subject: string): OAuthReply {
    const accessToken = `ya29.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(accessToken, {
      user: this.userForSubject(subject),
      expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000,
    });
    this.pruneExpired();
    return {
      status: 200,
      json: { access_token: accessToken, expires_in: TOKEN_LIFETIME_S, token_type: 'Bearer' },
    };
  }

  private userForSubject(subject: string): UserState {
    // Google Workspace addresses are case-insensitive: one user per address.
    const key = subject.toLowerCase();
    const configured = this.options.configuredUser(key);
    if (configured) return configured;
    let user = this.delegatedUsers.get(key);
    if (!user) {
      user = this.options.createUser(key);
      this.delegatedUsers.set(key, user);
    }
    return user;
  }

  private pruneExpired(): void {
    const now = Date.now();
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt <= now) this.tokens.delete(token);
    }
  }
}
