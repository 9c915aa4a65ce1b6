/**
 * Runs commands side by side with checks, for `npm test` (run-tests.ts). Each command runs in a child process
 * that leads a process group of its own, at a lower priority than this process's if it asks for one (a
 * niceness that many steps higher, at most 19, which the processes it starts inherit). A command's output is
 * either passed through as it comes or held back and written whole once every command has ended, so that two
 * commands' output never interleaves. When the checks fail, their report is written at once and every
 * command's whole process group is stopped (SIGTERM, then SIGKILL for what is left once the command has
 * ended): vitest's workers, and the servers and browsers they started, outlive a vitest that is only sent a
 * signal. The exit code: 0 when the checks and every command passed,
 * else 1, with a last line naming what failed.
 */
import { spawn } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';

export interface Command {
  name: string;
  file: string;
  args: string[];
  cwd?: string;
  /**
   * How many steps of niceness to run the command (and so every process it starts) below this process's
   * priority; at its priority when left out. Relative, so that the gap holds in a process already niced, and
   * only ever lowers a priority, which needs no privilege.
   */
  lowerPriorityBy?: number;
  /** Hold its output back, and write it under this heading once every command has ended. */
  heldUnder?: string;
}

export interface Checks { ok: boolean; report: string }

export interface Output {
  /** Where a command that is not held writes: this process's own stdout and stderr, or a function. */
  live: 'inherit' | ((text: string) => void);
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface Ended { name: string; code: number | null; signal: NodeJS.Signals | null }

const processOutput: Output = {
  live: 'inherit',
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
};

/** This process's niceness `steps` higher, at most 19 (the lowest priority). */
export function lowered(steps: number): number {
  return Math.min(19, getPriority() + steps);
}

/**
 * Runs the process `pid` `steps` below this process's priority, when asked to; at once after spawning it,
 * before it starts processes of its own, so that they inherit it.
 */
export function lowerPriority(pid: number | undefined, steps: number | undefined): void {
  if (pid !== undefined && steps !== undefined) setPriority(pid, lowered(steps));
}

export async function runSideBySide(commands: Command[], checks: () => Promise<Checks>, output: Output = processOutput): Promise<number> {
  const groups = new Set<number>();
  const signalGroups = (signal: NodeJS.Signals) => {
    for (const group of groups) {
      try { process.kill(-group, signal); } catch { /* the group has ended */ }
    }
  };
  let stopped = false;
  const stop = (signal: NodeJS.Signals) => { stopped = true; signalGroups(signal); };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  const held = new Map<Command, string[]>();

  const start = (command: Command): Promise<Ended> => new Promise((resolve) => {
    const piped = command.heldUnder !== undefined || output.live !== 'inherit';
    // detached: a process group of its own (it keeps the terminal for its output), so that stop() reaches every process under it.
    const child = spawn(command.file, command.args, { cwd: command.cwd, detached: true, stdio: ['ignore', piped ? 'pipe' : 'inherit', piped ? 'pipe' : 'inherit'] });
    if (child.pid !== undefined) groups.add(child.pid);
    // vitest loads its configuration before it starts any process, so its workers inherit the priority.
    lowerPriority(child.pid, command.lowerPriorityBy);
    if (piped) {
      const chunks: string[] = [];
      if (command.heldUnder !== undefined) held.set(command, chunks);
      const take = (chunk: string) => {
        if (command.heldUnder !== undefined) chunks.push(chunk);
        else if (output.live !== 'inherit') output.live(chunk);
      };
      child.stdout!.setEncoding('utf8').on('data', take);
      child.stderr!.setEncoding('utf8').on('data', take);
    }
    child.on('error', (error) => {
      output.stderr(`asm-kg tests: could not start ${command.name} (${command.file}): ${error.message}\n`);
    });
    child.on('close', (code, signal) => { resolve({ name: command.name, code, signal }); });
  });

  try {
    const runs = Promise.all(commands.map(start));
    const checked = checks().then((outcome) => {
      // As before any test would have run: the checks' failures, and no command left running.
      if (!outcome.ok) {
        output.stderr(`\n${outcome.report}asm-kg tests: the tests were stopped.\n`);
        stop('SIGTERM');
      }
      return outcome;
    });
    const [ended, checkOutcome] = await Promise.all([runs, checked]);
    // Once stopped, whatever a command's group still holds after the command itself ended (a process that
    // ignored or had not yet handled the SIGTERM) is killed.
    if (stopped) signalGroups('SIGKILL');
    if (!checkOutcome.ok) return 1;
    for (const [command, chunks] of held) output.stdout(`\n── ${command.heldUnder}\n${chunks.join('')}`);
    output.stdout(`\n${checkOutcome.report}`);
    const failed = ended.filter((run) => run.code !== 0);
    if (failed.length > 0) {
      output.stderr(`asm-kg tests: ${failed.map((run) => `${run.name} (${run.signal ?? `exit ${run.code}`})`).join(', ')} failed (above).\n`);
      return 1;
    }
    output.stdout(`asm-kg tests: the static checks and ${ended.map((run) => run.name).join(' and ')} passed.\n`);
    return 0;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}
