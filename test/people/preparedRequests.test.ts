import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PeopleClient, PeopleApiError } from '../../src/people/client.js';
import { MAX_PREPARED_REQUESTS, PreparedRequests } from '../../src/people/preparedRequests.js';
import { UserMutationQueue } from '../../src/people/queue.js';
import { createSend } from '../../src/people/transport.js';
import { createUpstreamApi, type Upstream } from '../../src/people/upstream.js';
import { startStack, type Stack } from '../support/stack.js';

/** A stand-in for Google: every request as it arrived (all its headers), answered by its path. */
let server: Server;
let rootUrl: string;
interface Arrival {
  method: string | undefined;
  url: string | undefined;
  headers: [string, string][];
  body: string;
}
const arrivals: Arrival[] = [];

const ENVELOPE_429 = JSON.stringify({
  error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED', details: [] },
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const raw = req.rawHeaders;
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) headers.push([raw[i] ?? '', raw[i + 1] ?? '']);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrivals.push({
        method: req.method,
        url: req.url,
        headers,
        body: Buffer.concat(chunks).toString(),
      });
      answer();
    });
    const answer = () => {
      if (req.url?.includes('c429')) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end(ENVELOPE_429);
      } else if (req.url?.includes('c000')) {
        // No answer at all: the connection is reset.
        req.socket.destroy();
      } else if (req.url?.startsWith('/v1/people/me/connections')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ connections: [{ resourceName: 'people/c1', etag: '%a' }] }));
      } else if (req.method === 'PATCH') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ resourceName: 'people/c1', etag: '%new' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ responses: [] }));
      }
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rootUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

let upstream: Upstream & { prepared: PreparedRequests };
beforeEach(() => {
  arrivals.length = 0;
  upstream = {
    ...createUpstreamApi(rootUrl, 2_000),
    queue: new UserMutationQueue({ maxWaiting: 10, maxWaitMs: 5_000 }),
    retryPolicy: { retries: 0, budgetMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
  };
});

const clientOf = (token: string) =>
  new PeopleClient(upstream, { authorization: `Bearer ${token}`, userKey: token });

const withoutAuthorization = (arrival: Arrival | undefined) => ({
  ...arrival,
  headers: arrival?.headers.filter(([name]) => name.toLowerCase() !== 'authorization'),
});
const authorizationOf = (arrival: Arrival | undefined) =>
  arrival?.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1];

async function failureOf(read: Promise<unknown>): Promise<PeopleApiError> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PeopleApiError))
    throw new Error(`expected a PeopleApiError: ${String(error)}`);
  return error;
}

