/**
 * A real redis-server for one test file: a child process on a free loopback port, nothing saved
 * to disk. Without one the Redis tests are skipped (test/support/services.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The command the run found (REDIS_SERVER or the PATH's), or null. */
const REDIS_SERVER = inject('redisServer');

/** Whether the Redis tests can run: `describe.runIf(hasRedisServer)`. */
export const hasRedisServer = REDIS_SERVER !== null;

export interface RunningRedis {
  url: string;
  port: number;
  /** A client of its own, for the test to look at keys; closed by stop(). */
  client(): Redis;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no port'));
        else resolve(address.port);
      });
    });
  });
}

function waitReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      fail(new Error(`redis-server on port ${port} not ready in 5 s:\n${output}`));
    }, 5_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      fail(new Error(`redis-server exited (${String(code)}) before it was ready:\n${output}`));
    });
  });
}

export async function startRedisServer(): Promise<RunningRedis> {
  if (REDIS_SERVER === null)
    throw new Error('no redis-server: run under describe.runIf(hasRedisServer)');
  let lastError: unknown;
  // A free port can be taken between the probe and redis-server's bind: try again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'notice',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await waitReady(child, port);
    } catch (error) {
      lastError = error;
      child.kill('SIGKILL');
      continue;
    }
    const clients: Redis[] = [];
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      client() {
        const client = new Redis(port, '127.0.0.1');
        // Tests cut connections on purpose; ioredis would print each error without a listener.
        client.on('error', () => undefined);
        clients.push(client);
        return client;
      },
      async stop() {
        for (const client of clients) client.disconnect();
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      },
    };
  }
  throw lastError;
}
