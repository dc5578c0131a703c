/**
 * Shared pieces of the fuzz tests: raw HTTP to the gateway, the checks every answer must pass,
 * and the emulator log as "upstream requests since the last case".
 */
import fc from 'fast-check';
import { isRecord } from '../../src/isRecord.js';
import { startStack, type Stack } from '../support/stack.js';
import type { RequestLogEntry } from 'people-emulator';

/** Fixed for reproducible runs; `FUZZ_SEED=<n> npx vitest run test/fuzz` replays another. */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_505);

/** Room for a loaded machine; an idle one runs each property in a few seconds. */
export const FUZZ_TIMEOUT_MS = 90_000;

/**
 * Runs a property with the fixed seed; on failure throws fast-check's report (seed, path, shrunk
 * counterexample) with the error that broke it and the seed to replay.
 */
export async function fuzz<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { seed: FUZZ_SEED, numRuns });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : '';
    throw new Error(
      `${fc.defaultReportMessage(details)}\n${cause}\nReplay with FUZZ_SEED=${String(FUZZ_SEED)}`,
    );
  }
}

export function startFuzzStack(): Promise<Stack> {
  return startStack({ tokens: ['demo'] });
}

export interface RawRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Query string for GET, with its leading `?`. */
  search?: string;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

export async function send(stack: Stack, request: RawRequest): Promise<RawAnswer> {
  const res = await fetch(`${stack.gateway.url}${request.search ?? ''}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}

/** A JSON POST as the demo user. */
export function postJson(stack: Stack, payload: unknown): Promise<RawAnswer> {
  return send(stack, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo' },
    body: JSON.stringify(payload),
  });
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[];
}

/**
 * What every answer must be, whatever was sent: not a 5xx, a JSON body with `data` or a non-empty
 * `errors` list, each error with a message and a code, and no error coded as the server's fault.
 * Throws a description of the first broken rule.
 */
export function checkAnswer(answer: RawAnswer): GraphQLBody {
  const fail = (why: string): never => {
    throw new Error(`${why}: HTTP ${answer.status} ${answer.text.slice(0, 500)}`);
  };
  if (answer.status >= 500) fail('5xx');
  if (!/^application\/(graphql-response\+)?json\b/.test(answer.contentType)) fail('not JSON');
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return fail('unparsable JSON');
  }
  if (!isRecord(body)) return fail('not an object');
  const errors = body['errors'];
  if (!('data' in body) && !(Array.isArray(errors) && errors.length > 0)) {
    fail('neither data nor errors');
  }
  if (errors !== undefined) {
    if (!Array.isArray(errors) || errors.length === 0) fail('errors is not a non-empty list');
    for (const error of errors as unknown[]) {
      const message = isRecord(error) ? error['message'] : undefined;
      if (typeof message !== 'string' || message === '') fail('an error without a message');
      const extensions = isRecord(error) ? error['extensions'] : undefined;
      const code = isRecord(extensions) ? extensions['code'] : undefined;
      if (typeof code !== 'string' || code === '') fail('an error without extensions.code');
      // A client's mistake must never read as the server's fault, nor show a runtime failure.
      if (code === 'INTERNAL_SERVER_ERROR') fail('INTERNAL_SERVER_ERROR');
      if (/Maximum call stack size exceeded/.test(String(message))) fail('stack overflow');
    }
  }
  return body;
}

/** The People API requests since the last call (the log is then cleared). */
export async function upstreamSinceLastCase(stack: Stack): Promise<RequestLogEntry[]> {
  const requests = await stack.requests();
  if (requests.length > 0) await stack.clearRequests();
  return requests;
}

/** The gateway still answers its health check. */
export async function healthz(stack: Stack): Promise<number> {
  const res = await fetch(new URL('/healthz', stack.gateway.url));
  await res.text();
  return res.status;
}
