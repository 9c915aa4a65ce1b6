/**
 * Turtle and N-Triples text with N3.js's writer, from triples already in the stable order.
 *
 * Prefixed names are written for the parsers out there, not only for the Turtle 1.1 grammar: a name is
 * abbreviated only when its local part is a letter or "_" followed by letters, digits, "_" and "-"
 * (PORTABLE_LOCAL_NAME, the local names every Turtle parser since the 2008 team submission reads). Any other
 * IRI under a prefix is written in full, <...>. Turtle 1.1 allows dots inside a local name and a leading
 * digit (st:w3-steps-1.2, ws:1), but Virtuoso 7's loader reads "st:w3-steps-1.2." (the name before a
 * statement's closing dot) as one bad name and refuses the whole file (SP029), and Turtle 1.0 parsers
 * refuse a leading digit. The IRIs are the same either way; only their spelling changes.
 *
 * For the same loader, a statement's closing dot is written after a space (`asm:position 1 .`): Virtuoso
 * reads "1." as a decimal and then misses the dot (SP029 syntax error), though Turtle's DECIMAL needs a
 * digit after the point.
 */
import { Writer, type Quad } from 'n3';

/** A local name that every Turtle parser reads the same: no dots, no leading digit, no escapes. */
export const PORTABLE_LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Characters an IRIREF must write as \u escapes (Turtle 1.1, production [18]). */
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;

/**
 * N3.js's writer with the portable prefixed-name rule. It wraps the writer's term encoder (an internal
 * method, N3.js 2.x; the dump tests fail if a new N3.js renames it, since the names would come back).
 */
class PortableWriter extends Writer {}
interface EncodesIris { _encodeIriOrBlank(entity: Quad['subject']): string }
const encodeIriOrBlank = (Writer.prototype as unknown as EncodesIris)._encodeIriOrBlank;
(PortableWriter.prototype as unknown as EncodesIris)._encodeIriOrBlank = function (this: Writer, entity) {
  const written = encodeIriOrBlank.call(this, entity);
  if (entity.termType !== 'NamedNode' || written.startsWith('<')) return written;
  const local = written.slice(written.indexOf(':') + 1);
  if (PORTABLE_LOCAL_NAME.test(local)) return written;
  return `<${entity.value.replace(IRI_ESCAPE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}>`;
};

/** The text N3.js's writer makes of the quads, in the order given. */
export function writeQuads(quads: Quad[], options: ConstructorParameters<typeof Writer>[0]): string {
  if (/triple|quad/i.test(options?.format ?? '')) {
    const writer = new PortableWriter(options);
    writer.addQuads(quads);
    let output = '';
    writer.end((error, result) => { if (error) throw error; output = result; });
    return output;
  }
  return Buffer.concat([...prettyPieces(quads, options, false)]).toString('utf8');
}

/** Quads given to the writer between two looks at its text. */
const QUADS_PER_BATCH = 8192;
/** Characters of text per piece of bytes: about a megabyte. */
const CHARACTERS_PER_PIECE = 1 << 20;

/**
 * Turtle or TriG from N3.js's writer, as UTF-8 bytes made a piece at a time: the quads go to the writer a
 * batch at a time, and its text is passed on line by line, each line with its statement's closing dot
 * written after a space (see the module's comment) and, with `blankLines`, a blank line after each
 * subject. No dump-sized string is made: the writer's own output is one string built by appending, and
 * at a million triples that string and the lines cut out of it were over a gigabyte of garbage.
 */
function* prettyPieces(quads: Quad[], options: ConstructorParameters<typeof Writer>[0], blankLines: boolean): Generator<Buffer> {
  let pending = '';
  const sink = { write(chunk: string, _encoding?: string, done?: () => void) { pending += chunk; done?.(); return true; }, end() {} };
  const writer = new PortableWriter(sink as unknown as NodeJS.WritableStream, { ...options, end: false });
  const lines = new LineFix(blankLines);
  let out: string[] = [];
  let outLength = 0;
  const take = (text: string): void => { out.push(text); outLength += text.length; };
  const piece = (): Buffer => { const bytes = Buffer.from(out.join('')); out = []; outLength = 0; return bytes; };
  const passCompleteLines = (): void => {
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    for (const line of pending.slice(0, end).split('\n')) take(lines.line(line));
    pending = pending.slice(end + 1);
  };
  for (let start = 0; start < quads.length; start += QUADS_PER_BATCH) {
    for (let i = start; i < Math.min(start + QUADS_PER_BATCH, quads.length); i++) writer.addQuad(quads[i]!);
    passCompleteLines();
    if (outLength >= CHARACTERS_PER_PIECE) yield piece();
  }
  writer.end((error) => { if (error) throw error; });
  passCompleteLines();
  take(lines.end(pending));
  yield piece();
}

