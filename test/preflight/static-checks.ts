/**
 * The checks `npm test` makes beside the tests (test/preflight/run-tests.ts): the type check of src/, test/
 * and bench/ (tsconfig.test.json), that of the browser code (client/tsconfig.json), and the import layers
 * (npm run lint:layers), run side by side. None reads what another writes (both type checks are noEmit).
 *
 *   tsx test/preflight/static-checks.ts      the checks alone
 *
 * Each check's output is held back and given whole under its name, so that two checks' errors never
 * interleave; a failure makes the exit code non-zero (run-tests.ts stops the tests), and the last line
 * names the checks that failed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lowerPriority, type Checks } from './side-by-side.js';

const ROOT = join(import.meta.dirname, '..', '..');
const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

interface Check {
  name: string;
  command: string;
  args: string[];
}

const CHECKS: Check[] = [
  { name: 'type check (tsc -p tsconfig.test.json)', command: bin('tsc'), args: ['-p', 'tsconfig.test.json'] },
  { name: 'type check of client/ (tsc -p client/tsconfig.json)', command: bin('tsc'), args: ['-p', 'client/tsconfig.json'] },
  // The same command as `npm run lint:layers`, without a second npm process in between.
  { name: 'import layers (npm run lint:layers)', command: bin('depcruise'), args: ['src', 'client', '--config', '.dependency-cruiser.cjs'] },
];

interface Outcome {
  check: Check;
  ok: boolean;
  output: string;
}

function run(check: Check, lowerPriorityBy: number | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    lowerPriority(child.pid, lowerPriorityBy);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.on('error', (error) => resolve({ check, ok: false, output: `${output}could not start ${check.command}: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ check, ok: code === 0, output: code === 0 ? output : `${output}(${signal ?? `exit ${code}`})\n` }));
  });
}

/**
 * The checks, side by side: their report holds what each printed, under its name (a passing check that printed
 * nothing is left out), and the failures' line. `lowerPriorityBy` lowers their priority by that many steps of
 * niceness (run-tests.ts runs them beside the tests).
 */
export async function staticChecks(lowerPriorityBy?: number): Promise<Checks> {
  const outcomes = await Promise.all(CHECKS.map((check) => run(check, lowerPriorityBy)));
  let report = '';
  for (const { check, ok, output } of outcomes) {
    // A passing check says nothing unless it printed something (depcruise prints its summary).
    if (ok && output.trim() === '') continue;
    report += `── ${check.name}: ${ok ? 'passed' : 'FAILED'}\n${output.endsWith('\n') || output === '' ? output : `${output}\n`}`;
  }
  const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.check.name);
  if (failed.length > 0) report += `asm-kg tests: ${failed.join(', ')} failed (above).\n`;
  return { ok: failed.length === 0, report };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ok, report } = await staticChecks();
  (ok ? process.stdout : process.stderr).write(report);
  process.exit(ok ? 0 : 1);
}
