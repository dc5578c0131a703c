/**
 * The production build runs the gateway from V8's code cache (scripts/codeCache.js,
 * src/start.ts): the build writes one that the same node accepts (under the run's V8 flags when
 * the build is given them), and a gateway whose cache is missing or refused (another node, other
 * flags, a damaged file) starts from source all the same.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltGateway, type BuiltGateway } from './support/builtGateway.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Starts the built gateway, runs `during` once it listens, asks `{ __typename }`, stops it; what
 * it said about its cache, its answer, and all it printed.
 */
async function startOnce(
  dist: string,
  env: Record<string, string> = {},
  during: (gateway: BuiltGateway) => Promise<void> = () => Promise.resolve(),
) {
  const gateway = await startBuiltGateway(join(dist, 'main.js'), {
    NODE_ENV: 'production',
    PORT: '0',
    PEOPLE_API_URL: 'http://127.0.0.1:9/',
    GATEWAY_CODE_CACHE: 'report',
    ...env,
  });
  try {
    await during(gateway);
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const output = gateway.output();
    return { cache: /code cache: (\w+)/.exec(output)?.[1], answer: await res.json(), output };
  } finally {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
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

  it('code cache - one built under GATEWAY_NODE_OPTIONS is taken by a gateway run with those flags', async () => {
    const flags = '--max-semi-space-size=64';
    // What scripts/build.js does last, with the deployment's flags in the build's environment.
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { writeCodeCache } from './scripts/codeCache.js'; await writeCodeCache(process.argv[1]);",
        dist,
      ],
      { cwd: ROOT, env: { ...process.env, GATEWAY_NODE_OPTIONS: flags }, stdio: 'inherit' },
    );

    const withFlags = await startOnce(dist, { NODE_OPTIONS: flags });
    const without = await startOnce(dist);

    expect(withFlags).toMatchObject({
      cache: 'accepted',
      answer: { data: { __typename: 'Query' } },
    });
    expect(without).toMatchObject({ cache: 'rejected', answer: { data: { __typename: 'Query' } } });
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
    const run = await startOnce(dist, { GATEWAY_CODE_CACHE: 'write' }, async (gateway) => {
      gateway.child.kill('SIGUSR2');
      for (let i = 0; i < 250 && !gateway.output().includes('code cache not written'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    rmSync(join(dist, 'gateway.cjs.cache'), { recursive: true });

    expect(run.output).toContain('code cache not written');
    expect(run.answer).toEqual({ data: { __typename: 'Query' } });
  });
});
