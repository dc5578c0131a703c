import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { createLogger } from '../../src/logger.js';
import { PNG_1X1 } from '../support/images.js';
import { leaksIn } from '../support/globalSetup.js';
import { startStack, type Stack } from '../support/stack.js';

/** A logger whose lines land in memory. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

describe('logs', () => {
  it('redact authorization headers, tokens, photo bytes and keys wherever they sit', () => {
    const { lines, logger } = capture();
    logger.info({
      authorization: 'Bearer ya29.not-a-real-token',
      req: { headers: { authorization: 'Bearer ya29.not-a-real-token' } },
      input: { photoBytes: PNG_1X1.toString('base64') },
      key: { private_key: '-----BEGIN PRIVATE KEY-----' },
      token: 'demo',
    });
    expect(lines).toHaveLength(1);
    expect(leaksIn(lines.join('\n'))).toEqual([]);
    expect(lines[0]).toContain('[Redacted]');
  });

  it('the leak check itself finds a token', () => {
    expect(leaksIn(JSON.stringify({ msg: 'Bearer ya29.not-a-real-token' }))).toHaveLength(1);
  });
});

describe('request ids', () => {
  let stack: Stack;
  const log = capture();

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('echo a sane x-request-id, stamp it on errors, and put it on every log line of the request', async () => {
    const { startGateway } = await import('../../src/http/server.js');
    const { loadConfig } = await import('../../src/config.js');
    const gateway = await startGateway(loadConfig({ PORT: '0' }), {
      rootUrl: stack.emulator.url,
      logger: log.logger,
    });
    try {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer ya29.not-a-real-token',
          'x-request-id': 'req-42',
        },
        body: JSON.stringify({
          query: `{ person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }`,
        }),
      });
      expect(res.headers.get('x-request-id')).toBe('req-42');
      const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors.map((e) => [e.extensions['code'], e.extensions['requestId']])).toEqual([
        ['UNAUTHENTICATED', 'req-42'],
      ]);

      const generated = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer demo',
          'x-request-id': 'bad id with spaces',
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await gateway.close();
    }
    const lines = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const ofRequest = lines.filter((l) => l['requestId'] === 'req-42');
    // The upstream call, the operation's error, and the access line.
    expect(ofRequest.map((l) => l['upstream'] ?? l['code'] ?? l['msg'])).toEqual([
      'getBatchGet',
      'UNAUTHENTICATED',
      'request',
    ]);
    expect(ofRequest.find((l) => l['msg'] === 'request')).toMatchObject({
      status: 401,
      method: 'POST',
    });
    expect(leaksIn(log.lines.join('\n'))).toEqual([]);
  });

  it('write every test gateway’s lines to the run’s log file, which the global teardown searches', async () => {
    const file = process.env['GATEWAY_TEST_LOG'];
    expect(file).toBeDefined();
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer demo',
        'x-request-id': 'file-check-7',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file ?? '', 'utf8')).toContain('"requestId":"file-check-7"');
  });
});
