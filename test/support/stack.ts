/**
 * The whole pipeline on loopback for tests: a real emulator and a real gateway, each listening
 * on a free port, talking HTTP through the googleapis client.
 */
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import {
  entriesWithoutGaps,
  startEmulator,
  type FaultSetInput,
  type RequestLog,
  type RequestLogEntry,
  type RunningEmulator,
} from 'people-emulator';
import { createLogger } from '../../src/logger.js';
import { startGateway, type RunningGateway } from '../../src/http/server.js';

export interface GraphQLResult<TData = Record<string, unknown>> {
  status: number;
  body: {
    data?: TData | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

export interface Stack {
  gateway: RunningGateway;
  emulator: RunningEmulator;
  /** POST a GraphQL operation; `token` null sends no Authorization header. */
  gql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResult<TData>>;
  /** The People API requests the emulator received since the last `clearRequests`. */
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Replace the emulator's fault set; null removes all faults. */
  faults(set: FaultSetInput | null): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  tokens?: string[];
  /** Emulator users whose tokens hold only `contacts.readonly` (mutations answer 403). */
  readOnlyTokens?: string[];
  /** Act as this emulator user when a request has no Authorization (embedded mode). */
  demoToken?: string;
  env?: Record<string, string>;
  /** Put something between the gateway and the emulator (test/support/relay.ts). */
  relay?: (emulatorUrl: string) => Promise<{ url: string; close(): Promise<void> }>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const tokens = options.tokens ?? ['demo', 'other'];
  const emulator = await startEmulator({
    port: 0,
    tokens,
    // Soaks read every request of a run: keep them all (requests() refuses a log with gaps).
    requestLogLimit: 1_000_000,
    ...(options.readOnlyTokens ? { readOnlyTokens: options.readOnlyTokens } : {}),
  });
  // Every operation compiled from its first run, so that the tests check graphql-jit's answers;
  // GRAPHQL_COMPILE_AFTER=0 in the environment runs them on graphql-js instead.
  const compileAfter = process.env['GRAPHQL_COMPILE_AFTER'] ?? '1';
  const config = loadConfig({ PORT: '0', GRAPHQL_COMPILE_AFTER: compileAfter, ...options.env });
  const logFile = process.env['GATEWAY_TEST_LOG'];
  const relay = await options.relay?.(emulator.url);
  const gateway = await startGateway(config, {
    rootUrl: relay?.url ?? emulator.url,
    // Every line goes to the run's log file, which the global teardown searches for secrets.
    logger: logFile
      ? createLogger('debug', pino.destination({ dest: logFile, append: true, sync: true }))
      : createLogger('silent'),
    ...(options.demoToken === undefined ? {} : { demoToken: options.demoToken }),
  });
  const admin = new URL('__emulator/requests', emulator.url);
  const stack: Stack = {
    gateway,
    emulator,
    // The caller names the data type it expects; JSON is unchecked either way.
    gql: async (query, variables = {}, token = 'demo') => {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GraphQLResult<never>['body'] };
    },
    async requests() {
      const res = await fetch(admin);
      return entriesWithoutGaps((await res.json()) as RequestLog);
    },
    async clearRequests() {
      await fetch(admin, { method: 'DELETE' });
    },
    async faults(set) {
      const url = new URL('__emulator/faults', emulator.url);
      const res = await fetch(url, {
        method: set === null ? 'DELETE' : 'PUT',
        headers: { 'content-type': 'application/json' },
        ...(set === null ? {} : { body: JSON.stringify(set) }),
      });
      if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
    },
    async close() {
      await gateway.close();
      await relay?.close();
      await emulator.close();
    },
  };
  return stack;
}
