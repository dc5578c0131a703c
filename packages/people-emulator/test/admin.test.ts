import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CONTACTS,
  startEmulator,
  type RequestLog,
  type RequestLogEntry,
  type RunningEmulator,
} from '../src/index.js';
import { call, getPerson, invalidArgument, updateContact, type ErrorBody } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo', 'carol'], seed: 7 });
});
afterEach(async () => {
  await call(emu, 'DELETE', '__emulator/faults', { token: null });
  await call(emu, 'DELETE', '__emulator/requests', { token: null });
});
afterAll(async () => {
  await emu.close();
});

async function requestLog(): Promise<RequestLogEntry[]> {
  const response = await call<RequestLog>(emu, 'GET', '__emulator/requests', { token: null });
  return response.json.requests;
}

async function putFaults(body: unknown): Promise<void> {
  const response = await call(emu, 'PUT', '__emulator/faults', { token: null, body });
  expect(response.status).toBe(200);
}

describe('request log', () => {
  it('request log - records every People API request in order, with 401s, and nothing else', async () => {
    await call(emu, 'DELETE', '__emulator/requests', { token: null });
    const before = Date.now();
    await call(emu, 'GET', `v1/${DEMO_CONTACTS.ada}`, {
      query: {
        personFields: 'names',
        sources: ['READ_SOURCE_TYPE_CONTACT', 'READ_SOURCE_TYPE_PROFILE'],
      },
    });
    await call(emu, 'PATCH', `v1/${DEMO_CONTACTS.ada}:updateContact`, {
      token: 'nobody',
      query: { updatePersonFields: 'names' },
      body: {},
    });
    const person = await getPerson(emu, DEMO_CONTACTS.ada, 'photos');
    await fetch(person.photos?.[0]?.url ?? '');
    await call(emu, 'GET', '__emulator/faults', { token: null });
    const log = await requestLog();
    expect(log).toEqual([
      {
        method: 'GET',
        path: `/v1/${DEMO_CONTACTS.ada}`,
        query: {
          personFields: 'names',
          sources: ['READ_SOURCE_TYPE_CONTACT', 'READ_SOURCE_TYPE_PROFILE'],
        },
        token: 'demo',
        status: 200,
        start: expect.any(Number) as unknown,
        end: expect.any(Number) as unknown,
      },
      {
        method: 'PATCH',
        path: `/v1/${DEMO_CONTACTS.ada}:updateContact`,
        query: { updatePersonFields: 'names' },
        token: 'nobody',
        status: 401,
        start: expect.any(Number) as unknown,
        end: expect.any(Number) as unknown,
        body: {},
      },
      {
        method: 'GET',
        path: `/v1/${DEMO_CONTACTS.ada}`,
        query: { personFields: 'photos' },
        token: 'demo',
        status: 200,
        start: expect.any(Number) as unknown,
        end: expect.any(Number) as unknown,
      },
    ]);
    for (const entry of log) {
      expect(entry.start).toBeGreaterThanOrEqual(before);
      expect(entry.end).toBeGreaterThanOrEqual(entry.start);
    }
    const noToken = await call(emu, 'GET', 'v1/people/me', {
      token: null,
      query: { personFields: 'names' },
    });
    expect(noToken.status).toBe(401);
    expect((await requestLog()).at(-1)?.token).toBeNull();
    await call(emu, 'DELETE', '__emulator/requests', { token: null });
    expect(await requestLog()).toEqual([]);
  });
});

