/**
 * Programs some tests need besides Node (redis-server here, Chromium for the browser tests) are
 * looked for once per run. Their tests run when the program is installed; when it is missing they
 * are skipped and the run ends with one line saying how to enable them. With REQUIRE_SERVICES=1
 * (`.ci/run` sets it) a missing program fails the run instead: CI never skips silently.
 */
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The redis-server command to start, or null when there is none: the Redis tests skip. */
    redisServer: string | null;
  }
}

/**
 * For tests whose program is `missing` (what is not found, and how to install it): throws under
 * REQUIRE_SERVICES=1, otherwise returns a global teardown that prints the one skip line.
 */
export function skipOrFail(tests: string, missing: string): () => void {
  if (process.env['REQUIRE_SERVICES'] === '1') {
    throw new Error(`${tests} cannot run: ${missing}; REQUIRE_SERVICES=1 forbids skipping them`);
  }
  // Printed at the end of the run, under the summary, where it is seen.
  return () => {
    console.log(`${tests} skipped: ${missing}`);
  };
}

/** REDIS_SERVER, or redis-server on the PATH, when it answers `--version`. */
function findRedisServer(): string | null {
  const command = process.env['REDIS_SERVER'] ?? 'redis-server';
  const { error, status } = spawnSync(command, ['--version']);
  return error === undefined && status === 0 ? command : null;
}

export function setup(project: TestProject): (() => void) | undefined {
  const redisServer = findRedisServer();
  project.provide('redisServer', redisServer);
  if (redisServer !== null) return undefined;
  return skipOrFail(
    'Redis tests',
    'redis-server not found (apt-get install redis-server, or set REDIS_SERVER=/path)',
  );
}
