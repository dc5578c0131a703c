/**
 * Structured logs (pino, JSON lines). Credentials and photo bytes are redacted wherever they sit,
 * so a log line never carries a bearer token, a key or an image.
 */
import { pino, type DestinationStream, type LogFn, type Logger } from 'pino';

export type { Logger };

/** What request-scoped code writes with: the four levels it uses. */
export type RequestLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

const BASE = { service: 'people-graphql-gateway' };

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
    base: BASE,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
  };
  return pino(options, destination ?? stdoutInBlocks());
}

/**
 * One request's logger: its lines carry the request id. pino's child logger serialises and
 * redacts its bindings when it is made (about 10 µs, a request's worth of resolver work), so it
 * is made only when a line is written at an enabled level: most requests write none.
 */
export function requestLogger(base: Logger, requestId: string): RequestLogger {
  let child: Logger | undefined;
  const at =
    (level: keyof RequestLogger): LogFn =>
    (...args: Parameters<LogFn>) => {
      if (!base.isLevelEnabled(level)) return;
      child ??= base.child({ requestId });
      child[level](...args);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * A logger on the same destination without the redaction pass, for lines made only of values
 * the gateway computed itself (the access line: method, route, status, time, hashed caller), which
 * can hold neither a token nor a photo. Redaction was about a third of the access line's cost.
 */
export function unredacted(log: Logger): Logger {
  const destination = (log as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  return pino({ level: log.level, base: BASE }, destination);
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