describe('requests googleapis built, sent again', () => {
  it('leave as googleapis built them the first time, each with its own caller’s credentials', async () => {
    const fields = 'names,emailAddresses';
    const first = await clientOf('ann').listConnections(10, undefined, fields);
    const second = await clientOf('bob').listConnections(10, undefined, fields);
    expect(upstream.prepared.size).toBe(1);
    expect(second).toEqual(first);
    expect(arrivals).toHaveLength(2);
    expect(withoutAuthorization(arrivals[1])).toEqual(withoutAuthorization(arrivals[0]));
    expect(arrivals.map(authorizationOf)).toEqual(['Bearer ann', 'Bearer bob']);
    // What googleapis puts in every request is there both times (not a bare request).
    const names = arrivals[1]?.headers.map(([name]) => name.toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['user-agent', 'x-goog-api-client']));
    expect(arrivals[1]?.url).toBe(
      '/v1/people/me/connections?pageSize=10&personFields=names%2CemailAddresses',
    );
    // googleapis itself builds the same request again for the same parameters: nothing in it
    // (an id, a time) differs from call to call, so a request sent again is one it would build.
    const params = { resourceName: 'people/me', pageSize: 10, personFields: fields };
    const options = { headers: { Authorization: 'Bearer cy' }, retry: false };
    await upstream.api.people.connections.list(params, options);
    await upstream.api.people.connections.list(params, options);
    expect(arrivals).toHaveLength(4);
    expect(arrivals[3]).toEqual(arrivals[2]);
    expect(withoutAuthorization(arrivals[2])).toEqual(withoutAuthorization(arrivals[1]));
  });

  it('keep one request per method and parameters: other names or fields are built anew', async () => {
    const client = clientOf('ann');
    await client.getBatchGet(['people/c1'], 'names');
    await client.getBatchGet(['people/c2'], 'names');
    await client.getBatchGet(['people/c1'], 'names,photos');
    await client.getBatchGet(['people/c1'], 'names');
    expect(upstream.prepared.size).toBe(3);
    expect(arrivals.map((a) => a.url)).toEqual([
      '/v1/people:batchGet?resourceNames=people%2Fc1&personFields=names',
      '/v1/people:batchGet?resourceNames=people%2Fc2&personFields=names',
      '/v1/people:batchGet?resourceNames=people%2Fc1&personFields=names%2Cphotos',
      '/v1/people:batchGet?resourceNames=people%2Fc1&personFields=names',
    ]);
  });

  it('report an error answer as googleapis’ own answer would be reported', async () => {
    const client = clientOf('ann');
    const built = await failureOf(client.getBatchGet(['people/c429'], 'names'));
    const sentAgain = await failureOf(client.getBatchGet(['people/c429'], 'names'));
    expect(upstream.prepared.size).toBe(1);
    expect(arrivals).toHaveLength(2);
    expect(sentAgain.google).toEqual(built.google);
    expect(built.google).toMatchObject({
      httpStatus: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'Quota exceeded',
      retryAfterSeconds: 7,
    });
  });

  it('report no answer as googleapis’ own call would', async () => {
    const client = clientOf('ann');
    const built = await failureOf(client.getBatchGet(['people/c000'], 'names'));
    const sentAgain = await failureOf(client.getBatchGet(['people/c000'], 'names'));
    expect(arrivals).toHaveLength(2);
    expect(sentAgain.google).toEqual(built.google);
    expect(built.google).toMatchObject({ httpStatus: 0, status: 'UNAVAILABLE' });
  });

  it('send a write again with its own body, as googleapis would have sent it', async () => {
    const update = (token: string, givenName: string) =>
      clientOf(token).updateContact({
        resourceName: 'people/c1',
        updatePersonFields: 'names',
        personFields: 'names',
        requestBody: { etag: '%old', names: [{ givenName, unstructuredName: undefined }] },
      });
    await update('ann', 'Ann');
    await update('bob', 'Zoë "quoted"');
    expect(upstream.prepared.size).toBe(1);
    // googleapis' own request for the second body, to compare with the one sent again.
    await upstream.api.people.updateContact(
      {
        resourceName: 'people/c1',
        updatePersonFields: 'names',
        personFields: 'names',
        requestBody: { etag: '%old', names: [{ givenName: 'Zoë "quoted"' }] },
      },
      { headers: { Authorization: 'Bearer bob' }, retry: false },
    );
    expect(arrivals).toHaveLength(3);
    expect(arrivals[1]).toEqual(arrivals[2]);
    expect(arrivals[1]?.method).toBe('PATCH');
    expect(arrivals[1]?.url).toBe(
      '/v1/people/c1:updateContact?updatePersonFields=names&personFields=names',
    );
    expect(JSON.parse(arrivals[1]?.body ?? '')).toEqual({
      etag: '%old',
      names: [{ givenName: 'Zoë "quoted"' }],
    });
    expect(arrivals.map(authorizationOf)).toEqual(['Bearer ann', 'Bearer bob', 'Bearer bob']);
  });

  it('never keep a request that is not the one the call describes: another body or credentials', async () => {
    const prepared = new PreparedRequests(createSend(2_000));
    const params = {
      resourceName: 'people/c1',
      updatePersonFields: 'names',
      requestBody: { etag: '%old', names: [{ givenName: 'Ann' }] },
    };
    const ann = { headers: { Authorization: 'Bearer ann' }, retry: false as const };
    // googleapis sends another body than the call's own serialisation.
    await prepared.request('updateContact', params, ann, (options) =>
      upstream.api.people.updateContact({ ...params, requestBody: { etag: '%other' } }, options),
    );
    // googleapis sends other credentials than the caller's.
    await prepared.request('updateContact', params, ann, (options) =>
      upstream.api.people.updateContact(params, {
        ...options,
        headers: { Authorization: 'Bearer eve' },
      }),
    );
    expect(prepared.size).toBe(0);
    expect(arrivals.map((a) => a.body)).toEqual([
      JSON.stringify({ etag: '%other' }),
      JSON.stringify(params.requestBody),
    ]);
    // The same call made as described is kept.
    await prepared.request('updateContact', params, ann, (options) =>
      upstream.api.people.updateContact(params, options),
    );
    expect(prepared.size).toBe(1);
  });

  it('keep at most `max` requests, the least recently used dropped first', async () => {
    const prepared = new PreparedRequests(createSend(2_000), 2);
    const builds: string[] = [];
    const read = (name: string) =>
      prepared.request(
        'getBatchGet',
        { resourceNames: [name], personFields: 'names' },
        { headers: { Authorization: 'Bearer ann' }, retry: false },
        async (options) => {
          builds.push(name);
          const res = await upstream.api.people.getBatchGet(
            { resourceNames: [name], personFields: 'names' },
            options,
          );
          return { data: res.data };
        },
      );
    for (const name of ['people/c1', 'people/c2', 'people/c1', 'people/c3', 'people/c1']) {
      await read(name);
    }
    // c2 was the least recently used when c3 came: c1 stayed, and was sent again twice.
    expect(builds).toEqual(['people/c1', 'people/c2', 'people/c3']);
    expect(prepared.size).toBe(2);
    await read('people/c2');
    expect(builds).toEqual(['people/c1', 'people/c2', 'people/c3', 'people/c2']);
    expect(MAX_PREPARED_REQUESTS).toBeGreaterThanOrEqual(100);
  });
});

describe('reads sent again, through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answer each caller with their own contacts, on the same request', async () => {
    const created = await stack.gql<{ createContact: { person?: { resourceName: string } } }>(
      `mutation { createContact(input: { names: [{ givenName: "Only Other's" }] }) {
        ... on CreateContactSuccess { person { resourceName } } } }`,
      {},
      'other',
    );
    const otherName = created.body.data?.createContact.person?.resourceName;
    expect(otherName).toMatch(/^people\/c/);
    await stack.clearRequests();
    const page = `{ contacts(pageSize: 50) { persons { resourceName names { givenName } } } }`;
    type Page = { contacts: { persons: { resourceName: string }[] } };
    const names = async (token: string) =>
      ((await stack.gql<Page>(page, {}, token)).body.data?.contacts.persons ?? []).map(
        (p) => p.resourceName,
      );
    const demo = [await names('demo'), await names('other'), await names('demo')];
    expect(demo[1]).toEqual([otherName]);
    expect(demo[0]).not.toContain(otherName);
    expect(demo[0]?.length).toBeGreaterThan(0);
    expect(demo[2]).toEqual(demo[0]);
    const requests = await stack.requests();
    expect(requests.map((r) => r.token)).toEqual(['demo', 'other', 'demo']);
    expect(new Set(requests.map((r) => JSON.stringify([r.method, r.path, r.query]))).size).toBe(1);
  });
});
