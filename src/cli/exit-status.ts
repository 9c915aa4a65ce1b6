/**
 * What the command line prints and which exit code it sets when a command fails: 2 for a usage error (a bad
 * option, a missing file named on the command line), 1 for everything else. One function, so that
 * src/cli/main.ts and the tests that run a command in-process agree on both.
 */
import { PublishError, QueryError, QueryTimeoutError, SyntaxInputError, UsageError, ValidationFailedError } from '../core/errors.js';

export interface FailureReport {
  stderr: string;
  exitCode: number;
  /** A stopped query may still hold work on the event loop: the process leaves at once rather than waiting. */
  exitNow: boolean;
}

export function failureReport(error: unknown): FailureReport {
  if (error instanceof SyntaxInputError || error instanceof ValidationFailedError || error instanceof UsageError || error instanceof PublishError) {
    return { stderr: `asm-kg: ${error.message}\n`, exitCode: error instanceof UsageError ? 2 : 1, exitNow: false };
  }
  if (error instanceof QueryError) return { stderr: `asm-kg: ${error.message}\n`, exitCode: 1, exitNow: error instanceof QueryTimeoutError };
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return { stderr: `asm-kg: ${error.message} (try --help)\n`, exitCode: 2, exitNow: false };
  }
  return { stderr: `asm-kg: ${error instanceof Error ? error.stack : String(error)}\n`, exitCode: 1, exitNow: false };
}
