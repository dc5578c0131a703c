/**
 * A deploy must not lose a mutation: the built gateway, run as a real process with the production
 * environment, gets SIGTERM while an update is in flight. The client gets the whole answer, the
 * process exits 0, and new connections are refused meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, startEmulator, type RunningEmulator } from 'people-emulator';
import { startBuiltGateway } from '../support/builtGateway.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('drain on SIGTERM (built gateway, NODE_ENV=production)', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    // `npm run build`'s bundle, as the image runs it.
    execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' });
    emulator = await startEmulator({ port: 0, tokens: ['demo'] });
  }, 120_000);
  afterAll(async () => {
    await emulator.close();
  });

  it('finishes a mutation in flight, refuses new connections, and exits 0', async () => {
    const gateway = await startBuiltGateway(join(ROOT, 'dist/main.js'), {
      NODE_ENV: 'production',
      PEOPLE_API_URL: emulator.url,
      PORT: '0',
      SHUTDOWN_DRAIN_MS: '10000',
      LOG_LEVEL: 'warn',
    });
    const read = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
      body: JSON.stringify({ query: `{ person(resourceName: "${DEMO_CONTACTS.ada}") { etag } }` }),
    });
    const { data } = (await read.json()) as { data: { person: { etag: string } } };
    // Every People API answer now takes 1.5 s: the update is still upstream when SIGTERM comes.
    await fetch(new URL('__emulator/faults', emulator.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 1500 }),
    });
    const update = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
      body: JSON.stringify({
        query: `mutation ($input: UpdateContactInput!) {
          updateContact(input: $input, mask: [NAMES]) {
            __typename ... on UpdateContactSuccess { person { names { givenName } } }
          }
        }`,
        variables: {
          input: {
            resourceName: DEMO_CONTACTS.ada,
            etag: data.person.etag,
            names: [{ givenName: 'Drained' }],
          },
        },
      }),
    }).then(async (res) => ({ status: res.status, body: await res.json() }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const newcomer = await fetch(new URL('/healthz', gateway.url)).then(
      (res) => res.status,
      () => 'refused',
    );

    expect(await update).toEqual({
      status: 200,
      body: {
        data: {
          updateContact: {
            __typename: 'UpdateContactSuccess',
            person: { names: [{ givenName: 'Drained' }] },
          },
        },
      },
    });
    expect(newcomer).toBe('refused');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    await fetch(new URL('__emulator/faults', emulator.url), { method: 'DELETE' });
  }, 30_000);
});
