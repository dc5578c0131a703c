import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const base = () => new URL('/', stack.gateway.url);

describe('operations endpoints', () => {
  it('serves Prometheus metrics: operations, upstream calls by method and outcome, results, queue depth', async () => {
    await stack.gql(`{ person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }`);
    await stack.gql(
      `mutation { updateContact(input: { resourceName: "${DEMO_CONTACTS.ada}", etag: "%stale" }, mask: [URLS]) { __typename } }`,
    );
    const res = await fetch(new URL('/metrics', base()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('gateway_people_api_calls_total{method="getBatchGet",outcome="200"} 1');
    expect(text).toContain(
      'gateway_people_api_calls_total{method="updateContact",outcome="400"} 1',
    );
    expect(text).toContain('gateway_mutation_results_total{member="EtagConflict"} 1');
    expect(text).toContain('gateway_etag_conflicts_total 1');
    expect(text).toMatch(
      /gateway_graphql_operations_total\{operation="query:person",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /gateway_people_api_call_duration_seconds_bucket\{le="[\d.]+",method="getBatchGet"\} \d/,
    );
    expect(text).toContain('gateway_mutation_queue_depth 0');
    expect(text).toContain('gateway_process_resident_memory_bytes');
  });

  it('is ready while the upstream answers, and not once it is gone', async () => {
    const own = await startStack();
    const ready = await fetch(new URL('/readyz', new URL('/', own.gateway.url)));
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ready', checks: { accepting: true, upstream: true } },
    ]);
    await own.emulator.close();
    const gone = await fetch(new URL('/readyz', new URL('/', own.gateway.url)));
    expect([gone.status, await gone.json()]).toEqual([
      503,
      { status: 'not ready', checks: { accepting: true, upstream: false } },
    ]);
    await own.gateway.close();
  });

  it('drains on close: a request in flight finishes, new connections are refused', async () => {
    const own = await startStack();
    await own.faults({ latencyMs: 300 });
    const inFlight = own.gql(`{ person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = own.gateway.close();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.errors).toBeUndefined();
    await closing;
    await expect(fetch(own.gateway.url)).rejects.toThrow();
    await own.emulator.close();
  });
});
