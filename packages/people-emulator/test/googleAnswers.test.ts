/**
 * Answers copied from public captures of the live People API (see the emulator's README): a
 * token without the contacts scope, the stale-etag 400 in each envelope seen, photo bytes of
 * another format.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CONTACTS,
  startEmulator,
  type EtagEnvelope,
  type RunningEmulator,
} from '../src/index.js';
import { PNG_1X1, call, getPerson, invalidArgument, updateContact } from './helpers.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ tokens: ['demo'], readOnlyTokens: ['viewer'] });
});
afterEach(async () => {
  await call(emu, 'DELETE', '__emulator/faults', { token: null });
});
afterAll(async () => {
  await emu.close();
});

const STALE =
  'Request person.etag is different than the current person.etag. Clear local cache and get the latest person.';

const INSUFFICIENT_SCOPE_CHALLENGE =
  'Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="https://www.googleapis.com/auth/contacts https://www.google.com/m8/feeds"';

function insufficientScope(method: string) {
  return {
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
          metadata: {
            service: 'people.googleapis.com',
            method: `google.people.v1.PeopleService.${method}`,
          },
        },
      ],
      errors: [
        {
          message: 'Request had insufficient authentication scopes.',
          domain: 'global',
          reason: 'forbidden',
        },
      ],
    },
  };
}

describe('a token with contacts.readonly only', () => {
  it('scopes - a read-only token reads: people/me and its connections answer 200', async () => {
    const me = await call(emu, 'GET', 'v1/people/me', {
      query: { personFields: 'names' },
      token: 'viewer',
    });
    const list = await call<{ totalItems: number }>(emu, 'GET', 'v1/people/me/connections', {
      query: { personFields: 'names' },
      token: 'viewer',
    });

    expect([me.status, list.status, list.json.totalItems]).toEqual([200, 200, 0]);
  });

  it('scopes - every mutation answers 403 PERMISSION_DENIED with the scope challenge and ErrorInfo', async () => {
    const contact = 'people/c1100000000000000001';
    const photo = { photoBytes: PNG_1X1.toString('base64') };
    const answers = await Promise.all([
      call(emu, 'POST', 'v1/people:createContact', { body: { names: [{ givenName: 'X' }] } }),
      call(emu, 'PATCH', `v1/${contact}:updateContact`, {
        query: { updatePersonFields: 'names' },
        body: { etag: '%x', names: [] },
      }),
      call(emu, 'PATCH', `v1/${contact}:updateContactPhoto`, { body: photo }),
      call(emu, 'DELETE', `v1/${contact}:deleteContactPhoto`),
    ]);
    const viewerAnswers = await Promise.all([
      call(emu, 'POST', 'v1/people:createContact', {
        body: { names: [{ givenName: 'X' }] },
        token: 'viewer',
      }),
      call(emu, 'PATCH', `v1/${contact}:updateContact`, {
        query: { updatePersonFields: 'names' },
        body: { etag: '%x', names: [] },
        token: 'viewer',
      }),
      call(emu, 'PATCH', `v1/${contact}:updateContactPhoto`, { body: photo, token: 'viewer' }),
      call(emu, 'DELETE', `v1/${contact}:deleteContactPhoto`, { token: 'viewer' }),
    ]);

    // The demo user's token has the contacts scope: its answers are the method's own.
    expect(answers.map((a) => a.status)).toEqual([200, 404, 404, 404]);
    expect(viewerAnswers.map((a) => [a.status, a.headers.get('www-authenticate'), a.json])).toEqual(
      ['CreateContact', 'UpdateContact', 'UpdateContactPhoto', 'DeleteContactPhoto'].map(
        (method) => [403, INSUFFICIENT_SCOPE_CHALLENGE, insufficientScope(method)],
      ),
    );
  });

  it('scopes - the scope is checked before faults and before the request is read', async () => {
    await call(emu, 'PUT', '__emulator/faults', {
      token: null,
      body: { failRate: 1, failStatus: 503 },
    });

    const refused = await call(emu, 'PATCH', 'v1/people/me:updateContact', {
      rawBody: '{not json',
      token: 'viewer',
    });

    expect(refused.status).toBe(403);
    expect(refused.json).toEqual(insufficientScope('UpdateContact'));
  });
});

describe('stale etag envelopes (fault setting etagEnvelope)', () => {
  async function staleUpdate() {
    const before = await getPerson(emu, DEMO_CONTACTS.work, 'names');
    const fresh = await updateContact(emu, DEMO_CONTACTS.work, 'occupations', {
      etag: before.etag,
      occupations: [{ value: 'Physicist' }],
    });
    expect(fresh.status).toBe(200);
    return updateContact(emu, DEMO_CONTACTS.work, 'occupations', {
      etag: before.etag,
      occupations: [{ value: 'Never' }],
    });
  }

  // The default envelope ("errors") is asserted whole in updateContact.test.ts.
  it.each<[EtagEnvelope, unknown]>([
    ['bare', { error: { code: 400, message: STALE, status: 'FAILED_PRECONDITION' } }],
    [
      'debugInfo',
      {
        error: {
          code: 400,
          message: STALE,
          status: 'FAILED_PRECONDITION',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.DebugInfo',
              detail: `[ORIGINAL ERROR] generic::failed_precondition: ${STALE}`,
            },
          ],
        },
      },
    ],
  ])(
    'etag - the "%s" envelope answers a stale etag as captured',
    async (etagEnvelope, expected) => {
      await call(emu, 'PUT', '__emulator/faults', { token: null, body: { etagEnvelope } });

      const stale = await staleUpdate();

      expect([stale.status, stale.json]).toEqual([400, expected]);
    },
  );

  it('etag - an unknown envelope name is refused and the fault set is unchanged', async () => {
    const refused = await call(emu, 'PUT', '__emulator/faults', {
      token: null,
      body: { etagEnvelope: 'xml' },
    });
    const current = await call<{ etagEnvelope: string }>(emu, 'GET', '__emulator/faults', {
      token: null,
    });

    expect(refused.json).toEqual(
      invalidArgument('Fault field "etagEnvelope" must be one of errors, bare, debugInfo.'),
    );
    expect(current.json.etagEnvelope).toBe('errors');
  });
});

describe('updateContactPhoto on a person that is not a contact', () => {
  it('photos - a profile id answers the not-a-contact 400, as updateContact does', async () => {
    const photo = { photoBytes: PNG_1X1.toString('base64') };

    const answers = await Promise.all(
      ['people/me', 'people/10000000000000000001'].map((name) =>
        call(emu, 'PATCH', `v1/${name}:updateContactPhoto`, { body: photo }),
      ),
    );

    expect(answers.map((a) => a.json)).toEqual([
      invalidArgument('Resource name "people/me" is not a valid contact person resource.'),
      invalidArgument(
        'Resource name "people/10000000000000000001" is not a valid contact person resource.',
      ),
    ]);
  });
});
