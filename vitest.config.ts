import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Stops the run in one message when a program the tests launch is missing or lib/ is not compiled.
    globalSetup: ['test/preflight/global-setup.ts'],
    testTimeout: 30_000,
    // Tests that build write into temporary folders only; the committed dist/ is only read.
    pool: 'forks',
  },
});
