/**
 * What the gateway writes about a request: an access line naming the caller by a hash (never the
 * token), and a client that goes away is an event, not an error with a stack.
 */
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_CONTACTS } from 'people-emulator';
import { startGateway, type RunningGateway } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { startStack, type Stack } from '../support/stack.js';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  caller?: string;
  status?: number;
  err?: unknown;
}

const ERROR = 50;

describe('access and error logs', () => {
  let stack: Stack;
  let gateway: RunningGateway;
  const lines: Line[] = [];

  beforeAll(async () => {
    stack = await startStack();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(JSON.parse(text) as Line);
        }
        done();
      },
    });
    gateway = await startGateway(loadConfig({ PORT: '0' }), {
      rootUrl: stack.emulator.url,
      logger: createLogger('info', stream),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await stack.close();
  });

  const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('writes an access line with a hashed caller, the same for one token and never the token', async () => {
    const ask = (requestId: string, token: string) =>
      fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-request-id': requestId,
        },
        body: JSON.stringify({
          query: `{ person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }`,
        }),
      }).then((res) => res.arrayBuffer());
    await ask('access-1', 'demo');
    await ask('access-2', 'demo');
    await ask('access-3', 'other');
    await settle();
    const access = ['access-1', 'access-2', 'access-3'].map((id) =>
      linesOf(id).find((line) => line.msg === 'request'),
    );
    expect(access.map((line) => [line?.status, typeof line?.caller])).toEqual([
      [200, 'string'],
      [200, 'string'],
      [200, 'string'],
    ]);
    expect(access[0]?.caller).toBe(access[1]?.caller);
    expect(access[0]?.caller).not.toBe(access[2]?.caller);
    expect(access[0]?.caller).not.toContain('demo');
  });

  it('logs a client that leaves mid-body as an info event, not an error with a stack', async () => {
    await new Promise<void>((resolve) => {
      const req = request(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer demo',
          'content-length': '1000',
          'x-request-id': 'abort-1',
        },
      });
      req.on('error', () => {
        resolve();
      });
      req.write('{"query":');
      setTimeout(() => {
        req.destroy();
      }, 100);
    });
    await settle();
    const own = linesOf('abort-1');
    expect(own.filter((line) => line.level >= ERROR || line.err !== undefined)).toEqual([]);
    expect(own.map((line) => line.msg)).toEqual(['client closed the connection before the answer']);
  });
});
