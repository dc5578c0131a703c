/**
 * An HTTP relay between the gateway and the emulator, for tests that need something to happen at
 * an exact point of an exchange: `onAnswer` runs once the emulator has answered a request and
 * before the gateway receives that answer (say, another client's write between the gateway's
 * read and its next PATCH); what it returns, if anything, replaces that answer (an answer lost on
 * the way back).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Relay {
  url: string;
  close(): Promise<void>;
}

export interface RelayedExchange {
  method: string;
  path: string;
  status: number;
  /** The emulator's answer, as text. */
  body: string;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An answer the gateway receives instead of the emulator's. */
export interface Replacement {
  status: number;
  body: string;
}

/** Forwards every request to `target` (an origin) unchanged and hands the answer to `onAnswer`. */
export async function startRelay(
  target: string,
  onAnswer: (exchange: RelayedExchange) => Promise<Replacement | undefined>,
): Promise<Relay> {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection'].includes(name)) {
          headers.set(name, value);
        }
      }
      const answer = await fetch(new URL(req.url ?? '/', target), {
        method: req.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
      });
      const text = await answer.text();
      const path = new URL(req.url ?? '/', target).pathname;
      const exchange = { method: req.method ?? 'GET', path, status: answer.status, body: text };
      const sent = (await onAnswer(exchange)) ?? exchange;
      res.writeHead(sent.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      res.end(sent.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
