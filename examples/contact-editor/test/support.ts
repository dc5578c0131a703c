/**
 * Browser test harness: the example stack (emulator, gateway, built page) on loopback and a
 * headless Debian Chromium driven by playwright-core (no browser is ever downloaded).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RequestLog, RequestLogEntry } from 'people-emulator';
import { inject } from 'vitest';
import { startExample, type RunningExample } from '../serve.js';

/** The Chromium the run found (test/chromium.ts), or null. */
const CHROME_PATH = inject('chromium');
/** Whether the browser tests can run: `describe.runIf(hasChromium)`. */
export const hasChromium = CHROME_PATH !== null;
export const SCREENSHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

export interface E2E {
  example: RunningExample;
  browser: Browser;
  /** A fresh page (own context: no shared cache or storage) on the editor. */
  open(hash?: string): Promise<Page>;
  /** The People API requests the emulator received since the last `clearRequests`. */
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** A GraphQL call straight to the gateway as the demo user, as another client would make. */
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  if (CHROME_PATH === null) throw new Error('no Chromium: run under describe.runIf(hasChromium)');
  const example = await startExample({ env: { LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' } });
  // playwright-core starts Chromium headless with a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROME_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const admin = new URL('__emulator/requests', example.emulatorUrl);
  return {
    example,
    browser,
    async open(hash = '#/') {
      const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        console.error('page error:', error);
      });
      await page.goto(`${example.url}${hash}`);
      return page;
    },
    async requests() {
      const res = await fetch(admin);
      return ((await res.json()) as RequestLog).requests;
    },
    async clearRequests() {
      await fetch(admin, { method: 'DELETE' });
    },
    async gql<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await fetch(example.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (body.data === undefined || body.errors !== undefined) {
        throw new Error(`GraphQL call failed: ${JSON.stringify(body)}`);
      }
      return body.data;
    },
    async close() {
      await browser.close();
      await example.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const { axe: inPage } = window as unknown as { axe: typeof axe };
    const result = await inPage.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of one colour, `size`×`size` pixels. */
export function solidPng(size: number, [r, g, b]: readonly [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(size).fill([r, g, b]).flat())]);
  const pixels = Buffer.concat(Array<Buffer>(size).fill(row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
