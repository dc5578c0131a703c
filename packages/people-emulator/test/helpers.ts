import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';
import type { RunningEmulator } from '../src/index.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  json: T;
  text: string;
}

export interface CallOptions {
  token?: string | null;
  query?: Record<string, string | number | string[]>;
  body?: unknown;
  rawBody?: string;
}

/** One HTTP exchange with the emulator; `token: null` sends no Authorization header. */
export async function call<T = unknown>(
  emu: RunningEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const url = new URL(path.replace(/^\//, ''), emu.url);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? 'demo' : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let json: unknown = undefined;
  if (response.headers.get('content-type')?.startsWith('application/json')) {
    json = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, json: json as T, text };
}

export type Person = people_v1.Schema$Person;

export interface ErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: unknown[];
    errors: { message: string; domain: string; reason: string }[];
  };
}

export async function getPerson(
  emu: RunningEmulator,
  resourceName: string,
  personFields = 'names,emailAddresses,metadata',
  token = 'demo',
): Promise<Person> {
  const response = await call<Person>(emu, 'GET', `v1/${resourceName}`, {
    token,
    query: { personFields },
  });
  if (response.status !== 200) throw new Error(`get ${resourceName}: ${response.text}`);
  return response.json;
}

export function updateContact(
  emu: RunningEmulator,
  resourceName: string,
  updatePersonFields: string,
  body: unknown,
  extraQuery: Record<string, string> = {},
): Promise<ApiResponse<Person & ErrorBody>> {
  return call(emu, 'PATCH', `v1/${resourceName}:updateContact`, {
    query: { updatePersonFields, ...extraQuery },
    body,
  });
}

/** The envelope of a 400 INVALID_ARGUMENT with a message, without details. */
export function invalidArgument(message: string): ErrorBody {
  return {
    error: {
      code: 400,
      message,
      status: 'INVALID_ARGUMENT',
      errors: [{ message, domain: 'global', reason: 'badRequest' }],
    },
  };
}

/** A minimal valid PNG (1×1) and JPEG header bytes for photo tests. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const FAKE_JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xfb, 0xfe,
]);
