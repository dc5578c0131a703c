import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(key.privateKeyId).toBe('kid-123');
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
      const body = typeof init?.body === 'string' ? init.body : '';
      exchanges.push({ url, form: new URLSearchParams(body), resolve, reject });
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

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

function setup(keyOverrides: Record<string, unknown> = {}) {
  const key: ServiceAccountKey = parseServiceAccountKey(
    JSON.stringify({ ...KEY_JSON, ...keyOverrides }),
    'test key',
  );
  const endpoint = fakeTokenEndpoint();
  const clock = { now: T0 };
  const source = createDelegatedTokenSource({
    key,
    scopes: [CONTACTS_SCOPE, 'openid'],
    fetchImpl: endpoint.fetchImpl,
    now: () => clock.now,
  });
  return { source, clock, exchanges: endpoint.exchanges };
}

/** Lets the token source's promise chain reach fetch. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (error) {
    return error;
  }
}

describe('createDelegatedTokenSource', () => {
  it('token source - exchanges a signed JWT naming the subject at token_uri', async () => {
    const { source, exchanges } = setup();
    const token = source.tokenFor('alice@example.com');
    await tick();
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges;
    if (!exchange) throw new Error('no exchange');
    expect(exchange.url).toBe('https://oauth2.googleapis.com/token');
    expect(exchange.form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const jwt = decodeJwt(exchange.form.get('assertion') ?? '');
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-123' });
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

  it('token source - caches per subject until a minute before expiry, then refreshes', async () => {
    const { source, exchanges, clock } = setup();
    const first = source.tokenFor('alice@example.com');
    await tick();
    exchanges[0]?.resolve(tokenAnswer('ya29.alice-1', 3600));
    expect(await first).toBe('ya29.alice-1');

    clock.now = T0 + (3600 - 60) * 1000 - 1;
    expect(await source.tokenFor('alice@example.com')).toBe('ya29.alice-1');
    expect(exchanges).toHaveLength(1);

    const bob = source.tokenFor('bob@example.com');
    await tick();
    expect(exchanges).toHaveLength(2);
    expect(decodeJwt(exchanges[1]?.form.get('assertion') ?? '').claims['sub']).toBe(
      'bob@example.com',
    );
    exchanges[1]?.resolve(tokenAnswer('ya29.bob-1'));
    expect(await bob).toBe('ya29.bob-1');

    clock.now = T0 + (3600 - 60) * 1000;
    const refreshed = source.tokenFor('alice@example.com');
    await tick();
    expect(exchanges).toHaveLength(3);
    expect(decodeJwt(exchanges[2]?.form.get('assertion') ?? '').claims['iat']).toBe(
      clock.now / 1000,
    );
    exchanges[2]?.resolve(tokenAnswer('ya29.alice-2'));
    expect(await refreshed).toBe('ya29.alice-2');
  });

  it('token source - expiry counts from when the token was asked for', async () => {
    const { source, exchanges, clock } = setup();
    const first = source.tokenFor('alice@example.com');
    await tick();
    clock.now = T0 + 30_000; // a slow token endpoint
    exchanges[0]?.resolve(tokenAnswer('ya29.alice-1', 120));
    await first;
    clock.now = T0 + 60_000;
    await settle(Promise.race([source.tokenFor('alice@example.com'), tick()]));
    expect(exchanges).toHaveLength(2);
  });

  it('token source - concurrent calls for one subject share one exchange', async () => {
    const { source, exchanges } = setup();
    const calls = [
      source.tokenFor('alice@example.com'),
      source.tokenFor('alice@example.com'),
      source.tokenFor('alice@example.com'),
    ];
    const other = source.tokenFor('bob@example.com');
    await tick();
    expect(exchanges.map((e) => decodeJwt(e.form.get('assertion') ?? '').claims['sub'])).toEqual([
      'alice@example.com',
      'bob@example.com',
    ]);
    exchanges[0]?.resolve(tokenAnswer('ya29.alice'));
    exchanges[1]?.resolve(tokenAnswer('ya29.bob'));
    expect(await Promise.all(calls)).toEqual(['ya29.alice', 'ya29.alice', 'ya29.alice']);
    expect(await other).toBe('ya29.bob');
  });

  it('token source - a refusal is a DelegationError with Google’s code and no credential', async () => {
    const { source, exchanges } = setup();
    const calls = [source.tokenFor('mallory@example.com'), source.tokenFor('mallory@example.com')];
    await tick();
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
    }
  });

  it('token source - a refusal is not cached: the next call asks again', async () => {
    const { source, exchanges } = setup();
    const refused = settle(source.tokenFor('alice@example.com'));
    await tick();
    exchanges[0]?.resolve(
      Response.json({ error: 'unauthorized_client', error_description: 'no' }, { status: 401 }),
    );
    expect(await refused).toMatchObject({ reason: 'refused', oauthError: 'unauthorized_client' });
    const retried = source.tokenFor('alice@example.com');
    await tick();
    expect(exchanges).toHaveLength(2);
    exchanges[1]?.resolve(tokenAnswer('ya29.alice'));
    expect(await retried).toBe('ya29.alice');
  });

  it('token source - 5xx, 429 and network failures are unavailable', async () => {
    const { source, exchanges } = setup();
    const answers: (() => void)[] = [
      () => exchanges[0]?.resolve(new Response('<html>oops</html>', { status: 503 })),
      () => exchanges[1]?.resolve(Response.json({ error: 'rate_limit_exceeded' }, { status: 429 })),
      () => exchanges[2]?.reject(new TypeError('fetch failed')),
    ];
    const errors: unknown[] = [];
    for (const answer of answers) {
      const call = settle(source.tokenFor('alice@example.com'));
      await tick();
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
    ]);
  });

  it('token source - a 200 without a token is an invalid response, and its body is not quoted', async () => {
    const { source, exchanges } = setup();
    const call = settle(source.tokenFor('alice@example.com'));
    await tick();
    exchanges[0]?.resolve(Response.json({ access_token: 'ya29.secret-ish', expires_in: 'soon' }));
    const error = await call;
    expect(error).toMatchObject({ reason: 'invalid-response' });
    expect(String(error)).not.toContain('ya29');
  });

  it('token source - forget drops a cached token', async () => {
    const { source, exchanges } = setup();
    const first = source.tokenFor('alice@example.com');
    await tick();
    exchanges[0]?.resolve(tokenAnswer('ya29.alice-1'));
    await first;
    source.forget('alice@example.com');
    const second = source.tokenFor('alice@example.com');
    await tick();
    exchanges[1]?.resolve(tokenAnswer('ya29.alice-2'));
    expect(await second).toBe('ya29.alice-2');
  });

  it('token source - keeps at most maxCachedSubjects tokens, dropping the oldest', async () => {
    const key = parseServiceAccountKey(JSON.stringify(KEY_JSON), 'test key');
    let fetches = 0;
    const source = createDelegatedTokenSource({
      key,
      scopes: [CONTACTS_SCOPE],
      maxCachedSubjects: 2,
      now: () => T0,
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
  });
});
