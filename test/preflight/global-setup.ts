/**
 * vitest's global setup: before any test file runs, every program outside npm that the suite needs must be
 * there (system-tools.ts) and lib/ must be the compiled form of src/ and client/ (compiled.ts). Otherwise the
 * run stops with one message saying what to install or run, rather than with a failure per test that says
 * nothing about either. `npm test` and `npx vitest run test/x.test.ts` both pass through here.
 */
import { join } from 'node:path';
import { notCompiledReason } from './compiled.js';
import { missingSystemTools, missingToolsMessage } from './system-tools.js';

export default function preflight(): void {
  const missing = missingSystemTools();
  if (missing.length > 0) stop(missingToolsMessage(missing));
  const notCompiled = notCompiledReason(join(import.meta.dirname, '..', '..'));
  if (notCompiled !== undefined) stop(`asm-kg tests: ${notCompiled}; no test was run.\n`);
}

/** vitest would print a thrown error with its stack and its own banner around it: the message alone says more. */
function stop(message: string): never {
  process.stderr.write(message);
  process.exit(1);
}
