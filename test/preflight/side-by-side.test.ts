/**
 * `npm test`'s runner (side-by-side.ts), with real child processes (node -e scripts) standing in for the two
 * vitest runs and the checks: the priority each runs at, the order their output is written in, a failed
 * check stopping the runs, and the exit code with the line naming what failed.
 */
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lowered, runSideBySide, type Checks, type Command, type Output } from './side-by-side.js';

/** A command that runs `script` in node. */
const node = (name: string, script: string, extra: Partial<Command> = {}): Command => ({ name, file: process.execPath, args: ['-e', script], ...extra });

function capture(): Output & { text: () => string; errors: () => string } {
  const all: string[] = [];
  const errors: string[] = [];
  return {
    live: (text) => { all.push(text); },
    stdout: (text) => { all.push(text); },
    stderr: (text) => { all.push(text); errors.push(text); },
    text: () => all.join(''),
    errors: () => errors.join(''),
  };
}

const passing = (report = ''): (() => Promise<Checks>) => async () => ({ ok: true, report });
const PRIORITY = "process.stdout.write(require('os').getPriority() + '\\n')";

describe('running the tests side by side', () => {
  it('lowers a priority by the steps asked, never below the lowest (19)', () => {
    expect(lowered(0)).toBe(getPriority());
    expect(lowered(5)).toBe(Math.min(19, getPriority() + 5));
    expect(lowered(40)).toBe(19);
  });

  it('runs a command at the lower priority it asks for, and the processes it starts at the same', async () => {
    const out = capture();
    const code = await runSideBySide([
      node('shared', `${PRIORITY}; require('child_process').execFileSync(process.execPath, ['-e', "process.stdout.write('child ' + require('os').getPriority())"], { stdio: 'inherit' })`, { lowerPriorityBy: 10 }),
    ], passing(), out);
    expect(code).toBe(0);
    const niceness = Math.min(19, getPriority() + 10);
    expect(out.text()).toBe(`${niceness}\nchild ${niceness}\nasm-kg tests: the static checks and shared passed.\n`);
  });

  it('leaves a command that asks for none at this process\'s own priority', async () => {
    const out = capture();
    expect(await runSideBySide([node('alone', PRIORITY)], passing(), out)).toBe(0);
    expect(out.text().split('\n')[0]).toBe(String(getPriority()));
  });

  it('writes a held command\'s output whole, under its heading, after the others end, and then the checks\' report', async () => {
    const out = capture();
    const code = await runSideBySide([
      // The live one ends last: the held one's lines still come after all of its.
      node('shared', "process.stdout.write('s1\\n'); setTimeout(() => process.stdout.write('s2\\n'), 400)"),
      node('alone', "process.stdout.write('a1\\n'); process.stderr.write('a2\\n')", { heldUnder: 'the alone files' }),
    ], passing('── import layers: passed\n'), out);
    expect(code).toBe(0);
    expect(out.text()).toBe('s1\ns2\n\n── the alone files\na1\na2\n\n── import layers: passed\nasm-kg tests: the static checks and shared and alone passed.\n');
  });

  it('stops every command at once when the checks fail, with their report, and exits 1', async () => {
    const out = capture();
    const started = performance.now();
    const code = await runSideBySide([
      node('shared', 'setTimeout(() => {}, 60_000)'),
      node('alone', 'setTimeout(() => {}, 60_000)', { heldUnder: 'the alone files' }),
    ], async () => ({ ok: false, report: 'test/x.ts(1,14): error TS2322\nasm-kg tests: type check failed (above).\n' }), out);
    expect(code).toBe(1);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(out.errors()).toBe('\ntest/x.ts(1,14): error TS2322\nasm-kg tests: type check failed (above).\nasm-kg tests: the tests were stopped.\n');
  });

  it('stops the processes a command started, not only the command', async () => {
    const out = capture();
    // The command starts a grandchild that would run for a minute, says its pid, and waits.
    const code = await runSideBySide([
      node('shared', "const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' }); process.stdout.write(c.pid + '\\n'); setTimeout(() => {}, 60_000)"),
    ], async () => { await new Promise((resolve) => setTimeout(resolve, 500)); return { ok: false, report: 'failed\n' }; }, out);
    expect(code).toBe(1);
    const grandchild = Number(out.text().split('\n')[0]);
    expect(grandchild).toBeGreaterThan(0);
    // Gone once the group has had its SIGTERM (kill(pid, 0) throws ESRCH for a process that has ended).
    const deadline = performance.now() + 10_000;
    let alive = true;
    while (alive && performance.now() < deadline) {
      try { process.kill(grandchild, 0); await new Promise((resolve) => setTimeout(resolve, 50)); } catch { alive = false; }
    }
    expect(alive, `process ${grandchild} still runs`).toBe(false);
  });

  it('exits 1 naming each command that failed, and how', async () => {
    const out = capture();
    const code = await runSideBySide([
      node('shared', 'process.exit(0)'),
      node('alone', 'process.exit(3)', { heldUnder: 'the alone files' }),
    ], passing(), out);
    expect(code).toBe(1);
    expect(out.errors()).toBe('asm-kg tests: alone (exit 3) failed (above).\n');
  });
});
