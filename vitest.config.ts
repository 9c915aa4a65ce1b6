import { availableParallelism } from 'node:os';
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
    // vitest's default is one file at a time on two cores (cores - 1). Many files spend most of their time
    // waiting on other processes (Chromium, Virtuoso, Apache, rapper, Python, query processes, the shared
    // builds), so three files at a time keep two cores busy; `--maxWorkers N` overrides.
    maxWorkers: Math.max(3, availableParallelism() - 1),
  },
});
