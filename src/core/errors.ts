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

/** The release could not be written or swapped in: `path` is where, `reason` why (one line). */
export class PublishError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'PublishError';
  }
}

/** A command-line parameter with a bad value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A query that cannot be run or was stopped. The command line reports these with exit code 1. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Bad SPARQL, located to the line and column when the parser says where (`query` is a name or a file). */
export class QuerySyntaxError extends QueryError {
  constructor(readonly query: string, readonly line: number | undefined, readonly column: number | undefined, readonly reason: string) {
    super(line === undefined ? `${query}: ${reason}` : `${query}:${line}:${column ?? 1}: ${reason}`);
    this.name = 'QuerySyntaxError';
  }
}

/** A query that ran longer than its time limit; its result stream has been destroyed. */
export class QueryTimeoutError extends QueryError {
  constructor(readonly query: string, readonly timeoutMs: number) {
    super(`${query}: timed out after ${timeoutMs} ms; the query was stopped`);
    this.name = 'QueryTimeoutError';
  }
}

/** The sources of a query were still loading when its time limit ran out; the query was not run. */
export class SourceTimeoutError extends QueryTimeoutError {
  constructor(readonly source: string, timeoutMs: number) {
    super(source, timeoutMs);
    this.message = `${source}: still loading when the time limit of ${timeoutMs} ms ran out (--timeout covers loading the sources); the query was not run`;
    this.name = 'SourceTimeoutError';
  }
}

/** An extra data source that cannot be read: missing file, unsupported format, failed download. */
export class QuerySourceError extends QueryError {
  constructor(readonly source: string, readonly reason: string) {
    super(`${source}: ${reason}`);
    this.name = 'QuerySourceError';
  }
}

/** A name that is not in the query catalogue (queries/*.rq); the message lists the catalogue. */
export class UnknownQueryError extends UsageError {
  constructor(readonly queryName: string, readonly catalogue: string[]) {
    super(`no query "${queryName}" in the catalogue; the catalogue has: ${catalogue.length === 0 ? '(none)' : catalogue.join(', ')}`);
    this.name = 'UnknownQueryError';
  }
}

/** A query parameter that does not fit the query: no such variable, or a value that is not an RDF term. */
export class QueryParameterError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'QueryParameterError';
  }
}
