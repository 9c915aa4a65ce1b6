/**
 * `asm-kg query ARGS` run in-process: src/cli/query.ts's command with stdout not a terminal (as when a test
 * spawns lib/cli.js), and a failure turned into stderr and an exit code by the function src/cli/main.ts uses
 * (src/cli/exit-status.ts). It does what the child process does but printing and exiting; each command
 * started as a process pays a second or two of CPU to import Comunica and load the graph again, so the tests
 * of options and answers run here, and test/query-cli.test.ts keeps one real process per exit code and stream.
 */
import { resolve } from 'node:path';
import { queryCommand } from '../../src/cli/query.js';
import { failureReport } from '../../src/cli/exit-status.js';
import { ROOT } from './project.js';

export interface CommandRun { status: number; stdout: string; stderr: string }

/** `args` after `query`; relative paths in them are read from the project's folder, as the spawned tests' cwd is. */
export async function runQueryInProcess(args: string[], stdin?: string): Promise<CommandRun> {
  if (process.cwd() !== resolve(ROOT)) throw new Error(`runQueryInProcess reads relative paths from ${ROOT}, but the working directory is ${process.cwd()}`);
  try {
    const output = await queryCommand(args, { readStdin: async () => stdin ?? '', terminal: false });
    return { status: 0, ...output };
  } catch (error) {
    const failure = failureReport(error);
    return { status: failure.exitCode, stdout: '', stderr: failure.stderr };
  }
}
