import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONTACTS_SCOPE,
  DelegationError,
  createDelegatedTokenSource,
  loadServiceAccountKey,
  parseServiceAccountKey,
  type ServiceAccountKey,
} from '../../src/auth/serviceAccount.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
/** A line from the middle of the key: what must never show up in a message. */
const KEY_LINE = privateKey.split('\n')[5] ?? '';

const KEY_JSON = {
  type: 'service_account',
  project_id: 'people-gateway',
  private_key_id: 'kid-123',
  private_key: privateKey,
  client_email: 'gateway@people-gateway.iam.gserviceaccount.com',
  client_id: '1234567890',
  token_uri: 'https://oauth2.googleapis.com/token',
};

const dir = mkdtempSync(join(tmpdir(), 'sa-key-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function keyFile(content: unknown): string {
  const path = join(dir, `key-${String(Math.random()).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function loadError(content: unknown): string {
  const path = keyFile(content);
  try {
    loadServiceAccountKey(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    expect(message).not.toContain('PRIVATE KEY');
    expect(message).not.toContain(KEY_LINE);
    return message.replace(path, '<path>');
  }
  throw new Error('the key was accepted');
}

describe('loadServiceAccountKey', () => {
  it('key - reads a service account key', () => {
    const key = loadServiceAccountKey(keyFile(KEY_JSON));
    expect(key.clientEmail).toBe(KEY_JSON.client_email);
    expect(key.tokenUri).toBe('https://oauth2.googleapis.com/token');
    expect(key.privateKey.asymmetricKeyType).toBe('rsa');
    // What a careless log line would print of it.
    expect(JSON.stringify(key)).not.toContain(KEY_LINE);
  });

  it('key - accepts a plain-http token_uri on loopback only (the emulator)', () => {
    const local = { ...KEY_JSON, token_uri: 'http://127.0.0.1:4100/token' };
    expect(loadServiceAccountKey(keyFile(local)).tokenUri).toBe('http://127.0.0.1:4100/token');
    expect(loadError({ ...KEY_JSON, token_uri: 'http://oauth.example.com/token' })).toBe(
      'The service account key <path> has a "token_uri" that is not https (plain http is accepted on loopback only).',
    );
  });

  it('key - a missing file is named with its error code', () => {
    expect(() => loadServiceAccountKey(join(dir, 'absent.json'))).toThrow(
      `The service account key ${join(dir, 'absent.json')} cannot be read (ENOENT).`,
    );
  });

  it('key - invalid JSON is reported without quoting the file', () => {
    const truncated = JSON.stringify(KEY_JSON).slice(0, 400);
    expect(loadError(truncated)).toBe('The service account key <path> is not valid JSON.');
    expect(loadError('[]')).toBe('The service account key <path> is not a JSON object.');
  });

  it('key - each missing field is named', () => {
    for (const field of ['type', 'client_email', 'private_key', 'token_uri']) {
      const rest = Object.fromEntries(Object.entries(KEY_JSON).filter(([name]) => name !== field));
      expect(loadError(rest)).toBe(
        `The service account key <path> has no "${field}" (a non-empty string).`,
      );
      expect(loadError({ ...KEY_JSON, [field]: '' })).toContain(`no "${field}"`);
      expect(loadError({ ...KEY_JSON, [field]: 42 })).toContain(`no "${field}"`);
    }
  });

  it('key - other credential types are refused by name', () => {
    expect(loadError({ ...KEY_JSON, type: 'authorized_user' })).toBe(
      'The service account key <path> is a "authorized_user" credential; a service account key has "type": "service_account".',
    );
  });

  it('key - a private key that is not an RSA PEM key is refused without being quoted', () => {
    const truncated = `${privateKey.slice(0, 400)}\n-----END PRIVATE KEY-----\n`;
    for (const broken of [truncated, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC']) {
      expect(loadError({ ...KEY_JSON, private_key: broken })).toBe(
        'The service account key <path> has a "private_key" that is not a PEM private key.',
      );
    }
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(loadError({ ...KEY_JSON, private_key: ec.privateKey })).toBe(
      'The service account key <path> has a "private_key" that is not an RSA key.',
    );
  });

  it('key - a token_uri that is not a URL is refused', () => {
    expect(loadError({ ...KEY_JSON, token_uri: 'oauth2.googleapis.com/token' })).toBe(
      'The service account key <path> has a "token_uri" that is not an absolute URL.',
    );
  });
});

interface Exchange {
  url: string;
  form: URLSearchParams;
  resolve: (response: Response) => void;
  reject: (error: unknown) => void;
}

/** A token endpoint whose answers the test gives by hand, one per request. */
function fakeTokenEndpoint() {
  const exchanges: Exchange[] = [];
  const fetchImpl: typeof fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = input instanceof Request ? input.url : String(input);
      // The JWT client's transport sends the form as URLSearchParams.
      const body = init?.body instanceof URLSearchParams ? init.body : new URLSearchParams();
      const signal = init?.signal;
      signal?.addEventListener('abort', () => {
        // What fetch rejects with when its signal times out.
        reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      });
      exchanges.push({ url, form: body, resolve, reject });
    });
  return { exchanges, fetchImpl };
}

function tokenAnswer(accessToken: string, expiresIn = 3599): Response {
  return Response.json({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' });
}

function decodeJwt(jwt: string) {
  const [header = '', claims = '', signature = ''] = jwt.split('.');
  const part = (s: string) =>
    JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
  return {
    header: part(header),
    claims: part(claims),
    signedBy: (pem: string) =>
      verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${claims}`),
        pem,
        Buffer.from(signature, 'base64url'),
      ),
  };
}

