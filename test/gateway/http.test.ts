import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { MAX_BODY_BYTES: '4096' } });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(async () => {
  await stack.clearRequests();
});

describe('HTTP surface', () => {
  it('refuses a request without Authorization as UNAUTHENTICATED before any upstream call', async () => {
    const res = await stack.gql(
      `{ person(resourceName: "${DEMO_CONTACTS.ada}") { resourceName } }`,
      {},
      null,
    );
    expect(res.status).toBe(401);
    expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(await stack.requests()).toEqual([]);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(401);
    expect(await stack.requests()).toEqual([]);
  });

  it('answers /healthz', async () => {
    const res = await fetch(new URL('/healthz', stack.gateway.url));
    expect([res.status, await res.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('lets Apollo Sandbox preflight a request with a bearer token', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://studio.apollographql.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('gives an unknown web origin no CORS grant', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a body over the limit with 413 and no upstream call', async () => {
    const res = await stack.gql(`query($pad: String) { __typename }`, { pad: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(await stack.requests()).toEqual([]);
  });

  it('blocks CSRF-prone simple requests and serves a GET query with a preflight header', async () => {
    const query = encodeURIComponent('{ __typename }');
    const simple = await fetch(`${stack.gateway.url}?query=${query}`, {
      headers: { authorization: 'Bearer demo' },
    });
    expect(simple.status).toBe(400);
    const ok = await fetch(`${stack.gateway.url}?query=${query}`, {
      headers: { authorization: 'Bearer demo', 'apollo-require-preflight': 'true' },
    });
    expect([ok.status, await ok.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it('refuses a mutation over GET', async () => {
    const query = encodeURIComponent(
      'mutation { updateContact(input: {resourceName: "people/c1", etag: "x"}, mask: [NAMES]) { __typename } }',
    );
    const res = await fetch(`${stack.gateway.url}?query=${query}`, {
      headers: { authorization: 'Bearer demo', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
    expect(await stack.requests()).toEqual([]);
  });

  it('answers invalid JSON and schema violations with clear errors', async () => {
    const bad = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
      body: '{"query": ',
    });
    expect(bad.status).toBe(400);
    const invalid = await stack.gql(
      `mutation { updateContact(input: {resourceName: "people/c1"}, mask: [NAMES]) { __typename } }`,
    );
    expect(invalid.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const badEnum = await stack.gql(
      `mutation($m: [UpdatablePersonField!]!) { updateContact(input: {resourceName: "people/c1", etag: "x"}, mask: $m) { __typename } }`,
      { m: ['PHOTOS'] },
    );
    expect(badEnum.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await stack.requests()).toEqual([]);
  });

  it('answers variables with more errors than graphql-js reports (50) as BAD_USER_INPUT too', async () => {
    const res = await stack.gql(
      `mutation($i: UpdateContactInput!) { updateContact(input: $i, mask: [URLS]) { __typename } }`,
      {
        i: {
          resourceName: 'people/c1',
          etag: 'x',
          urls: Array.from({ length: 30 }, () => ({ value: 1 })),
          previous: { urls: Array.from({ length: 30 }, () => ({ value: 1 })) },
        },
      },
    );
    expect(res.status).toBe(400);
    const codes = new Set(res.body.errors?.map((e) => e.extensions?.['code']));
    expect(codes).toEqual(new Set(['BAD_USER_INPUT']));
    expect(res.body.errors?.at(-1)?.message).toMatch(/^Too many errors processing variables/);
    expect(await stack.requests()).toEqual([]);
  });
});

describe('embedded emulator mode', () => {
  it('acts as the demo user for requests without Authorization', async () => {
    const embedded = await import('../support/stack.js').then((m) =>
      m.startStack({ demoToken: 'demo' }),
    );
    try {
      const res = await embedded.gql<{ person: { resourceName: string } | null }>(
        `{ person(resourceName: "${DEMO_CONTACTS.ada}") { resourceName } }`,
        {},
        null,
      );
      expect(res.body).toEqual({ data: { person: { resourceName: DEMO_CONTACTS.ada } } });
      expect((await embedded.requests()).map((r) => r.token)).toEqual(['demo']);
    } finally {
      await embedded.close();
    }
  });
});
