/**
 * Every gateway a test starts logs (at debug level) into one file for the whole run; at the end
 * every line is searched for credentials and photo bytes. A leak fails the run.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const logFile = join(tmpdir(), `gateway-test-log-${String(process.pid)}.jsonl`);

/** Bearer tokens the tests use; `u<n>` are benchmark/soak users. */
const TOKENS = new Set(['demo', 'other', 'viewer', 'ya29.not-a-real-token']);
const SECRET_PATTERNS = [
  /Bearer [\w.~+/-]{2,}/,
  /ya29\./,
  /^u\d+$/,
  /iVBORw0KGgo/,
  /^\/9j\//,
  /PRIVATE KEY/,
];

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) strings([k, v], out);
  }
  return out;
}

/** Lines of the log that carry a token or photo bytes, with what was found. */
export function leaksIn(text: string): string[] {
  const leaks: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    for (const value of strings(JSON.parse(line) as unknown)) {
      if (TOKENS.has(value) || SECRET_PATTERNS.some((p) => p.test(value))) {
        leaks.push(`${value.slice(0, 40)} in ${line.slice(0, 200)}`);
      }
    }
  }
  return leaks;
}

export function setup(): void {
  writeFileSync(logFile, '');
  process.env['GATEWAY_TEST_LOG'] = logFile;
}

export function teardown(): void {
  const text = readFileSync(logFile, 'utf8');
  const lines = text.split('\n').filter((l) => l !== '').length;
  const leaks = leaksIn(text);
  rmSync(logFile, { force: true });
  if (leaks.length > 0) {
    throw new Error(
      `Secrets in ${String(leaks.length)} log values:\n${leaks.slice(0, 10).join('\n')}`,
    );
  }
  console.log(`log check: ${String(lines)} gateway log lines, no token or photo bytes in them`);
}
