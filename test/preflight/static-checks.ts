/**
 * The checks `npm test` makes before vitest, run side by side rather than one after another: the type check
 * of src/, test/ and bench/ (tsconfig.test.json), that of the browser code (client/tsconfig.json), and the
 * import layers (npm run lint:layers). None reads what another writes (both type checks are noEmit), and each
 * spends much of its time waiting on the disk, so on two cores the three take about the time of the longest.
 *
 *   tsx test/preflight/static-checks.ts
 *
 * Each check's output is held back and printed whole under its name, so that two checks' errors never
 * interleave; the exit code is non-zero when any check failed, and the last line names the ones that did.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

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

function run(check: Check): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.on('error', (error) => resolve({ check, ok: false, output: `${output}could not start ${check.command}: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ check, ok: code === 0, output: code === 0 ? output : `${output}(${signal ?? `exit ${code}`})\n` }));
  });
}

const outcomes = await Promise.all(CHECKS.map(run));
for (const { check, ok, output } of outcomes) {
  // A passing check says nothing unless it printed something (depcruise prints its summary).
  if (ok && output.trim() === '') continue;
  process.stdout.write(`── ${check.name}: ${ok ? 'passed' : 'FAILED'}\n${output.endsWith('\n') || output === '' ? output : `${output}\n`}`);
}
const failed = outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.check.name);
if (failed.length > 0) {
  process.stderr.write(`asm-kg tests: ${failed.join(', ')} failed (above); no test was run.\n`);
  process.exit(1);
}