/**
 * The line-by-line edits of prettyPieces. A line ending in "." ends a statement or a prefix (the writer
 * escapes line breaks inside literals and IRIs); a statement's dot gets a space before it. With blank
 * lines, a line ending in "." followed by a line that starts with neither "@" nor white space (a new
 * subject) gets a blank line after it. Each line is held until the next one's first character is known.
 */
class LineFix {
  private held: string | undefined;

  constructor(private readonly blankLines: boolean) {}

  /** Takes the next complete line; gives the text now settled (the held line, its line break, any blank line). */
  line(raw: string): string {
    const line = spacedDot(raw);
    const settled = this.held === undefined ? '' : `${this.held}\n${this.blankAfterHeld(line) ? '\n' : ''}`;
    this.held = line;
    return settled;
  }

  /** Takes what follows the last line break (often nothing); gives the rest of the text. */
  end(rest: string): string {
    const last = spacedDot(rest);
    return this.held === undefined ? last : `${this.held}\n${this.blankAfterHeld(last) ? '\n' : ''}${last}`;
  }

  private blankAfterHeld(next: string): boolean {
    return this.blankLines && this.held!.endsWith('.') && next.length > 0 && !/[@\s]/.test(next[0]!);
  }
}

const spacedDot = (line: string): string => (line.endsWith('.') && !line.startsWith('@prefix ') ? `${line.slice(0, -1)} .` : line);

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/**
 * Only the prefixes some term is written with, so the header lists nothing idle: an IRI, or a literal's
 * datatype when the writer prints it (not for a language-tagged or xsd:string literal), whose local name
 * under the prefix is portable. The one rule of every Turtle and TriG the project writes.
 */
function usedPrefixes(quads: Quad[], prefixes: Record<string, string>): Record<string, string> {
  const iris = new Set<string>();
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.graph]) {
      if (t.termType === 'NamedNode') iris.add(t.value);
      else if (t.termType === 'Literal' && !t.language && t.datatype.value !== XSD_STRING) iris.add(t.datatype.value);
    }
  }
  return Object.fromEntries(Object.entries(prefixes).filter(([, ns]) =>
    [...iris].some((iri) => iri.startsWith(ns) && PORTABLE_LOCAL_NAME.test(iri.slice(ns.length)))));
}

/** Readable Turtle: prefixes, one block per subject (the writer groups consecutive triples), a blank line between subjects. */
export function toTurtle(sortedTriples: Quad[], prefixes: Record<string, string>): string {
  return Buffer.concat([...turtleBytes(sortedTriples, prefixes)]).toString('utf8');
}

/** toTurtle as UTF-8 bytes, made a piece at a time: what the build writes and hashes. */
export function turtleBytes(sortedTriples: Quad[], prefixes: Record<string, string>): Iterable<Buffer> {
  return prettyPieces(sortedTriples, { prefixes: usedPrefixes(sortedTriples, prefixes), format: 'text/turtle' }, true);
}

/** N-Triples, one triple per line, lines sorted by code point, as UTF-8 bytes made a piece of LINES_PER_PIECE lines at a time: what the build writes and hashes. */
export function nTriplesBytes(triples: Quad[]): Iterable<Buffer> {
  return sortedLines(triples, 'N-Triples');
}

/** Lines per piece of a dump's bytes: about a megabyte each. */
const LINES_PER_PIECE = 8192;

/**
 * The writer's line for each quad (N-Triples and N-Quads write one line per quad, and escape line breaks
 * inside terms), sorted by code point, as UTF-8 bytes made a piece at a time, for the caller to write
 * before the next is made. Each line is made on its own rather than cut out of the whole text: at a
 * million triples the dump as one string would be another 240 to 480 MB (two bytes a character once one
 * is beyond Latin-1), and its bytes another 240 beside it.
 */
function* sortedLines(quads: Quad[], format: 'N-Triples' | 'N-Quads'): Generator<Buffer> {
  const writer = new PortableWriter({ format });
  const lines = quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object, q.graph).slice(0, -1));
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (lines.length === 0) yield Buffer.from('\n');
  for (let start = 0; start < lines.length; start += LINES_PER_PIECE) yield Buffer.from(`${lines.slice(start, start + LINES_PER_PIECE).join('\n')}\n`);
}

/** TriG: one block per named graph, prefixed, subjects in the stable order within each graph; as UTF-8 bytes made a piece at a time. */
export function triGBytes(sortedQuads: Quad[], prefixes: Record<string, string>): Iterable<Buffer> {
  return prettyPieces(sortedQuads, { prefixes: usedPrefixes(sortedQuads, prefixes), format: 'application/trig' }, false);
}

/** N-Quads, one quad per line, lines sorted by code point. */
export function toNQuads(quads: Quad[]): string {
  return Buffer.concat([...nQuadsBytes(quads)]).toString('utf8');
}

/** toNQuads as UTF-8 bytes, made a piece at a time (see nTriplesBytes). */
export function nQuadsBytes(quads: Quad[]): Iterable<Buffer> {
  return sortedLines(quads, 'N-Quads');
}
