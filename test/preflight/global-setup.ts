/**
 * vitest's global setup: before any test file runs, every program outside npm that the suite needs must be
 * there (system-tools.ts) and lib/ must be the compiled form of src/ and client/ (compiled.ts). A missing
 * program stops the run with one message saying what to install. A lib/ that is missing or older than src/
 * or client/ is compiled here (`npm run compile`: tsc, then client/build.mjs), so that `npx vitest run
 * test/x.test.ts` works on a fresh checkout and never tests whatever was compiled last; if it still is not
 * the compiled form afterwards (a compile error), the run stops with tsc's message. Once lib/ is compiled,
 * the child processes that the code under test starts run it (compiledChildren, below).
 *
 * vitest runs a global setup once per project (vitest.config.ts has two, and the root one): the checks are
 * made once per run, by the first of them.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { COMPILED_CHILDREN_VARIABLE } from '../../src/core/child-module.js';
import { notCompiledReason } from './compiled.js';
import { missingSystemTools, missingToolsMessage } from './system-tools.js';

const ROOT = join(import.meta.dirname, '..', '..');

const DONE = Symbol.for('asm-kg.preflight.done');

export default function preflight(): void {
  const run = globalThis as { [DONE]?: boolean };
  if (run[DONE] === true) return;
  run[DONE] = true;
  const missing = missingSystemTools();
  if (missing.length > 0) stop(missingToolsMessage(missing));
  const notCompiled = notCompiledReason(ROOT);
  if (notCompiled === undefined) return compiledChildren();
  process.stderr.write(`asm-kg tests: ${notCompiled.replace(/: run `.*`$/, '')}: compiling lib/ first (npm run compile)\n`);
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    execFileSync(process.execPath, [join(ROOT, 'client', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  } catch {
    stop('asm-kg tests: `npm run compile` failed (above); no test was run.\n');
  }
  const still = notCompiledReason(ROOT);
  if (still !== undefined) stop(`asm-kg tests: ${still}; no test was run.\n`);
  compiledChildren();
}

/**
 * lib/ is now the compiled form of src/: the child processes that the code under test starts (query
 * processes, the build's validation) run lib/ rather than src/ through tsx's loader, which costs each about
 * 0.8 s of CPU to start (src/core/child-module.ts). The test workers, started after this, inherit it.
 */
function compiledChildren(): void {
  process.env[COMPILED_CHILDREN_VARIABLE] = '1';
}

/** vitest would print a thrown error with its stack and its own banner around it: the message alone says more. */
function stop(message: string): never {
  process.stderr.write(message);
  process.exit(1);
}
