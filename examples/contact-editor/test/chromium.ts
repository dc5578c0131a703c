/**
 * Global setup of the browser tests: finds Debian's Chromium (or CHROME_PATH) once per run. Without
 * it the tests are skipped with one line, or fail under REQUIRE_SERVICES=1 (test/support/services.ts).
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { skipOrFail } from '../../../test/support/services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium executable, or null when there is none: the browser tests skip. */
    chromium: string | null;
  }
}

export function setup(project: TestProject): (() => void) | undefined {
  const path = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
  const chromium = existsSync(path) ? path : null;
  project.provide('chromium', chromium);
  if (chromium !== null) return undefined;
  return skipOrFail(
    'Browser tests',
    `no Chromium at ${path} (apt-get install chromium, or set CHROME_PATH=/path)`,
  );
}
