/**
 * The half of the build's engine check (engine-check.ts) that every build runs: every literal of the N-Quads
 * dump comes back from Oxigraph's store as the very term written (Oxigraph keeps some datatypes by value: a
 * non-canonical "1.000"^^xsd:decimal came back "1", which made the engines differ; since 0.2.1 the data is
 * canonical, and this keeps it so). Cheap: only the distinct tagged and typed literals are loaded, not the graph.
 *
 * A module of its own so that a build loads only Oxigraph for it: the catalogue's half (engine-check.ts)
 * imports the SPARQL parser, whose grammar alone took half a second of a build's CPU to set up.
 */
import { Parser } from 'n3';
import { PublishError } from '../core/errors.js';
import { termKey } from '../core/term-key.js';
import { OxigraphEngine } from './oxigraph-engine.js';

/** The engines answer a catalogue query differently, or Oxigraph gives back a literal other than written. */
export class EngineMismatchError extends PublishError {
  constructor(path: string, reason: string) {
    super(path, reason);
    this.name = 'EngineMismatchError';
  }
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/**
 * An N-Quads line of our dumps (a subject IRI or blank node, a predicate IRI) whose object is a literal with
 * a language tag or a datatype: the only terms a store may give back otherwise (a plain string it cannot).
 */
const TYPED_LITERAL_LINE = /^(<[^>]*>|_:\S+) (<[^>]*>) ("(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>))/;
const STRING_SUFFIX = `^^<${XSD_STRING}>`;

/**
 * Checks that Oxigraph's store gives back every literal of a dump as written, fed the dump line by line so
 * that a large dump is never held whole: each distinct literal that can change (a language tag or a
 * datatype other than xsd:string) is loaded once into a small store of its own and read back.
 */
export class LiteralCheck {
  /** Each distinct literal, as written in N-Quads, with where it first occurs. */
  private readonly literals = new Map<string, { line: number; subject: string; predicate: string }>();

  /** Takes line `index` (0-based) of the dump. */
  add(line: string, index: number): void {
    const match = TYPED_LITERAL_LINE.exec(line);
    if (match === null || match[3]!.endsWith(STRING_SUFFIX) || this.literals.has(match[3]!)) return;
    this.literals.set(match[3]!, { line: index, subject: match[1]!, predicate: match[2]! });
  }

  /** Throws EngineMismatchError for the first literal (in dump order) that Oxigraph gives back otherwise. */
  finish(dumpPath: string): void {
    const entries = [...this.literals];
    const document = entries.map(([literal], i) => `<urn:asm-kg:literal:${i}> <urn:asm-kg:literal> ${literal} .`).join('\n');
    const written = new Parser({ format: 'N-Triples' }).parse(document).map((q) => termKey(q.object));
    const readBack = new Parser({ format: 'N-Quads' }).parse(OxigraphEngine.fromNQuads(document, { mergeDefaultGraph: false }).nquads());
    const stored = new Map(readBack.map((q) => [q.subject.value, termKey(q.object)]));
    for (const [i, [, where]] of entries.entries()) {
      const key = written[i]!;
      if (stored.get(`urn:asm-kg:literal:${i}`) !== key) {
        throw new EngineMismatchError(`${dumpPath}:${where.line + 1}`, `Oxigraph's store does not give the literal ${key} back as written (of ${where.subject} ${where.predicate}): write it in its canonical form`);
      }
    }
  }
}

/** LiteralCheck over a whole N-Quads text. */
export function checkLiterals(nquads: string, dumpPath: string): void {
  const check = new LiteralCheck();
  nquads.split('\n').forEach((line, index) => check.add(line, index));
  check.finish(dumpPath);
}

