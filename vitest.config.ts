import { defineConfig } from 'vitest/config';
import SharedBuildsSequencer from './test/support/shared-builds-sequencer.js';

/**
 * The files whose tests hold the code to a time limit of its own, which a loaded machine can make it miss
 * before the code under test acts: with another file beside them on two cores they met those limits because
 * of the other file, not of the code under test. They run one at a time: `npm test` (test/preflight/run-tests.ts)
 * runs this project in a vitest process of its own beside the shared files' process, whose files and the
 * processes they start have a lower priority (ten steps of nice); `npx vitest run` runs it after the others.
 * - hostile/corpus, hostile/findings: a 5 s query limit that a query running out of memory must not reach
 *   first, 250 KB queries answered within it, and `ASK {}` within a second. On a machine at a load of 15
 *   both failed (queries out of memory timed out instead; a cheap query waited behind expensive ones).
 * - serve-safety: a slow query stopped at its 5 s limit while another is answered before it, and a cached
 *   refusal within 500 ms; at a load of 15 a CONSTRUCT met the limit before the row limit.
 * - serve-pool: stand-in processes on a 50 ms slice (a query of 20 ms must stay in the fast lane), a 300 ms
 *   start ahead of a 4 s deadline, and queries of 300 ms that must end within the grace.
 * And one file for its process rather than its time: serve-heap measures its own process's heap (the size V8
 * has committed), which in a shared worker holds what the files before it left, the test process's shared
 * server among them; V8 gave back earlier pages while the test grew its own, and the growth it asserts was
 * not seen. Here each file gets a process of its own.
 * The other hostile and pool files assert statuses, counts, bytes and messages with no such limit (their waits
 * are the tests' own, of a minute or more), and run with the others: each passed beside two busy loops on a
 * machine already at a load of 13 to 15 (fairness, render-worker, memory, connections, serve-pool-supervisor). So do the differential files (the catalogue, Oxigraph's runner, the
 * dumps, load --into, the engine check): their only wait is Virtuoso's start, of a minute, as in serve-backend
 * and counting. None of the catalogue's rdflib limits is one a loaded machine can make it miss: its one
 * departure that is a time-out (asks-by-group, 5 s) holds whatever the load, and the others' 300 s is a hang
 * guard far above the slowest query (14 s idle, 61 s beside two busy loops at a load of 7); it passed twice
 * beside two busy loops at a load of 8.
 */
const ALONE = [
  'test/hostile/corpus.test.ts',
  'test/hostile/findings.test.ts',
  'test/serve-safety.test.ts',
  'test/serve-pool.test.ts',
  'test/serve-heap.test.ts',
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
