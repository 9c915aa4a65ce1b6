import { defineConfig } from 'vitest/config';
import SharedBuildsSequencer from './test/support/shared-builds-sequencer.js';

/**
 * The files whose tests hold the code to a time limit of its own (a query's 10 s, an engine's 30 s, a pool's
 * supervisor, a server's fairness under load): with another file beside them on two cores they met those
 * limits because of the other file, not of the code under test. They run one at a time, after the rest.
 * (With two at a time, hostile/findings.test.ts failed on a busy machine: a cheap query waited behind
 * expensive ones.) The hostile files that assert statuses, headers and messages only, with no time limit
 * of their own, and the pool's planner and scheduler (a fake clock), run with the others.
 */
const ALONE = [
  'test/hostile/connections.test.ts',
  'test/hostile/corpus.test.ts',
  'test/hostile/fairness.test.ts',
  'test/hostile/findings.test.ts',
  'test/hostile/memory.test.ts',
  'test/hostile/render-worker.test.ts',
  'test/hostile/server-thread.test.ts',
  'test/differential/**/*.test.ts',
  'test/serve-safety.test.ts',
  'test/serve-pool.test.ts',
  'test/serve-pool-supervisor.test.ts',
  'test/serve-timing.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: [
      // Stops the run in one message when a program the tests launch is missing; compiles lib/ when it is stale.
      'test/preflight/global-setup.ts',
      // The release and the site, built once per run (test/support/shared-builds.ts).
      'test/support/shared-builds-setup.ts',
    ],
    // Starts the shared builds the run's files use as soon as they are known, and runs the files that wait
    // for one after those that do not (test/support/shared-builds-sequencer.ts).
    sequence: { sequencer: SharedBuildsSequencer },
    testTimeout: 30_000,
    // Tests that build write into temporary folders only; the committed dist/ is only read.
    pool: 'forks',
    projects: [
      // Two files at a time (vitest's default on two cores is one): most files wait on child processes,
      // servers and browsers as much as they compute. Test servers get a generous query time limit
      // (test/fixtures/serve/server.ts) so that the other file's load cannot make them miss it.
      // isolate: false: a worker keeps the modules it imported for its next file, rather than importing
      // Comunica, Oxigraph and the rest again for each (on 38 light files: 50 s of CPU instead of 118 s).
      // Safe because no test changes a module's state for good: the caches in src/ hold what the tests
      // only read, and the tests that set environment variables or fake timers put them back.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ALONE, maxWorkers: 2, isolate: false, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
