/**
 * `npm run soak`: two soaks through the gateway while the emulator injects 10 % faults of every
 * kind; each prints a markdown table, and the run exits non-zero when a count that must be 0 is
 * not, or one user ever had two mutations in flight upstream.
 *
 * - chain (bench/soakHarness.ts): each client is the only writer of its contact and chains
 *   updates; none may be lost, doubled or falsely conflicted.
 * - merge (bench/soakMerge.ts): writers share a contact and send `previous` on every update;
 *   stale etags are merged, and no value a writer did not see may be overwritten.
 *
 * SOAK_MODE (both, or chain or merge), SOAK_USERS (8), SOAK_CLIENTS per user (4), SOAK_SECONDS
 * per soak (30), SOAK_SEED (42) and RETRY_MAX (3) change the run.
 */
import { DEFAULT_SOAK_OPTIONS, runSoak, soakFailures, soakTable } from './soakHarness.js';
import { mergeSoakFailures, mergeSoakTable, runMergeSoak } from './soakMerge.js';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer`);
  return value;
}

const mode = process.env['SOAK_MODE'] ?? 'both';
if (!['both', 'chain', 'merge'].includes(mode))
  throw new Error('SOAK_MODE must be both, chain or merge');
const options = {
  users: setting('SOAK_USERS', DEFAULT_SOAK_OPTIONS.users),
  clientsPerUser: setting('SOAK_CLIENTS', DEFAULT_SOAK_OPTIONS.clientsPerUser),
  durationMs: setting('SOAK_SECONDS', DEFAULT_SOAK_OPTIONS.durationMs / 1000) * 1000,
  seed: setting('SOAK_SEED', DEFAULT_SOAK_OPTIONS.seed),
  env: {
    ...DEFAULT_SOAK_OPTIONS.env,
    RETRY_MAX: String(setting('RETRY_MAX', Number(DEFAULT_SOAK_OPTIONS.env['RETRY_MAX']))),
  },
  log: (line: string) => {
    console.error(line);
  },
};
const o = DEFAULT_SOAK_OPTIONS;
const faults = `failRate ${o.failRate} (${o.failStatuses.join('/')} in turn, ${o.phaseMs} ms phases), applyThenFailRate ${o.applyThenFailRate}, latency ${o.latencyMs} ms`;

function report(title: string, table: string, failures: string[], details: string[]): void {
  console.log(`\n${title}: ${faults}\n`);
  console.log(table);
  if (failures.length > 0) {
    console.log(`\nFAILED: ${failures.join(', ')}`);
    for (const line of details) console.log(`- ${line}`);
    process.exitCode = 1;
  }
}

if (mode !== 'merge') {
  const chain = await runSoak(options);
  report('Chain soak', soakTable(chain), soakFailures(chain), chain.details);
}
if (mode !== 'chain') {
  // One contact per user, shared by up to four writers (one own field each).
  const merge = await runMergeSoak(options);
  report(
    'Merge soak (previous on every update)',
    mergeSoakTable(merge),
    mergeSoakFailures(merge),
    merge.details,
  );
}
