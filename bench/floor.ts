/**
 * The floor: the least a Node.js process in the gateway's place must do for the editor's reads,
 * and nothing more. It takes the editor's two read documents only (bench/editor.ts: the read of
 * one contact and the page of 10, recognised by their text), sends the People API the request the
 * gateway sends for them (`FLOOR_READ_FIELDS`, `FLOOR_LIST_FIELDS`: the `personFields` the bench
 * saw the gateway send), parses the answer, keeps the selected fields and answers in GraphQL's
 * shape. No GraphQL engine, no googleapis, no limits, no logs, no metrics: not a gateway, a
 * measure of what the hop itself costs on this machine (Node's HTTP server and client, two JSON
 * parses and a serialisation, four socket writes), beside which the gateway's own work shows.
 *
 *   PORT=… PEOPLE_API_URL=… FLOOR_READ_FIELDS=… FLOOR_LIST_FIELDS=… node --import tsx bench/floor.ts
 */
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { EDITOR_LIST, EDITOR_READ } from './editor.js';

type Json = Record<string, unknown>;

const upstream = new URL(process.env['PEOPLE_API_URL'] ?? 'http://127.0.0.1:8080/');
const readFields = process.env['FLOOR_READ_FIELDS'] ?? '';
const listFields = process.env['FLOOR_LIST_FIELDS'] ?? '';
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const scalar = (value: unknown): unknown => value ?? null;

/** The editor's selection (`SHOWN_SELECTION` in bench/editor.ts), written out by hand. */
function shown(person: Json): Json {
  const metadata = (person['metadata'] ?? {}) as Json;
  return {
    resourceName: person['resourceName'],
    etag: person['etag'],
    names: list(person['names']).map((n) => ({
      givenName: scalar(n['givenName']),
      familyName: scalar(n['familyName']),
      displayName: scalar(n['displayName']),
    })),
    emailAddresses: list(person['emailAddresses']).map((e) => ({
      value: scalar(e['value']),
      type: scalar(e['type']),
    })),
    phoneNumbers: list(person['phoneNumbers']).map((p) => ({
      value: scalar(p['value']),
      type: scalar(p['type']),
    })),
    metadata: {
      sources: list(metadata['sources']).map((s) => ({
        type: s['type'],
        id: s['id'],
        etag: scalar(s['etag']),
      })),
    },
  };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/graphql-response+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** GET `path` from the People API with the caller's credentials; its JSON, parsed. */
function get(path: string, authorization: string | undefined): Promise<Json> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, upstream),
      { agent, headers: authorization ? { authorization } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`People API answered ${String(res.statusCode)}`));
            return;
          }
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    query?: string;
    variables?: { n?: string };
  };
  const auth = req.headers.authorization;
  if (body.query === EDITOR_LIST) {
    const page = await get(
      `v1/people/me/connections?personFields=${encodeURIComponent(listFields)}&pageSize=10`,
      auth,
    );
    const persons = list(page['connections']).map(shown);
    answer(res, 200, {
      data: { contacts: { persons, nextPageToken: scalar(page['nextPageToken']) } },
    });
  } else if (body.query === EDITOR_READ && typeof body.variables?.n === 'string') {
    const names = `resourceNames=${encodeURIComponent(body.variables.n)}`;
    const batch = await get(
      `v1/people:batchGet?${names}&personFields=${encodeURIComponent(readFields)}`,
      auth,
    );
    const person = list(batch['responses'])[0]?.['person'];
    answer(res, 200, { data: { person: person ? shown(person as Json) : null } });
  } else if (body.query?.trim() === '{ __typename }') {
    answer(res, 200, { data: { __typename: 'Query' } });
  } else {
    answer(res, 400, { errors: [{ message: 'The floor answers the editor’s reads only.' }] });
  }
}

const server = createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    answer(res, 502, { errors: [{ message: String(error) }] });
  });
});
server.listen(Number(process.env['PORT'] ?? 4010), '127.0.0.1');
// A graceful exit, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => {
  server.close();
  agent.destroy();
});
