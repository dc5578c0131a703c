import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';

/**
 * The GraphQL over HTTP audits of the `graphql-http` package against the running gateway. Every
 * MUST passes; the SHOULD/MAY items that do not are listed in docs/graphql-over-http.md, with why.
 */
const KNOWN_DEVIATIONS = {
  // CSRF prevention: a GET needs a non-simple header (e.g. apollo-require-preflight).
  '5A70': 'notice',
  D6D5: 'notice',
  '6A70': 'notice',
  // Apollo Server answers 400 to parse, validation and variable errors under application/json.
  '572B': 'warn',
  FDE2: 'warn',
  '7B9B': 'warn',
};

let stack: Stack;

beforeAll(async () => {
  // The audits send no Authorization header: act as the demo user, as `npm start` does.
  stack = await startStack({ demoToken: 'demo' });
});
afterAll(async () => {
  await stack.close();
});

describe('GraphQL over HTTP', () => {
  it('passes every MUST audit of graphql-http; the rest deviate only as documented', async () => {
    const results: Record<string, string> = {};
    for (const audit of serverAudits({ url: stack.gateway.url })) {
      const result = await audit.fn();
      if (result.status !== 'ok') results[audit.id] = result.status;
    }
    expect(results).toEqual(KNOWN_DEVIATIONS);
  });
});
