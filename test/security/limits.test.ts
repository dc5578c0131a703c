/**
 * Limits an attacker meets before the gateway spends anything on them: credentials before the
 * body, the body's size and JSON nesting before it is parsed, the document's bracket nesting
 * before graphql-js parses it, and time limits on slow clients. Each case asserts the answer and
 * that nothing reached the People API.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

/** One raw HTTP exchange, for what fetch will not send (a body slower or larger than declared). */
function rawPost(
  url: string,
  headers: Record<string, string>,
  send: (write: (chunk: string) => boolean) => void,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', reject);
    send((chunk) => req.write(chunk));
  });
}

type ErrorBody = { errors: { message: string; extensions: Record<string, unknown> }[] };

describe('limits before execution', () => {
  let stack: Stack;
  let open: Stack;

  beforeAll(async () => {
    // Bearer mode against "Google": no demo user, so a request without a token is refused.
    stack = await startStack({ env: { MAX_BODY_BYTES: '65536', HTTP_HEADERS_TIMEOUT_MS: '1000' } });
    // Embedded mode: requests without a token act as the demo user.
    open = await startStack({ demoToken: 'demo' });
  });
  afterAll(async () => {
    await stack.close();
    await open.close();
  });
  beforeEach(async () => {
    await stack.clearRequests();
  });

  it('answers an unauthenticated request before reading its body, whatever its declared size', async () => {
    // Declares 60 KB, sends one byte and waits: only an answer from the headers alone arrives.
    const answer = await rawPost(
      stack.gateway.url,
      { 'content-type': 'application/json', 'content-length': '60000', 'x-request-id': 'r-401' },
      (write) => write('{'),
    );
    expect(answer.status).toBe(401);
    expect((JSON.parse(answer.body) as ErrorBody).errors.map((e) => e.extensions)).toEqual([
      { code: 'UNAUTHENTICATED', requestId: 'r-401' },
    ]);
    expect(await stack.requests()).toEqual([]);
  });

  it('refuses a deeply nested JSON body before JSON.parse, with its request id', async () => {
    const nested = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer demo',
        'x-request-id': 'r-json',
      },
      body: `{"query":"{ __typename }","variables":{"a":${nested}}}`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).errors).toEqual([
      {
        message: 'The request body nests deeper than 64 levels.',
        extensions: { code: 'BAD_REQUEST', requestId: 'r-json' },
      },
    ]);
    expect(await stack.requests()).toEqual([]);
  });

  it('ignores brackets inside JSON strings when it measures nesting', async () => {
    const res = await stack.gql(
      'query ($ok: Boolean!) { __typename @include(if: $ok) }',
      // 1,000 brackets, all inside a string of a variable the operation does not declare
      { ok: true, note: '[{'.repeat(500) },
    );
    expect([res.status, res.body]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it.each([
    ['an escaped block string', '(s: """\\""" """)'],
    ['a comment ended by a carriage return', ' # a comment\r'],
  ])('measures bracket nesting as the parser will, not fooled by %s', async (_name, disguise) => {
    // Before: the text between the disguise and the end looked like the inside of a string or
    // a comment, the parser recursed through 3,000 levels and overflowed its stack.
    const query = `{ a${disguise} ${'{ a '.repeat(3000)}${'}'.repeat(3000)} }`;
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer demo',
        'x-request-id': 'r-nest',
      },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).errors).toEqual([
      {
        message: 'The operation nests brackets deeper than 100 levels.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId: 'r-nest' },
      },
    ]);
  });

  it('answers 413 to a chunked body over the limit instead of resetting the connection', async () => {
    const chunk = `"${'x'.repeat(8190)}",`;
    const answer = await rawPost(
      stack.gateway.url,
      {
        'content-type': 'application/json',
        authorization: 'Bearer demo',
        'transfer-encoding': 'chunked',
        'x-request-id': 'r-413',
      },
      (write) => {
        write('{"query":"{ __typename }","variables":{"a":[');
        // 80 KB over a 64 KiB limit, streamed without a declared length.
        for (let i = 0; i < 10; i += 1) write(chunk);
      },
    );
    expect(answer.status).toBe(413);
    expect(answer.headers['connection']).toBe('close');
    expect((JSON.parse(answer.body) as ErrorBody).errors).toEqual([
      {
        message: 'The request body exceeds 65536 bytes.',
        extensions: { code: 'PAYLOAD_TOO_LARGE', requestId: 'r-413' },
      },
    ]);
    expect(await stack.requests()).toEqual([]);
  });

  it('stamps the request id on invalid JSON and on Apollo refusals made before execution', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(stack.gateway.url, {
        method: 'POST',
        headers: { authorization: 'Bearer demo', 'x-request-id': 'r-pre', ...headers },
        body,
      });
    const invalid = await post('{"query":', { 'content-type': 'application/json' });
    const csrf = await post('{ __typename }', { 'content-type': 'text/plain' });
    const codes = await Promise.all(
      [invalid, csrf].map(async (res) => [
        res.status,
        ((await res.json()) as ErrorBody).errors.map((e) => e.extensions['requestId']),
      ]),
    );
    expect(codes).toEqual([
      [400, ['r-pre']],
      [400, ['r-pre']],
    ]);
  });

  it('closes a connection whose headers do not arrive within HTTP_HEADERS_TIMEOUT_MS', async () => {
    // Node's default lets such a client hold the connection for a minute.
    const { port } = stack.gateway;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      });
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('close', () => {
        resolve(received);
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('in embedded mode answers only loopback host names (no DNS rebinding to the demo user)', async () => {
    const ask = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          open.gateway.url,
          { method: 'POST', headers: { host, 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(
          JSON.stringify({ query: `{ person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }` }),
        );
      });
    await open.clearRequests();
    const port = String(open.gateway.port);
    expect(await ask(`attacker.example:${port}`)).toBe(421);
    expect(await ask('attacker.example')).toBe(421);
    expect(await open.requests()).toEqual([]);
    expect(await ask(`127.0.0.1:${port}`)).toBe(200);
    expect(await ask(`localhost:${port}`)).toBe(200);
  });
});

describe('subgraph SDL in production', () => {
  const SECRET = 'compose-secret-0123456789';
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        NODE_ENV: 'production',
        PEOPLE_API_URL: 'https://people.googleapis.com/',
        SUBGRAPH_SDL_SECRET: SECRET,
      },
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  const sdl = (headers: Record<string, string>) =>
    fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo', ...headers },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    }).then(async (res) => (await res.json()) as { data?: unknown; errors?: ErrorBody['errors'] });

  it('is refused to a caller with any bearer token but not the compose secret', async () => {
    const body = await sdl({});
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(body)).not.toContain('type Person');
    const wrong = await sdl({ 'x-subgraph-sdl-secret': `${SECRET.slice(0, -1)}X` });
    expect(wrong.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
  });

  it('is served to a caller that sends SUBGRAPH_SDL_SECRET', async () => {
    const body = await sdl({ 'x-subgraph-sdl-secret': SECRET });
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).toContain('type Person');
  });
});
