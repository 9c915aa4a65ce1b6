/**
 * `npm test`: the static checks (static-checks.ts) and vitest's two projects (vitest.config.ts), in two vitest
 * processes, all side by side.
 *  - `alone`: the files that hold the code to time limits of its own, one at a time, at the normal priority;
 *  - `shared`: every other file, two at a time, at a lower priority (nice 10, which the processes they start
 *    inherit: servers, Virtuoso, Chromium, Python, the shared builds).
 * Linux gives a runnable process of nice 0 about nine tenths of a core that a process of nice 10 also wants,
 * so the alone files meet the same machine as when they ran after the others, while the shared files use the
 * CPU the alone files leave: those spend much of their time waiting for a query's limit, with one core busy.
 * The static checks (the type checks and the import layers) run at the shared files' priority; a failed check
 * stops both test runs at once, printing what it said.
 *
 *   tsx test/preflight/run-tests.ts              the checks and both projects, side by side (npm test)
 *   tsx test/preflight/run-tests.ts ARGS...      the checks and one `vitest run ARGS...` (npm test -- ARGS)
 *
 * The shared files' output is printed as it comes; the alone files' and the passing checks', held back and
 * printed whole after it, so that they never interleave. The exit code is non-zero when a check or either run
 * failed, and the last line says which. The preflight (global-setup.ts) runs here first, once: with lib/ out of date, two runs starting at
 * once would each compile it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import preflight from './global-setup.js';
import { staticChecks } from './static-checks.js';

const ROOT = join(import.meta.dirname, '..', '..');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
/** The shared files' niceness: a lower priority than the alone files' (0). */
const SHARED_NICENESS = 10;

interface Outcome { name: string; code: number | null; signal: NodeJS.Signals | null }

const children = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => { for (const child of children) child.kill(signal); });
}

function vitest(name: string, args: string[], options: { niceness?: number; held?: string[] } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST, 'run', ...args], { cwd: ROOT, stdio: ['ignore', options.held ? 'pipe' : 'inherit', options.held ? 'pipe' : 'inherit'] });
    children.add(child);
    // Before vitest starts its workers (it loads its configuration first), so that they and theirs inherit it.
    if (options.niceness !== undefined && child.pid !== undefined) setPriority(child.pid, options.niceness);
    if (options.held) {
      const held = options.held;
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { held.push(chunk); });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { held.push(chunk); });
    }
    child.on('error', (error) => { children.delete(child); resolve({ name, code: 1, signal: null }); process.stderr.write(`asm-kg tests: could not start vitest (${name}): ${error.message}\n`); });
    child.on('close', (code, signal) => { children.delete(child); resolve({ name, code, signal }); });
  });
}

const args = process.argv.slice(2);
preflight();
const held: string[] = [];
const runs = Promise.all(args.length > 0
  ? [vitest('vitest', args)]
  : [vitest('shared', ['--project', 'shared'], { niceness: SHARED_NICENESS }), vitest('alone', ['--project', 'alone'], { held })]);
const checks = staticChecks(SHARED_NICENESS).then((outcome) => {
  if (outcome.ok) return outcome;
  // As before any test would have run: the checks' failures, and no test run left going.
  process.stderr.write(`\n${outcome.report}asm-kg tests: the tests were stopped.\n`);
  for (const child of children) child.kill('SIGTERM');
  return outcome;
});
const [outcomes, checked] = await Promise.all([runs, checks]);
if (!checked.ok) process.exit(1);
if (held.length > 0) process.stdout.write(`\n── the alone files (run beside the others, at the normal priority)\n${held.join('')}`);
process.stdout.write(`\n${checked.report}`);
const failed = outcomes.filter((outcome) => outcome.code !== 0);
if (failed.length > 0) {
  process.stderr.write(`asm-kg tests: ${failed.map((o) => `${o.name} (${o.signal ?? `exit ${o.code}`})`).join(', ')} failed (above).\n`);
  process.exit(1);
}
process.stdout.write(`asm-kg tests: the static checks and ${outcomes.map((o) => o.name).join(' and ')} passed.\n`);
