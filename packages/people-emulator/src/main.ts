/** Runs the emulator alone: `npm run emulator`. */
import { DEFAULT_REQUEST_LOG_LIMIT } from './http/requestLog.js';
import { startEmulator } from './index.js';

function parseInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a non-negative integer, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

const port = parseInteger('EMULATOR_PORT', 4100);
const seed = parseInteger('EMULATOR_SEED', 1);
function parseList(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

const tokens = parseList('EMULATOR_TOKENS', 'demo');
const readOnlyTokens = parseList('EMULATOR_READONLY_TOKENS', '');

const requestLogLimit = parseInteger('EMULATOR_REQUEST_LOG_LIMIT', DEFAULT_REQUEST_LOG_LIMIT);
if (requestLogLimit < 1) {
  console.error('EMULATOR_REQUEST_LOG_LIMIT must be at least 1');
  process.exit(1);
}

const emulator = await startEmulator({ port, seed, tokens, readOnlyTokens, requestLogLimit });
console.log(`People API emulator listening at ${emulator.url}`);
console.log(`Bearer tokens (one user each): ${tokens.join(', ')}`);
if (readOnlyTokens.length > 0) {
  console.log(`Read-only tokens (contacts.readonly only): ${readOnlyTokens.join(', ')}`);
}
console.log(
  `OAuth token endpoint: ${emulator.url}token (register service accounts with POST ${emulator.url}__emulator/service-accounts)`,
);

function shutdown(): void {
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
