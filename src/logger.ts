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
  return pino(options, destination ?? stdoutInBlocks());
}

/** How long a line may wait in the buffer of `stdoutInBlocks`. */
const FLUSH_EVERY_MS = 1000;

/**
 * stdout, written asynchronously in blocks of 4 KiB rather than a write per line: each write is
 * a system call handed to libuv's thread pool, which every request paid for its access line. The
 * buffer is flushed at least every second and when the process exits (pino flushes on exit).
 */
function stdoutInBlocks(): DestinationStream {
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => {
    stdout.flush();
  }, FLUSH_EVERY_MS).unref();
  return stdout;
}
