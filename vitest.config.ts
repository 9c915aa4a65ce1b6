import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: [
      // Stops the run in one message when a program the tests launch is missing; compiles lib/ when it is stale.
      'test/preflight/global-setup.ts',
      // The release and the site, built once per run on first demand (test/support/shared-builds.ts).
      'test/support/shared-builds-setup.ts',
    ],
    testTimeout: 30_000,
    // Tests that build write into temporary folders only; the committed dist/ is only read.
    pool: 'forks',
    // vitest's default: cores - 1 files at a time (one on two cores). Three at a time on two cores was tried:
    // the hostile, safety and differential files then met their own time limits (a query's 10 s limit, an
    // engine's 30 s) because of the other files, not of the code under test. `--maxWorkers N` overrides.
  },
});
