/**
 * The emulator's HTTP server on Node's own `http` module: it hands each request to the token
 * endpoint, the admin routes or the People API, one module each.
 */
import { createServer, type Server } from 'node:http';
import { Faults } from '../faults.js';
import { TOKEN_PATH, type TokenEndpoint } from '../oauth/tokenEndpoint.js';
import type { EmulatorState } from '../store/state.js';
import { handleAdmin } from './admin.js';
import { bodyLimitFor } from './body.js';
import { Latency } from './latency.js';
import { handlePeople } from './people.js';
import { BoundedLog, type RequestLogEntry } from './requestLog.js';
import { handleToken } from './token.js';

export interface EmulatorServer {
  server: Server;
  /** Resolves pending latency waits so close() is prompt. */
  abortPending: () => void;
}

export function createEmulatorServer(
  state: EmulatorState,
  tokenEndpoint: TokenEndpoint,
  requestLogLimit: number,
): EmulatorServer {
  const log = new BoundedLog<RequestLogEntry>(requestLogLimit);
  const faults = new Faults(state.seed);
  const latency = new Latency();
  const bodyLimit = bodyLimitFor(state.maxPhotoBytes);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (url.pathname === TOKEN_PATH) {
      // The OAuth token endpoint (oauth2.googleapis.com in Google): not a People API route.
      handleToken(tokenEndpoint, state.rootUrl, req, res);
    } else if (url.pathname.startsWith('/__emulator/')) {
      handleAdmin({ state, tokenEndpoint, faults, log }, req, res, url);
    } else {
      void handlePeople({ state, tokenEndpoint, faults, log, latency, bodyLimit }, req, res, url);
    }
  });
  return {
    server,
    abortPending: () => {
      latency.abortAll();
    },
  };
}
