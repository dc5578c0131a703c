/**
 * Structured logs (pino, JSON lines). Credentials and photo bytes are redacted wherever they sit,
 * so a log line never carries a bearer token, a key or an image.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'token',
  '*.token',
  'photoBytes',
  '*.photoBytes',
  '*.*.photoBytes',
  'private_key',
  '*.private_key',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'people-graphql-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
  };
  // stdout by default, written asynchronously: a synchronous write per line costs every request.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
