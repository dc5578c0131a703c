import { defineConfig } from 'vitest/config';
import { graphqlAsNodeLoadsIt } from '../../vitest.config.js';

// Browser tests of the example (`npm run test:e2e`), kept out of `npm test`: they need Chromium.
export default defineConfig({
  // The gateway's sources and the packages Node loads share one graphql build, as in npm test.
  resolve: graphqlAsNodeLoadsIt,
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.e2e.ts'],
    // Skips the tests with one line when Chromium is missing (a failure under REQUIRE_SERVICES=1).
    globalSetup: ['test/chromium.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time on a 2-core machine; each file has its own stack.
    fileParallelism: false,
  },
});