const subjectOf = (exchange: Exchange | undefined) =>
  decodeJwt(exchange?.form.get('assertion') ?? '').claims['sub'];

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

// google-auth-library reads the clock through Date: only Date is faked, timers stay real
// (vi.waitFor moves the fake clock on by its polling interval, 50 ms at a time).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(keyOverrides: Record<string, unknown> = {}, timeoutMs?: number) {
  const key: ServiceAccountKey = parseServiceAccountKey(
    JSON.stringify({ ...KEY_JSON, ...keyOverrides }),
    'test key',
  );
  const endpoint = fakeTokenEndpoint();
  const source = createDelegatedTokenSource({
    key,
    scopes: [CONTACTS_SCOPE, 'openid'],
    fetchImpl: endpoint.fetchImpl,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  const { exchanges } = endpoint;
  /** Waits until the token source has sent `count` exchanges in all. */
  const sent = (count: number) =>
    vi.waitFor(() => {
      expect(exchanges).toHaveLength(count);
    });
  return { source, exchanges, sent };
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (error) {
    return error;
  }
}

/** Lets pending promise chains run; for asserting that nothing was sent. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('createDelegatedTokenSource', () => {
  it('token source - exchanges a signed JWT naming the subject at token_uri', async () => {
    const { source, exchanges, sent } = setup();
    const token = source.tokenFor('alice@example.com');
    await sent(1);
    const [exchange] = exchanges;
    if (!exchange) throw new Error('no exchange');
    expect(exchange.url).toBe('https://oauth2.googleapis.com/token');
    expect(exchange.form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const jwt = decodeJwt(exchange.form.get('assertion') ?? '');
    expect(jwt.header).toEqual({ alg: 'RS256' });
    expect(jwt.claims).toEqual({
      iss: KEY_JSON.client_email,
      sub: 'alice@example.com',
      scope: `${CONTACTS_SCOPE} openid`,
      aud: 'https://oauth2.googleapis.com/token',
      iat: T0 / 1000,
      exp: T0 / 1000 + 3600,
    });
    expect(jwt.signedBy(publicKey)).toBe(true);
    exchange.resolve(tokenAnswer('ya29.alice-1'));
    expect(await token).toBe('ya29.alice-1');
  });

  it('token source - a key whose token_uri is not Google’s is exchanged there, with that aud', async () => {
    const { source, exchanges, sent } = setup({ token_uri: 'http://127.0.0.1:4100/token' });
    const token = source.tokenFor('alice@example.com');
    await sent(1);
    expect(exchanges[0]?.url).toBe('http://127.0.0.1:4100/token');
    expect(decodeJwt(exchanges[0]?.form.get('assertion') ?? '').claims['aud']).toBe(
      'http://127.0.0.1:4100/token',
    );
    exchanges[0]?.resolve(tokenAnswer('ya29.alice-1'));
    expect(await token).toBe('ya29.alice-1');
  });

  it('token source - caches per subject until five minutes before expiry, then refreshes', async () => {
    const { source, exchanges, sent } = setup();
    const first = source.tokenFor('alice@example.com');
    await sent(1);
    exchanges[0]?.resolve(tokenAnswer('ya29.alice-1', 3600));
    expect(await first).toBe('ya29.alice-1');

    vi.setSystemTime(T0 + (3600 - 300) * 1000 - 1);
    expect(await source.tokenFor('alice@example.com')).toBe('ya29.alice-1');
    await idle();
    expect(exchanges).toHaveLength(1);

    const bob = source.tokenFor('bob@example.com');
    await sent(2);
    expect(subjectOf(exchanges[1])).toBe('bob@example.com');
    exchanges[1]?.resolve(tokenAnswer('ya29.bob-1'));
    expect(await bob).toBe('ya29.bob-1');

    vi.setSystemTime(T0 + (3600 - 300) * 1000);
    const refreshed = source.tokenFor('alice@example.com');
    await sent(3);
    expect(decodeJwt(exchanges[2]?.form.get('assertion') ?? '').claims['iat']).toBe(
      T0 / 1000 + 3600 - 300,
    );
    exchanges[2]?.resolve(tokenAnswer('ya29.alice-2'));
    expect(await refreshed).toBe('ya29.alice-2');
  });

  it('token source - expiry counts from when the token was asked for', async () => {
    const { source, exchanges, sent } = setup();
    const first = source.tokenFor('alice@example.com');
    await sent(1);
    vi.setSystemTime(T0 + 30_000); // a slow token endpoint
    exchanges[0]?.resolve(tokenAnswer('ya29.alice-1', 400));
    await first;
    // Expires at T0 + 400 s, so from T0 + 100 s it is within the five-minute margin.
    vi.setSystemTime(T0 + 100_000);
    void settle(source.tokenFor('alice@example.com'));
    await sent(2);
  });

  it('token source - concurrent calls for one subject share one exchange', async () => {
    const { source, exchanges, sent } = setup();
    const calls = [
      source.tokenFor('alice@example.com'),
      source.tokenFor('alice@example.com'),
      source.tokenFor('alice@example.com'),
    ];
    const other = source.tokenFor('bob@example.com');
    await sent(2);
    await idle();
    expect(exchanges.map(subjectOf)).toEqual(['alice@example.com', 'bob@example.com']);
    exchanges[0]?.resolve(tokenAnswer('ya29.alice'));
    exchanges[1]?.resolve(tokenAnswer('ya29.bob'));
    expect(await Promise.all(calls)).toEqual(['ya29.alice', 'ya29.alice', 'ya29.alice']);
    expect(await other).toBe('ya29.bob');
  });

  it('token source - a refusal is a DelegationError with Google’s code and no credential', async () => {
    const { source, exchanges, sent } = setup();
    const calls = [source.tokenFor('mallory@example.com'), source.tokenFor('mallory@example.com')];
    await sent(1);
    await idle();
    expect(exchanges).toHaveLength(1);
    const assertion = exchanges[0]?.form.get('assertion') ?? '';
    exchanges[0]?.resolve(
      Response.json(
        { error: 'invalid_grant', error_description: 'Invalid email or User ID' },
        { status: 400 },
      ),
    );
    const errors = await Promise.all(calls.map(settle));
    for (const error of errors) {
      expect(error).toBeInstanceOf(DelegationError);
      expect(error).toMatchObject({
        reason: 'refused',
        oauthError: 'invalid_grant',
        status: 400,
        message: 'Token endpoint answered HTTP 400: invalid_grant (Invalid email or User ID).',
      });
      expect(JSON.stringify(error)).not.toContain(assertion.slice(-40));
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it('token source - a refusal is not cached: the next call asks again', async () => {
    const { source, exchanges, sent } = setup();
    const refused = settle(source.tokenFor('alice@example.com'));
    await sent(1);
    exchanges[0]?.resolve(
      Response.json({ error: 'unauthorized_client', error_description: 'no' }, { status: 401 }),
    );
    expect(await refused).toMatchObject({ reason: 'refused', oauthError: 'unauthorized_client' });
    const retried = source.tokenFor('alice@example.com');
    await sent(2);
    exchanges[1]?.resolve(tokenAnswer('ya29.alice'));
    expect(await retried).toBe('ya29.alice');
  });

  it('token source - 5xx, 429, network failures and timeouts are unavailable, asked once each', async () => {
    const { source, exchanges, sent } = setup({}, 200);
    const answers: (() => void)[] = [
      () => exchanges[0]?.resolve(new Response('<html>oops</html>', { status: 503 })),
      () => exchanges[1]?.resolve(Response.json({ error: 'rate_limit_exceeded' }, { status: 429 })),
      () => exchanges[2]?.reject(new TypeError('fetch failed')),
      () => undefined, // no answer: the time limit ends it
    ];
    const errors: unknown[] = [];
    for (const [i, answer] of answers.entries()) {
      const call = settle(source.tokenFor('alice@example.com'));
      await sent(i + 1);
      answer();
      errors.push(await call);
    }
    expect(errors).toMatchObject([
      { reason: 'unavailable', status: 503, message: 'Token endpoint answered HTTP 503.' },
      {
        reason: 'unavailable',
        status: 429,
        oauthError: 'rate_limit_exceeded',
        message: 'Token endpoint answered HTTP 429: rate_limit_exceeded.',
      },
      { reason: 'unavailable', message: 'Token endpoint: the request failed.' },
      { reason: 'unavailable', message: 'Token endpoint: no answer within 200 ms.' },
    ]);
    await idle();
    expect(exchanges).toHaveLength(4);
  });

  it('token source - a 200 without a usable token is an invalid response, not quoted and not kept', async () => {
    const { source, exchanges, sent } = setup();
    const answers = [
      Response.json({ access_token: 'ya29.secret-ish', expires_in: 'soon' }),
      Response.json({ expires_in: 3599 }),
    ];
    for (const [i, answer] of answers.entries()) {
      const call = settle(source.tokenFor('alice@example.com'));
      await sent(i + 1);
      exchanges[i]?.resolve(answer);
      const error = await call;
      expect(error).toMatchObject({ reason: 'invalid-response' });
      expect(String(error)).not.toContain('ya29');
    }
    const next = source.tokenFor('alice@example.com');
    await sent(3);
    exchanges[2]?.resolve(tokenAnswer('ya29.alice'));
    expect(await next).toBe('ya29.alice');
  });

  it('token source - forget drops a cached token only while it is the one refused', async () => {
    const { source, exchanges, sent } = setup();
    const first = source.tokenFor('alice@example.com');
    await sent(1);
    exchanges[0]?.resolve(tokenAnswer('ya29.alice-1'));
    await first;
    source.forget('alice@example.com', 'ya29.alice-1');
    const second = source.tokenFor('alice@example.com');
    await sent(2);
    exchanges[1]?.resolve(tokenAnswer('ya29.alice-2'));
    expect(await second).toBe('ya29.alice-2');
    // A second caller refused the first token learns of it late: the new one stays.
    source.forget('alice@example.com', 'ya29.alice-1');
    expect(await source.tokenFor('alice@example.com')).toBe('ya29.alice-2');
    await idle();
    expect(exchanges).toHaveLength(2);
  });

  it('token source - keeps at most maxCachedSubjects users, dropping the least recently used', async () => {
    const key = parseServiceAccountKey(JSON.stringify(KEY_JSON), 'test key');
    let fetches = 0;
    const source = createDelegatedTokenSource({
      key,
      scopes: [CONTACTS_SCOPE],
      maxCachedSubjects: 2,
      fetchImpl: () => {
        fetches += 1;
        return Promise.resolve(tokenAnswer(`ya29.${String(fetches)}`));
      },
    });
    for (const user of ['a', 'b', 'c']) await source.tokenFor(`${user}@example.com`);
    expect(fetches).toBe(3);
    await source.tokenFor('c@example.com');
    await source.tokenFor('b@example.com');
    expect(fetches).toBe(3);
    expect(await source.tokenFor('a@example.com')).toBe('ya29.4');
    // "a" pushed out "c", the least recently used; "b" stays.
    expect(await source.tokenFor('b@example.com')).toBe('ya29.2');
    expect(await source.tokenFor('c@example.com')).toBe('ya29.5');
  });
});
