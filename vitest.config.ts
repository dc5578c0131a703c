import { defineConfig } from 'vitest/config';

/** Tests of pure modules: no server, no child process, no network (`npm run test:unit`). */
const UNIT = [
  'test/mappers/**/*.test.ts',
  'test/auth/subject.test.ts',
  'test/auth/serviceAccount.test.ts',
  'test/people/fields.test.ts',
  'test/people/googleError.test.ts',
  'test/people/batchRunner.test.ts',
  'test/people/queue.test.ts',
  'test/people/rateBudget.test.ts',
  'test/people/retry.test.ts',
  'test/people/searchWarmth.test.ts',
  'test/people/groups.test.ts',
  'test/people/sameValues.test.ts',
  'test/people/inputSubfields.test.ts',
  'test/config.test.ts',
  'test/documentLimits.test.ts',
  'test/http/execution.test.ts',
  'test/writeBatch.test.ts',
];

/**
 * Node loads graphql's CommonJS build for every package (it has no "exports" map); Vite would
 * give our sources the ESM build, and two GraphQLError classes (and schemas from two realms)
 * would break instanceof. Also used by the example's browser tests, which run the gateway too.
 */
export const graphqlAsNodeLoadsIt = {
  alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
};

export default defineConfig({
  resolve: graphqlAsNodeLoadsIt,
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          // The log check of every gateway the tests start; the programs some tests need.
          globalSetup: ['test/support/globalSetup.ts', 'test/support/services.ts'],
        },
      },
      // The emulator package's own tests, with its own config (`npm test -w people-emulator`).
      'packages/people-emulator',
    ],
  },
});
