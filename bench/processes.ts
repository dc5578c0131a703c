/**
 * The emulator and the gateway as separate processes, plus what /proc says about them: resident
 * memory and CPU time. The gateway runs from `dist/` (the compiled output, for a realistic
 * start-up); the emulator, a development package shipped as TypeScript, runs under tsx.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Contact } from './emulator.js';

const ROOT = new URL('../', import.meta.url);
/** `npm run emulator`'s entry point (packages/people-emulator/README.md). */
const EMULATOR_MAIN = 'packages/people-emulator/src/main.ts';

export interface ServerProcess {
  pid: number;
  /** The emulator's root URL, or the gateway's GraphQL endpoint. */
  url: string;
  /** SIGTERM, then SIGKILL after 5 s: a graceful exit lets `--cpu-prof` write its profile. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

// Whatever happens to the bench, its servers do not outlive it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.exit(130);
  });
}

/** A free loopback port (the gateway's port must be known before it starts, to time its start). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

function startNode(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  stdout: 'ignore' | 'pipe' = 'ignore',
) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${script}`);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return { child, pid, exited, stop, stderr: () => stderr };
}

/** Polls `probe` every `everyMs` until it answers true; fails when the process exits first. */
async function waitUntil(
  name: string,
  exited: Promise<number | null>,
  stderr: () => string,
  probe: () => Promise<boolean>,
  everyMs: number,
  timeoutMs = 20_000,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(
        `${name} exited (code ${String(exitCode)}) before it was ready:\n${stderr()}`,
      );
    }
    if (await probe().catch(() => false)) return;
    if (performance.now() > deadline) throw new Error(`${name} not ready in ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** `script` started; resolves once `ready` answers true, or stops it and rejects. */
async function startReady(
  name: string,
  script: string,
  env: Record<string, string>,
  nodeArgs: string[],
  ready: () => Promise<boolean>,
  everyMs: number,
): Promise<ReturnType<typeof startNode>> {
  const proc = startNode(script, env, nodeArgs);
  try {
    await waitUntil(name, proc.exited, proc.stderr, ready, everyMs);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return proc;
}

export async function startEmulatorProcess(tokens: string[]): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const proc = await startReady(
    'emulator',
    EMULATOR_MAIN,
    { EMULATOR_PORT: String(port), EMULATOR_TOKENS: tokens.join(',') },
    ['--import', 'tsx'],
    async () => (await fetch(`${url}__emulator/requests`)).ok,
    20,
  );
  return { pid: proc.pid, url, stop: proc.stop };
}

/**
 * The floor (bench/floor.ts) on `peopleApiUrl`, asking for the `personFields` the gateway asked
 * for: the least a process in the gateway's place does for the editor's reads.
 */
export async function startFloorProcess(
  peopleApiUrl: string,
  personFields: { read: string; list: string },
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const env = {
    PORT: String(port),
    PEOPLE_API_URL: peopleApiUrl,
    FLOOR_READ_FIELDS: personFields.read,
    FLOOR_LIST_FIELDS: personFields.list,
  };
  const ready = () => typenameProbe('u1')(url);
  const proc = await startReady('floor', 'bench/floor.ts', env, ['--import', 'tsx'], ready, 20);
  return { pid: proc.pid, url, stop: proc.stop };
}

export interface GatewayProcess extends ServerProcess {
  /** Milliseconds from spawn to the first request the ready probe saw answered. */
  startMs: number;
}

/** Whether the gateway at `url` answered a request: by default `{ __typename }`. */
export type ReadyProbe = (url: string) => Promise<boolean>;

function typenameProbe(token: string): ReadyProbe {
  return async (url) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = (await res.json()) as { data?: { __typename?: string } };
    return body.data?.__typename === 'Query';
  };
}

/** `startMs` runs from spawn to the first request `probe` sees answered. */
export async function startGatewayProcess(
  peopleApiUrl: string,
  token: string,
  nodeArgs: string[] = [],
  probe: ReadyProbe = typenameProbe(token),
  script = 'dist/main.js',
): Promise<GatewayProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const spawnedAt = performance.now();
  const env = { PORT: String(port), PEOPLE_API_URL: peopleApiUrl };
  const proc = await startReady('gateway', script, env, nodeArgs, () => probe(url), 3);
  return { pid: proc.pid, url, stop: proc.stop, startMs: performance.now() - spawnedAt };
}

/**
 * The direct side of the start figure: bench/directStart.cjs, a script on the googleapis People
 * client, saves the n-th editor change to `contact` (which keeps the new etag); milliseconds
 * from its spawn to the answer.
 */
export async function timeDirectStart(
  peopleApiUrl: string,
  contact: Contact,
  n: number,
): Promise<number> {
  const spawnedAt = performance.now();
  const proc = startNode(
    'bench/directStart.cjs',
    {
      PEOPLE_API_URL: peopleApiUrl,
      BENCH_TOKEN: contact.token,
      BENCH_RESOURCE_NAME: contact.resourceName,
      BENCH_ETAG: contact.etag,
      BENCH_N: String(n),
    },
    [],
    'pipe',
  );
  let answeredMs: number | undefined;
  const etag = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end >= 0) {
        answeredMs ??= performance.now() - spawnedAt;
        resolve(out.slice(0, end));
      }
    });
    void proc.exited.then((code) => {
      reject(new Error(`direct start exited (code ${String(code)}) unanswered:\n${proc.stderr()}`));
    });
    setTimeout(() => {
      reject(new Error(`direct start unanswered in 20 s:\n${proc.stderr()}`));
    }, 20_000).unref();
  }).finally(() => proc.stop());
  if (etag === '' || answeredMs === undefined) {
    throw new Error('direct start: the update answered without an etag');
  }
  contact.etag = etag;
  return answeredMs;
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  if (!match?.[1]) throw new Error(`no ${key} in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Resident memory now, and its peak, in MB. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  return { rss: statusKb(pid, 'VmRSS') / 1024, peak: statusKb(pid, 'VmHWM') / 1024 };
}

let clockTicks: number | undefined;

/** User + system CPU time of a process so far, in milliseconds (resolution: one clock tick). */
export function cpuMs(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}
