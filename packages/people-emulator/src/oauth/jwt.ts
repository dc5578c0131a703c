/**
 * The JWT bearer grant's assertion (RFC 7523) as Google's token endpoint checks it, and the OAuth
 * error shape of its refusals (`{"error","error_description"}`, not the API error envelope):
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** "Token must be a short-lived token (60 minutes)". */
const MAX_ASSERTION_LIFETIME_S = 3600;
/** Clock difference tolerated between the signer and the emulator. */
const CLOCK_SKEW_S = 60;

/** What the HTTP layer sends: Google's OAuth JSON, or a registration answer. */
export interface OAuthReply {
  status: number;
  json: unknown;
}

export type Claims = Record<string, unknown>;

export function oauthError(status: number, error: string, description: string): OAuthReply {
  return { status, json: { error, error_description: description } };
}

export const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);
const BAD_SIGNATURE = 'Invalid JWT Signature.';
const BAD_TIMEFRAME =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
export const UNAUTHORIZED_CLIENT =
  'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.';

/** Deliberately plain: one `@`, a dotted domain; Google's own check is that the user exists. */
export const EMAIL = /^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function decodeJson(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function rsaPublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
  return key;
}

function checkTimeframe(claims: Claims): OAuthReply | undefined {
  const { iat, exp } = claims;
  if (typeof exp !== 'number')
    return invalidGrant('Invalid JWT: exp (expiration time) is not set.');
  if (typeof iat !== 'number') return invalidGrant('Invalid JWT: iat (issued at time) is not set.');
  const now = Date.now() / 1000;
  const tooLong = exp <= iat || exp - iat > MAX_ASSERTION_LIFETIME_S;
  if (tooLong || iat > now + CLOCK_SKEW_S || exp < now - CLOCK_SKEW_S) {
    return invalidGrant(BAD_TIMEFRAME);
  }
  return undefined;
}

/**
 * The assertion's claims once it is a JWT signed (RS256) by the key its issuer registered, for
 * one of `audiences`, within a short timeframe; otherwise Google's refusal.
 */
export function verifyAssertion(
  assertion: string,
  keyOf: (issuer: string) => KeyObject | undefined,
  audiences: readonly string[],
): { claims: Claims } | { refusal: OAuthReply } {
  const parts = assertion.split('.');
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart);
  const claims = decodeJson(claimsPart);
  if (parts.length !== 3 || !header || !claims || !BASE64URL.test(signaturePart)) {
    return { refusal: invalidGrant('Invalid JWT: the assertion is not a signed JWT.') };
  }
  const issuer = claims['iss'];
  const key = typeof issuer === 'string' ? keyOf(issuer) : undefined;
  if (!key) return { refusal: oauthError(401, 'unauthorized_client', UNAUTHORIZED_CLIENT) };
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${claimsPart}`),
    key,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (header['alg'] !== 'RS256' || !signed) return { refusal: invalidGrant(BAD_SIGNATURE) };
  if (typeof claims['aud'] !== 'string' || !audiences.includes(claims['aud'])) {
    return { refusal: invalidGrant('Invalid JWT: Failed audience check.') };
  }
  const refusal = checkTimeframe(claims);
  return refusal ? { refusal } : { claims };
}
