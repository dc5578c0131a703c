import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { people } from 'googleapis/build/src/apis/people/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAdapter } from '../../src/people/transport.js';
import { toPeopleApiError } from '../../src/people/errors.js';

/** A stand-in for Google's front end: gzip JSON on success, an HTML 404, a JSON error envelope. */
let server: Server;
let rootUrl: string;
const seen: { method?: string; url?: string; body: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        body,
        authorization: req.headers.authorization,
      });
      if (req.url?.startsWith('/v1/people/c1:updateContact')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ resourceName: 'people/c1', etag: '%new' })));
      } else if (req.url?.startsWith('/v1/people/c2:updateContact')) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end(
          JSON.stringify({
            error: {
              code: 429,
              message: 'Resource has been exhausted',
              status: 'RESOURCE_EXHAUSTED',
            },
          }),
        );
      } else if (req.url?.startsWith('/v1/people/c3:')) {
        // Never answers: the transport's time limit must end it.
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html>404. That’s an error.</html>');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rootUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('http transport under the googleapis client', () => {
  const api = () => people({ version: 'v1', rootUrl, adapter: createHttpAdapter(2_000) });
  const options = { headers: { Authorization: 'Bearer t' }, retry: false };

  it('sends the PATCH googleapis builds and decodes a gzip JSON answer', async () => {
    const res = await api().people.updateContact(
      {
        resourceName: 'people/c1',
        updatePersonFields: 'names',
        requestBody: { etag: '%old', names: [{ givenName: 'A' }] },
      },
      options,
    );
    expect([res.status, res.data]).toEqual([200, { resourceName: 'people/c1', etag: '%new' }]);
    expect(seen.at(-1)).toEqual({
      method: 'PATCH',
      url: '/v1/people/c1:updateContact?updatePersonFields=names',
      body: JSON.stringify({ etag: '%old', names: [{ givenName: 'A' }] }),
      authorization: 'Bearer t',
    });
  });

  it('keeps Google’s error envelope and Retry-After for the gateway’s error mapping', async () => {
    const failure = await api()
      .people.updateContact(
        { resourceName: 'people/c2', updatePersonFields: 'names', requestBody: {} },
        options,
      )
      .catch((error: unknown) => toPeopleApiError(error));
    expect(failure).toMatchObject({
      google: { httpStatus: 429, status: 'RESOURCE_EXHAUSTED', retryAfterSeconds: 7 },
    });
  });

  it('gives up after the time limit with no answer', async () => {
    const slow = people({ version: 'v1', rootUrl, adapter: createHttpAdapter(50) });
    const started = Date.now();
    const failure = await slow.people
      .deleteContactPhoto({ resourceName: 'people/c3' }, options)
      .catch((error: unknown) => toPeopleApiError(error));
    expect(failure).toMatchObject({ google: { httpStatus: 0, message: 'TimeoutError' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('keeps an HTML 404 as a 404', async () => {
    const failure = await api()
      .people.deleteContactPhoto({ resourceName: 'people/c404' }, options)
      .catch((error: unknown) => toPeopleApiError(error));
    expect(failure).toMatchObject({ google: { httpStatus: 404, status: null } });
  });

  it.each([
    ['a fragment', 'DELETE', 'people/c1:deleteContact#'],
    ['a query in the name', 'DELETE', 'people/c1?personFields=names#'],
    ['another method', 'DELETE', 'people/c1:deleteContact'],
    ['a name outside the grammar', 'DELETE', 'people/c1;x'],
    ['dot segments to another path', 'DELETE', 'people/c1/../../v1/people:batchGet'],
    ['a GET the gateway never makes', 'GET', 'people/c1'],
  ])('refuses %s before sending anything', async (_what, method, resourceName) => {
    const before = seen.length;
    const call =
      method === 'GET'
        ? api().people.get({ resourceName, personFields: 'names' }, options)
        : api().people.deleteContactPhoto({ resourceName }, options);
    const failure = await call.catch((error: unknown) => toPeopleApiError(error));
    expect(failure).toMatchObject({
      google: { httpStatus: 0, message: 'UnexpectedPeopleRequest' },
    });
    expect(seen.length).toBe(before);
  });
});

describe('http transport, contact group paths', () => {
  const api = () => people({ version: 'v1', rootUrl, adapter: createHttpAdapter(2_000) });
  const options = { headers: { Authorization: 'Bearer t' }, retry: false };

  it('sends each contact group method and searchContacts to its own path', async () => {
    const before = seen.length;
    const calls = [
      api().contactGroups.get({ resourceName: 'contactGroups/myContacts', maxMembers: 5 }, options),
      api().contactGroups.create({ requestBody: { contactGroup: { name: 'N' } } }, options),
      api().contactGroups.update(
        { resourceName: 'contactGroups/abc123', requestBody: {} },
        options,
      ),
      api().contactGroups.delete({ resourceName: 'contactGroups/abc123' }, options),
      api().contactGroups.members.modify(
        { resourceName: 'contactGroups/abc123', requestBody: {} },
        options,
      ),
      api().people.searchContacts({ query: '', readMask: 'names' }, options),
    ];
    // The stand-in answers 404 to all of them: what matters is that they were sent.
    await Promise.all(calls.map((call) => call.catch(() => undefined)));
    expect(
      seen
        .slice(before)
        .map((r) => `${r.method ?? ''} ${r.url ?? ''}`)
        .sort(),
    ).toEqual(
      [
        'GET /v1/contactGroups/myContacts?maxMembers=5',
        'POST /v1/contactGroups',
        'PUT /v1/contactGroups/abc123',
        'DELETE /v1/contactGroups/abc123',
        'POST /v1/contactGroups/abc123/members:modify',
        'GET /v1/people:searchContacts?query=&readMask=names',
      ].sort(),
    );
  });

  it.each([
    ['a fragment', 'contactGroups/abc#'],
    ['a colon suffix', 'contactGroups/abc:batchGet'],
    ['dot segments to a person', 'contactGroups/../people/c1'],
    ['a name outside the grammar', 'contactGroups/a;b'],
    ['a person in a group path', 'people/c1'],
  ])('refuses a group delete with %s before sending anything', async (_what, resourceName) => {
    const before = seen.length;
    const failure = await api()
      .contactGroups.delete({ resourceName }, options)
      .catch((error: unknown) => toPeopleApiError(error));
    expect(failure).toMatchObject({
      google: { httpStatus: 0, message: 'UnexpectedPeopleRequest' },
    });
    expect(seen.length).toBe(before);
  });
});
