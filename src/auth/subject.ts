/**
 * The user a delegated request acts as, from a header that only the trusted proxy in front of the
 * gateway sets (it must strip the header from what clients send). The address must be in one of
 * the configured Workspace domains: domain-wide delegation can act as anyone in the domain, so
 * this check is what keeps a request within the domains the operator meant.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SubjectRules {
  /** Header name, any case (`x-delegated-subject`). */
  header: string;
  /** Domains whose users may be acted as; compared exactly, case-insensitively. */
  allowedDomains: readonly string[];
}

export type SubjectRefusalReason = 'missing' | 'not-an-email' | 'domain-not-allowed';

export type SubjectResult =
  { ok: true; subject: string } | { ok: false; reason: SubjectRefusalReason; message: string };

/** A DNS name: dot-separated labels of letters, digits and inner hyphens; at least two labels. */
const DOMAIN =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** RFC 5322 dot-atom local part, as Google Workspace addresses are. */
const LOCAL_PART = /^(?=.{1,64}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

export function isDomainName(value: string): boolean {
  return DOMAIN.test(value.toLowerCase());
}

/**
 * Parses `DELEGATION_ALLOWED_DOMAINS` (comma-separated). Throws with the offending entry, so
 * configuration can name it; the entries come back lower-cased.
 */
export function parseAllowedDomains(raw: string): string[] {
  const domains = raw
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
  for (const domain of domains) {
    if (!isDomainName(domain)) throw new Error(`"${domain}" is not a domain name`);
  }
  return domains;
}

/**
 * The subject's address, lower-cased (Workspace addresses are case-insensitive, and one spelling
 * keeps one token cache entry and one mutation queue per user), or why there is none.
 */
export function subjectFromHeaders(
  headers: IncomingHttpHeaders,
  rules: SubjectRules,
): SubjectResult {
  const name = rules.header.toLowerCase();
  const raw = headers[name];
  // Node joins repeated headers with ", ", which is no address: two subjects are refused.
  const value = (Array.isArray(raw) ? raw.join(', ') : (raw ?? '')).trim();
  if (value === '') {
    return { ok: false, reason: 'missing', message: `The ${name} header names no user.` };
  }
  const address = value.toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (at < 0 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) {
    return {
      ok: false,
      reason: 'not-an-email',
      message: `The ${name} header is not an email address.`,
    };
  }
  // Exact match only: "evil-example.com" and "example.com.evil.net" are not "example.com".
  if (!rules.allowedDomains.some((allowed) => allowed.toLowerCase() === domain)) {
    return {
      ok: false,
      reason: 'domain-not-allowed',
      message: `Users of ${domain} cannot be acted as by this gateway.`,
    };
  }
  return { ok: true, subject: address };
}
