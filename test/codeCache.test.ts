/**
 * The production build runs the gateway from V8's code cache (scripts/codeCache.js,
 * src/start.ts): the build writes one that the same node accepts, and a gateway whose cache is
 * missing or refused (another node, other flags, a damaged file) starts from source all the same.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Starts the built gateway, runs `during` (given the child) once it listens, asks
 * `{ __typename }`, stops it; what it said about its cache, and all it printed.
 */
async function startOnce(
  dist: string,
  env: Record<string, string> = {},
  during: (child: ChildProcess, output: () => string) => Promise<void> = () => Promise.resolve(),
) {
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      PEOPLE_API_URL: 'http://127.0.0.1:9/',
      GATEWAY_CODE_CACHE: 'report',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = once(child, 'exit');
  try {
    for (let i = 0; i < 500 && !/GraphQL gateway:\s+\S+/.test(output); i++) {
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /GraphQL gateway:\s+(\S+)/.exec(output)?.[1];
    if (url === undefined) throw new Error(`the gateway did not start:\n${output}`);
    await during(child, () => output);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return { cache: /code cache: (\w+)/.exec(output)?.[1], answer: await res.json(), output };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('code cache', () => {
  let dist: string;

  beforeAll(() => {
    dist = join(mkdtempSync(join(tmpdir(), 'gateway-build-')), 'dist');
    execFileSync(process.execPath, ['scripts/build.js', dist], { cwd: ROOT, stdio: 'inherit' });
  }, 120_000);
  afterAll(() => {
    rmSync(join(dist, '..'), { recursive: true, force: true });
  });

  it('code cache - the build writes one, and the gateway it built takes it and answers', async () => {
    expect(statSync(join(dist, 'gateway.cjs.cache')).size).toBeGreaterThan(100_000);
    expect(await startOnce(dist)).toMatchObject({
      cache: 'accepted',
      answer: { data: { __typename: 'Query' } },
    });
  });

  it('code cache - one made under other V8 flags is refused, and the gateway compiles from source', async () => {
    expect(await startOnce(dist, { NODE_OPTIONS: '--max-semi-space-size=64' })).toMatchObject({
      cache: 'rejected',
      answer: { data: { __typename: 'Query' } },
    });
  });

  it('code cache - a damaged or missing cache costs only the cache', async () => {
    writeFileSync(join(dist, 'gateway.cjs.cache'), 'not a code cache');
    const damaged = await startOnce(dist);
    rmSync(join(dist, 'gateway.cjs.cache'));
    const missing = await startOnce(dist);

    expect(damaged).toMatchObject({ cache: 'rejected', answer: { data: { __typename: 'Query' } } });
    expect(missing).toMatchObject({ cache: 'absent', answer: { data: { __typename: 'Query' } } });
  });

  it('code cache - a write that fails (no writable place) is reported and the gateway runs on', async () => {
    // A directory where the file would go: the write fails as on a read-only image.
    mkdirSync(join(dist, 'gateway.cjs.cache'), { recursive: true });
    const run = await startOnce(dist, { GATEWAY_CODE_CACHE: 'write' }, async (child, output) => {
      child.kill('SIGUSR2');
      for (let i = 0; i < 250 && !output().includes('code cache not written'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    rmSync(join(dist, 'gateway.cjs.cache'), { recursive: true });

    expect(run.output).toContain('code cache not written');
    expect(run.answer).toEqual({ data: { __typename: 'Query' } });
  });
});
