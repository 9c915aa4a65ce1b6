/**
 * Turtle parsing with errors that point at the file, line and column.
 */
import { readFileSync } from 'node:fs';
import { DataFactory, Parser, type Quad } from 'n3';
import { SyntaxInputError } from './errors.js';

interface N3ErrorContext {
  line?: number;
  token?: { start?: number } | null;
  previousToken?: { line?: number; end?: number } | null;
}

/** Parses one Turtle file; `graph` is the named graph its triples go into. */
export function parseTurtleFile(path: string, absolutePath: string, graph: string): Quad[] {
  const text = readFileSync(absolutePath, 'utf8');
  return parseTurtle(text, path, graph);
}

export function parseTurtle(text: string, path: string, graph?: string): Quad[] {
  const parser = new Parser({ format: 'text/turtle' });
  try {
    const quads = parser.parse(text);
    if (!graph) return quads;
    const graphNode = DataFactory.namedNode(graph);
    return quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, graphNode));
  } catch (error) {
    throw toSyntaxError(error as Error & { context?: N3ErrorContext }, text, path);
  }
}

function toSyntaxError(error: Error & { context?: N3ErrorContext }, text: string, path: string): SyntaxInputError {
  const context = error.context ?? {};
  const line = context.line ?? 1;
  let reason = error.message.replace(/ on line \d+\.$/, '');
  let column = 1;
  if (context.token && typeof context.token.start === 'number') {
    column = context.token.start + 1;
  } else {
    // Lexer errors carry no token: find the offending text on its line.
    const offending = /^Unexpected "(.*)"$/s.exec(reason)?.[1];
    const lineText = text.split(/\r?\n/)[line - 1] ?? '';
    const from = context.previousToken?.line === line ? context.previousToken.end ?? 0 : 0;
    const at = offending ? lineText.indexOf(offending.split('\n')[0]!, from) : -1;
    if (at >= 0) column = at + 1;
    if (offending !== undefined) {
      const hint = /^["']/.test(offending) ? ' (an unterminated string or a bad escape?)' : '';
      reason = `syntax error at '${offending.split('\n')[0]}'${hint}`;
    }
  }
  return new SyntaxInputError(path, line, column, reason);
}
