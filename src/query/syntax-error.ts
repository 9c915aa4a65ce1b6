/**
 * Turns the SPARQL parser's errors into QuerySyntaxErrors that say where (line and column in the query
 * text) and what was expected. Comunica's parser (Traqula, built on Chevrotain) reports positions only
 * inside its message text, in three shapes:
 *   "Parse error on line 4\n<the line>\n-----^\nExpecting --> } <-- but found --> '?u' <--"
 *   "Parse error\nExpecting …"                      (the query ended too early)
 *   "unexpected character: ->\"<- at offset: 38, skipped 0 characters."   (the lexer)
 */
import { QuerySyntaxError } from '../core/errors.js';

/** Whether an error was thrown while parsing the query text (rather than while evaluating it). */
export function isParseError(error: unknown): error is Error {
  return error instanceof Error && /[\\/]@traqula[\\/]|actor-query-parse-sparql/.test(error.stack ?? '');
}

export function toQuerySyntaxError(error: Error, sparql: string, queryName: string): QuerySyntaxError {
  const message = error.message;
  const positioned = /^Parse error on line (\d+)\n.*\n(-*)\^\n([\s\S]*)$/.exec(message);
  if (positioned) return new QuerySyntaxError(queryName, Number(positioned[1]), positioned[2]!.length + 1, expectation(positioned[3]!));
  const atEnd = /^Parse error\n([\s\S]*)$/.exec(message);
  if (atEnd) {
    const end = endOf(sparql);
    return new QuerySyntaxError(queryName, end.line, end.column, expectation(atEnd[1]!));
  }
  const lexer = /^unexpected character: ->([\s\S])<- at offset: (\d+)/.exec(message);
  if (lexer) {
    const at = positionOf(sparql, Number(lexer[2]));
    const character = lexer[1]!;
    const shown = character === "'" ? `"'"` : `'${character}'`;
    const hint = character === '"' || character === "'" ? ' (an unterminated string?)' : '';
    return new QuerySyntaxError(queryName, at.line, at.column, `unexpected character ${shown}${hint}`);
  }
  const prefix = /^Unknown prefix: (\S*)$/.exec(message);
  if (prefix) {
    const offset = findPrefixedName(sparql, prefix[1]!);
    const at = offset < 0 ? undefined : positionOf(sparql, offset);
    return new QuerySyntaxError(queryName, at?.line, at?.column, `unknown prefix "${prefix[1]}:" (declare it with PREFIX ${prefix[1]}: <…>)`);
  }
  // The parser's checks after the grammar (projection, scoping) name no position.
  return new QuerySyntaxError(queryName, undefined, undefined, message.charAt(0).toLowerCase() + message.slice(1));
}

/** Chevrotain's "Expecting …" text as "expected X but found Y". */
function expectation(text: string): string {
  const found = /but found:? --> '([\s\S]*)' <--|but found: '([\s\S]*)'\s*$/.exec(text);
  const foundToken = found ? (found[1] ?? found[2] ?? '') : undefined;
  const what = foundToken === undefined ? '' : ` but found ${foundToken === '' ? 'the end of the query' : `'${foundToken}'`}`;
  const single = /^Expecting (?:token of type )?--> ([\s\S]*?) <--/.exec(text);
  if (single) return `expected ${/^\w+$/.test(single[1]!) && single[1] !== single[1]!.toLowerCase() ? single[1] : `'${single[1]}'`}${what}`;
  const options = [...text.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
  if (options.length > 0) {
    const unique = [...new Set(options)];
    const shown = unique.slice(0, 8).join(', ');
    return `expected one of ${shown}${unique.length > 8 ? `, … (${unique.length - 8} more)` : ''}${what}`;
  }
  return text.trim();
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Just after the last character of the query that is not white space. */
function endOf(text: string): { line: number; column: number } {
  return positionOf(text, text.trimEnd().length);
}

/** Offset of the first use of `prefix:` outside comments, IRIs and strings; -1 if none. */
function findPrefixedName(text: string, prefix: string): number {
  const token = /#[^\n]*|<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|(?<![\w.-])([A-Za-z][\w.-]*)?:/g;
  for (const match of text.matchAll(token)) {
    if (match[0].endsWith(':') && (match[1] ?? '') === prefix) return match.index;
  }
  return -1;
}
