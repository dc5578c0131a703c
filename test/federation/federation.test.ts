import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from 'people-emulator';

import { startStack, type Stack } from '../support/stack.js';

/** A second subgraph, as a CRM team would write it: it extends Person with its own field. */
const crmTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "resourceName") {
    resourceName: ID!
    crmScore: Int!
  }
  type Query {
    topContacts: [Person!]!
  }
`);
const TOP = [DEMO_CONTACTS.ada, DEMO_CONTACTS.work, DEMO_CONTACTS.cjk];
const crmScore = (resourceName: string) => Number(resourceName.slice(-2));

interface FederationContext {
  authorization?: string;
}

let stack: Stack;
let crm: ApolloServer;
let federation: ApolloServer<FederationContext>;
let federationUrl: string;

beforeAll(async () => {
  stack = await startStack();
  crm = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: crmTypeDefs,
        resolvers: {
          Query: { topContacts: () => TOP.map((resourceName) => ({ resourceName })) },
          Person: {
            __resolveReference: (ref: { resourceName: string }) => ref,
            crmScore: (person: { resourceName: string }) => crmScore(person.resourceName),
          },
        },
      },
    ]),
  });
  const { url: crmUrl } = await startStandaloneServer(crm, {
    listen: { port: 0, host: '127.0.0.1' },
  });

  // Composed from what the gateway serves, as a federation gateway introspecting it would.
  const served = await stack.gql<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
  const sdl = served.body.data?._service.sdl;
  if (sdl === undefined) throw new Error('the gateway served no subgraph SDL');
  const composed = composeServices([
    { name: 'people', typeDefs: parse(sdl), url: stack.gateway.url },
    { name: 'crm', typeDefs: crmTypeDefs, url: crmUrl },
  ]);
  expect(composed.errors).toBeUndefined();
  if (!composed.supergraphSdl) throw new Error('composition failed');

  federation = new ApolloServer<FederationContext>({
    gateway: new ApolloGateway({
      supergraphSdl: composed.supergraphSdl,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<FederationContext>({
          url,
          // The caller's Google token travels to the people subgraph, which forwards it.
          willSendRequest({ request, context }) {
            const { authorization } = context as FederationContext;
            if (authorization) request.http?.headers.set('authorization', authorization);
          },
        }),
    }),
  });
  ({ url: federationUrl } = await startStandaloneServer(federation, {
    listen: { port: 0, host: '127.0.0.1' },
    context: ({ req }) => Promise.resolve({ authorization: req.headers.authorization }),
  }));
});

afterAll(async () => {
  await federation.stop();
  await crm.stop();
  await stack.close();
});

beforeEach(async () => {
  await stack.clearRequests();
});

async function viaFederation(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(federationUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('federation', () => {
  it('resolves many Person references from another subgraph with one getBatchGet', async () => {
    const body = await viaFederation(
      `{ topContacts { resourceName crmScore names { givenName } } }`,
    );
    expect(body.errors).toBeUndefined();
    const top = body.data?.['topContacts'] as {
      resourceName: string;
      crmScore: number;
      names: unknown[];
    }[];
    expect(top.map((p) => [p.resourceName, p.crmScore])).toEqual(TOP.map((r) => [r, crmScore(r)]));
    expect(top.every((p) => p.names.length > 0)).toBe(true);
    expect((await stack.requests()).map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/v1/people:batchGet', { personFields: 'names', resourceNames: TOP }],
    ]);
  });

  it('adds the other subgraph’s field to a person read here', async () => {
    const body = await viaFederation(
      `query($n: ID!) { person(resourceName: $n) { resourceName crmScore emailAddresses { value } } }`,
      { n: DEMO_CONTACTS.ada },
    );
    expect(body).toEqual({
      data: {
        person: {
          resourceName: DEMO_CONTACTS.ada,
          crmScore: crmScore(DEMO_CONTACTS.ada),
          emailAddresses: expect.any(Array) as unknown,
        },
      },
    });
  });

  it('runs updateContact through the federation gateway, union result and all', async () => {
    const read = await viaFederation(`query($n: ID!) { person(resourceName: $n) { etag } }`, {
      n: DEMO_CONTACTS.nonAscii,
    });
    const etag = (read.data?.['person'] as { etag: string }).etag;
    const body = await viaFederation(
      `mutation($input: UpdateContactInput!) { updateContact(input: $input, mask: [NICKNAMES]) {
        __typename ... on UpdateContactSuccess { person { nicknames { value } crmScore } } } }`,
      { input: { resourceName: DEMO_CONTACTS.nonAscii, etag, nicknames: [{ value: 'Pepe' }] } },
    );
    expect(body).toEqual({
      data: {
        updateContact: {
          __typename: 'UpdateContactSuccess',
          person: { nicknames: [{ value: 'Pepe' }], crmScore: crmScore(DEMO_CONTACTS.nonAscii) },
        },
      },
    });
  });

  it('publishes its subgraph SDL with the Person key', async () => {
    const res = await stack.gql<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    expect(res.body.data?._service.sdl).toMatch(/type Person\s+@key\(fields: "resourceName"\)/);
  });
});
