/**
 * Typed errors. The library throws these; only the command line turns them into messages and exit codes.
 */

/** Bad RDF syntax in one of our source files, located to the line and column. */
export class SyntaxInputError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'SyntaxInputError';
  }
}

export interface Violation {
  severity: 'Violation' | 'Warning' | 'Info';
  focusNode: string;
  path: string | undefined;
  constraint: string;
  shape: string;
  message: string;
  value: string | undefined;
}

/** The graph does not conform to the SHACL shapes. */
export class ValidationFailedError extends Error {
  constructor(readonly violations: Violation[]) {
    super(`SHACL validation failed with ${violations.length} violation${violations.length === 1 ? '' : 's'}:\n${violations.map(formatViolation).join('\n')}`);
    this.name = 'ValidationFailedError';
  }
}

/** One line per result: the resource, the path, the rule, and what is wrong. */
export function formatViolation(v: Violation): string {
  const path = v.path ? ` ${v.path}` : '';
  const value = v.value ? ` (value: ${v.value})` : '';
  return `  ${v.severity}: <${v.focusNode}>${path} [${v.constraint}] ${v.message}${value}`;
}

/** A command-line parameter with a bad value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