describe('faults', () => {
  it('faults - GET returns the set given by PUT, with defaults, and DELETE clears it', async () => {
    await putFaults({ failRate: 0.25 });
    const current = await call(emu, 'GET', '__emulator/faults', { token: null });
    expect(current.json).toEqual({
      latencyMs: 0,
      failRate: 0.25,
      failStatus: 503,
      applyThenFailRate: 0,
      seed: 7,
      retryAfterSeconds: null,
      etagEnvelope: 'errors',
      batchRefusal: 'named',
    });
    const bad = await call<ErrorBody>(emu, 'PUT', '__emulator/faults', {
      token: null,
      body: { failStatus: 404 },
    });
    expect(bad.status).toBe(400);
  });

  it('faults - failRate 1 answers 503 before any change', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.minimal, 'names');
    await putFaults({ failRate: 1 });
    const response = await updateContact(emu, DEMO_CONTACTS.minimal, 'names', {
      etag: before.etag,
      names: [{ givenName: 'Changed' }],
    });
    expect(response.status).toBe(503);
    expect(response.json).toEqual({
      error: {
        code: 503,
        message: 'The service is currently unavailable.',
        status: 'UNAVAILABLE',
        errors: [
          {
            message: 'The service is currently unavailable.',
            domain: 'global',
            reason: 'serviceNotAvailable',
          },
        ],
      },
    });
    expect((await requestLog()).at(-1)?.status).toBe(503);
    await call(emu, 'DELETE', '__emulator/faults', { token: null });
    const after = await getPerson(emu, DEMO_CONTACTS.minimal, 'names');
    expect(after).toEqual(before);
  });

  it('faults - failStatus 429 carries a QuotaFailure and no Retry-After; 500 is INTERNAL', async () => {
    await putFaults({ failRate: 1, failStatus: 429 });
    const limited = await call<ErrorBody>(emu, 'GET', 'v1/people/me', {
      query: { personFields: 'names' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.json).toEqual({
      error: {
        code: 429,
        message: 'Resource has been exhausted (e.g. check quota).',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ subject: 'QUOTA_EXCEEDED', description: 'FBS quota limit exceeded' }],
          },
        ],
        errors: [
          {
            message: 'Resource has been exhausted (e.g. check quota).',
            domain: 'global',
            reason: 'rateLimitExceeded',
          },
        ],
      },
    });
    await putFaults({ failRate: 1, failStatus: 500 });
    const internal = await call<ErrorBody>(emu, 'GET', 'v1/people/me', {
      query: { personFields: 'names' },
    });
    expect(internal.json.error).toMatchObject({
      code: 500,
      status: 'INTERNAL',
      message: 'Internal error encountered.',
    });
  });

  it('faults - retryAfterSeconds adds Retry-After to injected 429 and 503 answers', async () => {
    await putFaults({ failRate: 1, failStatus: 429, retryAfterSeconds: 7 });
    const limited = await call(emu, 'GET', 'v1/people/me', { query: { personFields: 'names' } });
    await putFaults({ failRate: 1, failStatus: 503, retryAfterSeconds: 0 });
    const unavailable = await call(emu, 'GET', 'v1/people/me', {
      query: { personFields: 'names' },
    });
    const refused = await call<ErrorBody>(emu, 'PUT', '__emulator/faults', {
      token: null,
      body: { retryAfterSeconds: 1.5 },
    });

    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '0']);
    expect(refused.json).toEqual(
      invalidArgument('Fault field "retryAfterSeconds" must be a non-negative integer or null.'),
    );
  });

  it('faults - applyThenFailRate 1 applies the mutation and answers 503', async () => {
    const before = await getPerson(emu, DEMO_CONTACTS.emailOnly, 'names');
    await putFaults({ applyThenFailRate: 1 });
    const read = await call(emu, 'GET', `v1/${DEMO_CONTACTS.emailOnly}`, {
      query: { personFields: 'names' },
    });
    expect(read.status).toBe(200);
    const response = await updateContact(emu, DEMO_CONTACTS.emailOnly, 'names', {
      etag: before.etag,
      names: [{ givenName: 'Applied' }],
    });
    expect(response.status).toBe(503);
    await call(emu, 'DELETE', '__emulator/faults', { token: null });
    const after = await getPerson(emu, DEMO_CONTACTS.emailOnly, 'names');
    expect(after.names?.[0]?.givenName).toBe('Applied');
    expect(after.etag).not.toBe(before.etag);
    expect((await requestLog()).map((r) => r.status)).toEqual([200, 200, 503, 200]);
  });

  it('faults - latencyMs delays the answer, measured from arrival', async () => {
    await putFaults({ latencyMs: 120 });
    const started = Date.now();
    const response = await call(emu, 'GET', 'v1/people/me', { query: { personFields: 'names' } });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    const [entry] = await requestLog();
    expect((entry?.end ?? 0) - (entry?.start ?? 0)).toBeGreaterThanOrEqual(100);
  });

  it('faults - draws are deterministic for a seed', async () => {
    async function statuses(): Promise<number[]> {
      await putFaults({ failRate: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const response = await call(emu, 'GET', 'v1/people/me', {
          query: { personFields: 'names' },
        });
        out.push(response.status);
      }
      return out;
    }
    const first = await statuses();
    const second = await statuses();
    expect(second).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  it('faults - admin routes and photo downloads are never faulted', async () => {
    const person = await getPerson(emu, DEMO_CONTACTS.ada, 'photos');
    await putFaults({ failRate: 1 });
    const image = await fetch(person.photos?.[0]?.url ?? '');
    expect(image.status).toBe(200);
    const log = await call(emu, 'GET', '__emulator/requests', { token: null });
    expect(log.status).toBe(200);
  });
});

describe('state', () => {
  it('state - GET /__emulator/state/<token>/<id> returns the stored CONTACT data only', async () => {
    const response = await call<{ resourceName: string; version: number; fields: object }>(
      emu,
      'GET',
      `__emulator/state/demo/${DEMO_CONTACTS.linkedProfile.slice('people/'.length)}`,
      { token: null },
    );
    expect(response.status).toBe(200);
    expect(response.json.resourceName).toBe(DEMO_CONTACTS.linkedProfile);
    expect(response.json.fields).toMatchObject({
      names: [{ familyName: 'Hopper', givenName: 'Grace' }],
    });
    const missing = await call(emu, 'GET', '__emulator/state/carol/c1', { token: null });
    expect(missing.status).toBe(404);
  });
});

describe('lifecycle', () => {
  it('lifecycle - each startEmulator builds fresh state and close() is prompt with keep-alive', async () => {
    const other = await startEmulator();
    const before = await getPerson(other, DEMO_CONTACTS.ada, 'names');
    await updateContact(other, DEMO_CONTACTS.ada, 'names', {
      etag: before.etag,
      names: [{ givenName: 'Z' }],
    });
    const third = await startEmulator();
    const fresh = await getPerson(third, DEMO_CONTACTS.ada, 'names');
    expect(fresh).toEqual({ ...before, names: fresh.names });
    expect(fresh.names?.[0]?.givenName).toBe('Ada');
    expect(fresh.etag).toBe(before.etag);
    const started = Date.now();
    await Promise.all([other.close(), third.close()]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
