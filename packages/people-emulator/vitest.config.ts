import { defineConfig } from 'vitest/config';

/** The emulator's own tests: real HTTP to an emulator on loopback, no gateway. */
export default defineConfig({
  test: {
    name: 'emulator',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
