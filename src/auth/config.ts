/** AUTH_MODE=service-account settings from the environment: the key, the subject header, the domains. */
import { ConfigError, type Env } from '../configValues.js';
import {
  loadServiceAccountKey,
  ServiceAccountKeyError,
  type ServiceAccountKey,
} from './serviceAccount.js';
import { parseAllowedDomains } from './subject.js';

/** AUTH_MODE=service-account: domain-wide delegation to the user a trusted proxy names. */
export interface ServiceAccountConfig {
  /** From GOOGLE_APPLICATION_CREDENTIALS; its private key is a KeyObject, which never prints. */
  key: ServiceAccountKey;
  /** DELEGATION_SUBJECT_HEADER, lower-cased: the header that names the user to act as. */
  subjectHeader: string;
  /** DELEGATION_ALLOWED_DOMAINS: the only domains whose users may be acted as. */
  allowedDomains: string[];
}

/** RFC 9110 token characters: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

export function serviceAccountConfig(env: Env): ServiceAccountConfig {
  const keyFile = env['GOOGLE_APPLICATION_CREDENTIALS'];
  if (keyFile === undefined || keyFile === '') {
    throw new ConfigError(
      'AUTH_MODE=service-account needs GOOGLE_APPLICATION_CREDENTIALS, the path of a service account key file (JSON).',
    );
  }
  let key: ServiceAccountKey;
  try {
    key = loadServiceAccountKey(keyFile);
  } catch (error) {
    if (error instanceof ServiceAccountKeyError) {
      throw new ConfigError(`GOOGLE_APPLICATION_CREDENTIALS: ${error.message}`);
    }
    throw error;
  }
  const rawHeader = env['DELEGATION_SUBJECT_HEADER'];
  const subjectHeader = (
    rawHeader === undefined || rawHeader === '' ? 'x-delegated-subject' : rawHeader
  )
    .trim()
    .toLowerCase();
  // Authorization and cookies come from clients; the subject header must be one the proxy owns.
  if (
    !HEADER_NAME.test(subjectHeader) ||
    ['authorization', 'cookie', 'host'].includes(subjectHeader)
  ) {
    throw new ConfigError(
      `DELEGATION_SUBJECT_HEADER must be a header name that only the trusted proxy sets, not "${subjectHeader}".`,
    );
  }
  let allowedDomains: string[];
  try {
    allowedDomains = parseAllowedDomains(env['DELEGATION_ALLOWED_DOMAINS'] ?? '');
  } catch (error) {
    throw new ConfigError(
      `DELEGATION_ALLOWED_DOMAINS: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (allowedDomains.length === 0) {
    throw new ConfigError(
      'AUTH_MODE=service-account needs DELEGATION_ALLOWED_DOMAINS, the comma-separated domains whose users may be acted as.',
    );
  }
  return { key, subjectHeader, allowedDomains };
}
