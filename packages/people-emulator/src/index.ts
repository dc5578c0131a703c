/**
 * The embedded People API emulator: a real HTTP server standing in for
 * https://people.googleapis.com/ (paths, verbs, parameters, JSON and error envelopes as Google's).
 * It never imports the gateway's code: the package is a development dependency of the gateway,
 * absent from its production image.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DEFAULT_REQUEST_LOG_LIMIT } from './http/requestLog.js';
import { createEmulatorServer } from './http/server.js';
import {
  TokenEndpoint,
  newDelegatedUser,
  type ServiceAccountRegistration,
} from './oauth/tokenEndpoint.js';
import { seedDemoUser } from './seed/seedDemoUser.js';
import { newUser, type EmulatorState } from './store/state.js';

export { DEMO_ACCOUNT_ID, DEMO_CONTACTS, DEMO_USER_GROUPS } from './seed/demoNames.js';
export type { FaultSet, FaultSetInput, FaultStatus } from './faults.js';
export { entriesWithoutGaps } from './http/requestLog.js';
export type { RequestLog, RequestLogEntry } from './http/requestLog.js';
export type { EtagEnvelope } from './etagFailure.js';
export type { ServiceAccountRegistration, TokenRequestLogEntry } from './oauth/tokenEndpoint.js';
export { CONTACTS_READONLY_SCOPE, CONTACTS_SCOPE } from './scopes.js';

export interface EmulatorOptions {
  /** 0 or undefined = a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Bearer tokens = users; default ['demo']. 'demo' gets the demo contacts. */
  tokens?: string[];
  /**
   * Tokens that hold only `contacts.readonly`: reads work, mutations answer 403
   * PERMISSION_DENIED. Each is a user like those of `tokens` (listed in both: that user, read-only).
   */
  readOnlyTokens?: string[];
  /** Seed for fault draws and generated ids; default 1. */
  seed?: number;
  /** Decoded photo size limit; default 10 MiB. */
  maxPhotoBytes?: number;
  /**
   * Service accounts the token endpoint (`POST {url}token`) accepts JWTs from; more can be added
   * with `POST /__emulator/service-accounts`. Each token acts as the user its JWT's `sub` names.
   */
  serviceAccounts?: ServiceAccountRegistration[];
  /**
   * Entries each admin log keeps (`/__emulator/requests`, `/__emulator/token-requests`), the
   * most recent; older ones are dropped and counted (`dropped`). Default 10,000.
   */
  requestLogLimit?: number;
}

export interface RunningEmulator {
  /** Root URL with a trailing slash, for googleapis' `rootUrl`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEMO_TOKEN = 'demo';

/** The demo user's ids never depend on which other tokens are configured. */
function idsFor(token: string, index: number): { idPrefix: bigint; accountId: string } {
  if (token === DEMO_TOKEN) return { idPrefix: 1001n, accountId: '10000000000000000001' };
  return {
    idPrefix: 1100n + BigInt(index % 900),
    accountId: (10000000000000000100n + BigInt(index)).toString(),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closer(server: Server, abortPending: () => void): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve, reject) => {
      abortPending();
      server.close((error) => {
        if (error) reject(error);
        else resolve();
      });
      server.closeAllConnections();
    });
    return closing;
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const readOnlyTokens = options.readOnlyTokens ?? [];
  const configured = options.tokens && options.tokens.length > 0 ? options.tokens : [DEMO_TOKEN];
  const tokens = [...new Set([...configured, ...readOnlyTokens])];
  const state: EmulatorState = {
    rootUrl: '',
    seed: options.seed ?? 1,
    maxPhotoBytes: options.maxPhotoBytes ?? 10 * 1024 * 1024,
    users: new Map(),
    photos: new Map(),
    photoCounter: 0,
    readOnlyTokens: new Set(readOnlyTokens),
  };
  let delegatedUsers = 0;
  const requestLogLimit = options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT;
  const tokenEndpoint = new TokenEndpoint({
    ...(options.serviceAccounts ? { serviceAccounts: options.serviceAccounts } : {}),
    requestLogLimit,
    configuredUser: (subject) => state.users.get(subject),
    // Delegated users take the ids the next configured tokens would have had.
    createUser: (subject) => {
      const { idPrefix, accountId } = idsFor(subject, tokens.length + delegatedUsers++);
      return newDelegatedUser(subject, idPrefix, accountId);
    },
  });
  const { server, abortPending } = createEmulatorServer(state, tokenEndpoint, requestLogLimit);
  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  state.rootUrl = `http://${urlHost}:${port}/`;
  // Seeded after listen: photo URLs embed the root URL. No request can arrive in between.
  tokens.forEach((token, index) => {
    const { idPrefix, accountId } = idsFor(token, index);
    const user = newUser(token, idPrefix, accountId);
    if (token === DEMO_TOKEN) seedDemoUser(user, state);
    state.users.set(token, user);
  });
  return { url: state.rootUrl, port, close: closer(server, abortPending) };
}
