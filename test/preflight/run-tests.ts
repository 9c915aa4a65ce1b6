/**
 * `npm test`: the static checks (static-checks.ts) and vitest's two projects (vitest.config.ts), in two vitest
 * processes, all side by side.
 *  - `alone`: the files that hold the code to time limits of its own, one at a time, at the normal priority;
 *  - `shared`: every other file, two at a time, ten steps of nice lower in priority, which the processes they
 *    start inherit: servers, Virtuoso, Chromium, Python, the shared builds.
 * Linux gives a runnable process about nine tenths of a core that a process ten steps lower also wants,
 * so the alone files meet the same machine as when they ran after the others, while the shared files use the
 * CPU the alone files leave: those spend much of their time waiting for a query's limit, with one core busy.
 * The static checks (the type checks and the import layers) run at the shared files' priority; a failed check
 * stops both test runs at once, printing what it said.
 *
 *   tsx test/preflight/run-tests.ts              the checks and both projects, side by side (npm test)
 *   tsx test/preflight/run-tests.ts ARGS...      the checks and one `vitest run ARGS...` (npm test -- ARGS)
 *
 * The shared files' output is printed as it comes; the alone files' and the passing checks', held back and
 * printed whole after it, so that they never interleave (side-by-side.ts). The exit code is non-zero when a
 * check or either run failed, and the last line says which. The preflight (global-setup.ts) runs here first,
 * once: with lib/ out of date, two runs starting at once would each compile it.
 */
import { join } from 'node:path';
import preflight from './global-setup.js';
import { runSideBySide, type Command } from './side-by-side.js';
import { staticChecks } from './static-checks.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** How much lower the shared files' priority is than the alone files' (steps of niceness). */
const SHARED_LOWER_BY = 10;

const vitest = (name: string, args: string[], extra: Partial<Command> = {}): Command =>
  ({ name, file: process.execPath, args: [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args], cwd: ROOT, ...extra });

const args = process.argv.slice(2);
preflight();
const commands = args.length > 0
  ? [vitest('vitest', args)]
  : [
    vitest('shared', ['--project', 'shared'], { lowerPriorityBy: SHARED_LOWER_BY }),
    vitest('alone', ['--project', 'alone'], { heldUnder: 'the alone files (run beside the others, at the normal priority)' }),
  ];
process.exit(await runSideBySide(commands, () => staticChecks(SHARED_LOWER_BY)));
