/**
 * `npm run soak`: concurrent clients over many users chain updates through the gateway while the
 * emulator injects 10 % faults of every kind (see bench/soakHarness.ts); prints a markdown table and
 * exits non-zero when an update was lost, doubled or falsely conflicted, an answer was unexpected,
 * or one user ever had two mutations in flight upstream.
 *
 * SOAK_USERS (8), SOAK_CLIENTS per user (4), SOAK_SECONDS (30), SOAK_SEED (42) and RETRY_MAX (3)
 * change the run.
 */
import { DEFAULT_SOAK_OPTIONS, runSoak, soakFailures, soakTable } from './soakHarness.js';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer`);
  return value;
}

const report = await runSoak({
  users: setting('SOAK_USERS', DEFAULT_SOAK_OPTIONS.users),
  clientsPerUser: setting('SOAK_CLIENTS', DEFAULT_SOAK_OPTIONS.clientsPerUser),
  durationMs: setting('SOAK_SECONDS', DEFAULT_SOAK_OPTIONS.durationMs / 1000) * 1000,
  seed: setting('SOAK_SEED', DEFAULT_SOAK_OPTIONS.seed),
  env: {
    ...DEFAULT_SOAK_OPTIONS.env,
    RETRY_MAX: String(setting('RETRY_MAX', Number(DEFAULT_SOAK_OPTIONS.env['RETRY_MAX']))),
  },
  log: (line) => {
    console.error(line);
  },
});
const o = DEFAULT_SOAK_OPTIONS;
console.log(
  `\nSoak: failRate ${o.failRate} (${o.failStatuses.join('/')} in turn, ${o.phaseMs} ms phases), applyThenFailRate ${o.applyThenFailRate}, latency ${o.latencyMs} ms\n`,
);
console.log(soakTable(report));
const failures = soakFailures(report);
if (failures.length > 0) {
  console.log(`\nFAILED: ${failures.join(', ')}`);
  for (const line of report.details) console.log(`- ${line}`);
  process.exitCode = 1;
}
