import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      peopleApiUrl: undefined,
      authMode: 'bearer',
      maxPhotoBytes: 5 * 1024 * 1024,
      retries: 3,
      retryBudgetMs: 10_000,
      queueMaxWaiting: 64,
      queueMaxWaitMs: 30_000,
      rateLimitPerMinute: 0,
      compileAfter: 2,
      writeBatchUs: 2_000,
      limits: { people: 1000, peoplePerOperation: 2000, callsPerOperation: 25 },
    });
  });

  it('reads the operation budget from MAX_PEOPLE_PER_OPERATION and MAX_UPSTREAM_CALLS_PER_OPERATION', () => {
    expect(
      loadConfig({ MAX_PEOPLE_PER_OPERATION: '500', MAX_UPSTREAM_CALLS_PER_OPERATION: '3' }).limits,
    ).toMatchObject({ peoplePerOperation: 500, callsPerOperation: 3 });
  });

  it('admits the largest photo in the default body limit', () => {
    const config = loadConfig({ MAX_PHOTO_BYTES: '3000000' });
    expect(config.maxBodyBytes).toBeGreaterThan((3_000_000 * 4) / 3);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535, not "eighty".'],
    [
      { PEOPLE_API_URL: 'people.googleapis.com' },
      'PEOPLE_API_URL must be an absolute URL, not "people.googleapis.com".',
    ],
    [
      { PEOPLE_API_URL: 'https://proxy.example/people/' },
      'PEOPLE_API_URL must be an origin such as https://people.googleapis.com/, with no path, query or fragment, not "https://proxy.example/people/".',
    ],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' },
      'HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS.',
    ],
    [
      { SUBGRAPH_SDL_SECRET: 'short' },
      'SUBGRAPH_SDL_SECRET must be 16 to 256 printable ASCII characters without spaces.',
    ],
    [{ SUBGRAPH_SDL_PUBLIC: 'yes' }, 'SUBGRAPH_SDL_PUBLIC must be "true" or "false", not "yes".'],
    [{ AUTH_MODE: 'oauth' }, 'AUTH_MODE must be "bearer" or "service-account", not "oauth".'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud".',
    ],
    [
      { MAX_PEOPLE_PER_OPERATION: '0' },
      'MAX_PEOPLE_PER_OPERATION must be an integer from 1 to 100000, not "0".',
    ],
    [
      { MAX_UPSTREAM_CALLS_PER_OPERATION: '2.5' },
      'MAX_UPSTREAM_CALLS_PER_OPERATION must be an integer from 1 to 1000, not "2.5".',
    ],
    [
      { GRAPHQL_COMPILE_AFTER: '-1' },
      'GRAPHQL_COMPILE_AFTER must be an integer from 0 to 1000, not "-1".',
    ],
    [
      { WRITE_BATCH_US: '20000' },
      'WRITE_BATCH_US must be an integer from 0 to 10000, not "20000".',
    ],
    [
      { NODE_ENV: 'production' },
      expect.stringContaining('PEOPLE_API_URL must be set in production') as unknown,
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ message }) as Error);
  });

  it('normalises PEOPLE_API_URL to end with a slash', () => {
    expect(loadConfig({ PEOPLE_API_URL: 'https://people.googleapis.com' }).peopleApiUrl).toBe(
      'https://people.googleapis.com/',
    );
  });
});
