/**
 * `npm run example`: the People API emulator, the gateway and the built editor page, all on
 * loopback. The page learns the gateway URL from a `<meta name="gateway-url">` filled in here.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { startEmulator } from 'people-emulator';
import { startGateway } from '../../src/http/server.js';

const DIST = fileURLToPath(new URL('dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface ExampleOptions {
  /** Port of the page; 0 or undefined = a free port. */
  port?: number;
  host?: string;
  /** Emulator users; the first is the page's default token. */
  tokens?: string[];
  /** Gateway settings (`LOG_LEVEL`, `MAX_PHOTO_BYTES`, …), as in the environment. */
  env?: Record<string, string | undefined>;
}

export interface RunningExample {
  /** The page to open. */
  url: string;
  gatewayUrl: string;
  /** The emulator's root URL (its request log is at `__emulator/requests`). */
  emulatorUrl: string;
  close(): Promise<void>;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Serves `dist/` (built by `vite build`) with the gateway URL written into the page. */
async function startPageServer(gatewayUrl: string, host: string, port: number): Promise<Server> {
  const template = await readFile(join(DIST, 'index.html'), 'utf8').catch((error: unknown) => {
    throw new Error(`${DIST}index.html is missing: build the page first (vite build).`, {
      cause: error,
    });
  });
  const index = template.replace(
    '<meta name="gateway-url" content="" />',
    `<meta name="gateway-url" content="${escapeAttribute(gatewayUrl)}" />`,
  );
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://page').pathname);
      const file = normalize(join(DIST, path));
      if (path === '/' || path === '/index.html' || !file.startsWith(DIST)) {
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        res.end(index);
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

export async function startExample(options: ExampleOptions = {}): Promise<RunningExample> {
  const host = options.host ?? '127.0.0.1';
  const tokens = options.tokens ?? ['demo'];
  const emulator = await startEmulator({ port: 0, host, tokens });
  const gateway = await startGateway(loadConfig({ ...options.env, PORT: '0', HOST: host }), {
    rootUrl: emulator.url,
    demoToken: tokens[0] ?? 'demo',
  });
  const page = await startPageServer(gateway.url, host, options.port ?? 0);
  const { port } = page.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    gatewayUrl: gateway.url,
    emulatorUrl: emulator.url,
    async close() {
      await new Promise<void>((resolve) => {
        page.close(() => {
          resolve();
        });
      });
      await gateway.close();
      await emulator.close();
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env['EXAMPLE_PORT'] ?? '5173');
  const example = await startExample({ port, env: process.env });
  console.log(`People API emulator: ${example.emulatorUrl}`);
  console.log(`GraphQL gateway:     ${example.gatewayUrl}`);
  console.log(`Contact editor:      ${example.url}  <- open this (demo token: demo)`);
  const stop = () => {
    void example.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
