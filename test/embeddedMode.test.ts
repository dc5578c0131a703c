/**
 * Embedded mode loads the `people-emulator` package, a development dependency. The production
 * image holds only `dist/` and the production dependencies (`npm ci --omit=dev`): there, without
 * `PEOPLE_API_URL`, the gateway must stop with a configuration error, never a stack trace.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as emulatorPackage from 'people-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedEmulatorModule } from '../src/main.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MESSAGE =
  'Configuration error: PEOPLE_API_URL is not set and the embedded People API emulator (the development package people-emulator) cannot be loaded here: set PEOPLE_API_URL=https://people.googleapis.com/, or start the embedded mode with `npm start` in a development checkout.\n';

/** Checked by the compiler: the package still offers what src/main.ts loads by name. */
const embedded: EmbeddedEmulatorModule = emulatorPackage;

describe('embedded mode', () => {
  let app: string;

  beforeAll(() => {
    // An image-like folder: the built gateway, the schema and every installed package but one.
    app = mkdtempSync(join(tmpdir(), 'gateway-image-'));
    execFileSync(process.execPath, ['scripts/build.js', `${app}/dist`], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    copyFileSync(join(ROOT, 'schema.graphql'), join(app, 'schema.graphql'));
    mkdirSync(join(app, 'node_modules'));
    readdirSync(join(ROOT, 'node_modules'), { withFileTypes: true })
      .filter((entry) => entry.name !== 'people-emulator' && !entry.name.startsWith('.'))
      .forEach((entry) => {
        symlinkSync(join(ROOT, 'node_modules', entry.name), join(app, 'node_modules', entry.name));
      });
  }, 120_000);
  afterAll(() => {
    rmSync(app, { recursive: true, force: true });
  });

  const runBuiltGateway = () =>
    spawnSync(process.execPath, [join(app, 'dist/main.js')], {
      cwd: app,
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'development', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('embedded mode - the people-emulator package offers what src/main.ts loads', async () => {
    const emulator = await embedded.startEmulator({ port: 0, tokens: ['demo'] });
    const res = await fetch(`${emulator.url}__emulator/requests`);
    await emulator.close();

    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await res.json()).toEqual({ requests: [], dropped: 0 });
  });

  it('embedded mode - node dist/main.js without the package and PEOPLE_API_URL exits 1 with a configuration error', () => {
    const run = runBuiltGateway();

    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: MESSAGE,
    });
  });

  it('embedded mode - node dist/main.js with the package installed as TypeScript exits 1 with the same error', () => {
    symlinkSync(
      join(ROOT, 'packages/people-emulator'),
      join(app, 'node_modules', 'people-emulator'),
    );
    const run = runBuiltGateway();

    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: MESSAGE,
    });
  });
});
