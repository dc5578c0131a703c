// @ts-check
/**
 * The V8 code cache of the built gateway (`gateway.cjs.cache`, which src/start.ts reads): the
 * build starts the gateway it just bundled and, once it listens, has it write on SIGUSR2 what V8
 * compiled to start it; then stops it. The cache holds start-up only: with the functions of the
 * first requests in it too (a warm-up of editor operations before the write), start-up was no
 * faster and every request afterwards ran 3-4 % more instructions (docs/performance.md).
 *
 * A cache written by the same node as the one that runs it, under the same V8 flags, is accepted
 * (the Dockerfile builds and runs on one image); any other is refused and the gateway compiles
 * from source, as without. A deployment that runs the gateway with flags
 * (`NODE_OPTIONS=--max-old-space-size=…`) builds with them in `GATEWAY_NODE_OPTIONS`: the cache
 * is then written under those flags, and taken by a gateway that runs under them.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves once the child's output holds what `pattern` matches; throws when the child exits
 * first or after `ms`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => string} output
 * @param {RegExp} pattern
 * @param {number} ms
 */
async function waitFor(child, output, pattern, ms) {
  const deadline = Date.now() + ms;
  while (!pattern.test(output())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`code cache: the gateway never printed ${String(pattern)}:\n${output()}`);
    }
    await sleep(20);
  }
}

/** Writes `outdir/gateway.cjs.cache`; throws when the gateway does not start or write it. */
export async function writeCodeCache(/** @type {string} */ outdir) {
  const child = spawn(process.execPath, [join(outdir, 'main.js')], {
    // Nothing else from this shell's environment (its NODE_OPTIONS are the build's, not the
    // gateway's): V8 takes a cache only under the flags it was made with, those of
    // GATEWAY_NODE_OPTIONS or none. The People API is never called at start.
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_OPTIONS: process.env['GATEWAY_NODE_OPTIONS'] ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      PEOPLE_API_URL: 'http://127.0.0.1:9/',
      LOG_LEVEL: 'warn',
      GATEWAY_CODE_CACHE: 'write',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const collect = (/** @type {Buffer} */ chunk) => {
    text += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  try {
    await waitFor(child, () => text, /GraphQL gateway:\s+\S+/, 30_000);
    child.kill('SIGUSR2');
    await waitFor(child, () => text, /code cache written/, 30_000);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
  if (!existsSync(join(outdir, 'gateway.cjs.cache'))) throw new Error('code cache not written');
}
