/**
 * Turtle parsing with errors that point at the file, line and column.
 */
import { readFileSync } from 'node:fs';
import { DataFactory, Parser, type Literal, type NamedNode, type Quad } from 'n3';
import { SyntaxInputError } from '../core/errors.js';

interface N3ErrorContext {
  line?: number;
  token?: { start?: number } | null;
  previousToken?: { line?: number; end?: number } | null;
}

/** Parses one Turtle file; `graph` is the named graph its triples go into. */
export function parseTurtleFile(path: string, absolutePath: string, graph: string, terms: TermFactory = DataFactory): Quad[] {
  return parseTurtle(decodeUtf8(readFileSync(absolutePath), path), path, graph, terms);
}

/** The term factory a parse builds its terms with: N3's DataFactory, or an interning one (below). */
export type TermFactory = typeof DataFactory;

/**
 * A factory that gives one object per distinct IRI and literal, however often it occurs: the parser makes
 * a new term (and a new string) for every occurrence, so a million-triple graph held some 4 million term
 * objects, about 800 MB of heap for the parsed quads alone; most of them repeat a few hundred thousand
 * distinct terms. Terms are immutable, so sharing them changes nothing but memory and garbage collection.
 * One factory serves all the files of a load, so that terms shared between files are shared too.
 */
export function interningFactory(): TermFactory {
  const iris = new Map<string, NamedNode>();
  const literals = new Map<string, Literal>();
  const namedNode = <Iri extends string = string>(iri: Iri): NamedNode<Iri> => {
    let term = iris.get(iri);
    if (term === undefined) { term = DataFactory.namedNode(iri); iris.set(iri, term); }
    return term as NamedNode<Iri>;
  };
  // A literal is made first and then looked up by its id, N3's own unique spelling of it ("v"@en,
  // "v"^^<dt>, with a base direction if any): the made one is young garbage when it repeats.
  const literal: TermFactory['literal'] = (value, languageOrDatatype) => {
    const made = DataFactory.literal(value, languageOrDatatype);
    const known = literals.get(made.id);
    if (known !== undefined) return known;
    literals.set(made.id, made);
    return made;
  };
  return { ...DataFactory, namedNode, literal } as TermFactory;
}

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a UTF-8 file. Turtle is UTF-8 (RDF 1.1 Turtle §6.5); a byte sequence that is not UTF-8 is
 * an error naming file:line:column, not a silent U+FFFD in the graph. A byte order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return FATAL_UTF8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const line = countByte(bytes, 0x0a, offset) + 1;
    // Columns count characters, as an editor shows them; the bytes before `offset` are valid UTF-8.
    const column = [...FATAL_UTF8.decode(bytes.subarray(lineStart, offset))].length + 1;
    const byte = `0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')}`;
    throw new SyntaxInputError(path, line, column, `invalid UTF-8: byte ${byte} does not begin a valid sequence; save the file as UTF-8`);
  }
}

function countByte(bytes: Uint8Array, byte: number, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === byte) count++;
  return count;
}

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode 15, table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or bytes.length when all are well formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) { length = 3; if (b === 0xe0) low = 0xa0; if (b === 0xed) high = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { length = 4; if (b === 0xf0) low = 0x90; if (b === 0xf4) high = 0x8f; }
    else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if (bytes[i + k]! < 0x80 || bytes[i + k]! > 0xbf) return i;
    i += length;
  }
  return bytes.length;
}

export function parseTurtle(text: string, path: string, graph?: string, terms: TermFactory = DataFactory): Quad[] {
  const parser = new Parser({ format: 'text/turtle', factory: terms });
  try {
    const quads = parser.parse(text);
    if (!graph) return quads;
    const graphNode = terms.namedNode(graph);
    return quads.map((q) => terms.quad(q.subject, q.predicate, q.object, graphNode));
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
