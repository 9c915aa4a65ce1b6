/**
 * A stable order for triples, so that every build writes the same bytes. Subjects sort "naturally"
 * (st:w2-a-10 after st:w2-a-9, so the dumps follow the document), rdf:type first among predicates.
 */
import { DataFactory, type Quad, type Term } from 'n3';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Compares strings "naturally": digit runs by number (w2-a-9 before w2-a-10); independent of locale. */
export function naturalCompare(a: string, b: string): number {
  const [x, y] = [naturalKey(a), naturalKey(b)];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function termKey(term: Term): string {
  if (term.termType === 'Literal') return `"${term.value}"@${term.language}^^${term.datatype.value}`;
  return `${term.termType === 'BlankNode' ? '_:' : ''}${term.value}`;
}

/** A key whose plain string order is the natural order: digit runs padded to a fixed width. */
const naturalKey = (text: string): string => text.replace(/\d+/g, (digits) => digits.padStart(12, '0'));

// rdf:type sorts first among a subject's predicates (\u0001 sorts before any IRI character); the exact
// terms follow the natural ones so that distinct terms never share a key ("1" and "01" pad alike).
const tripleKey = (q: Quad): string =>
  `${naturalKey(termKey(q.subject))}\u0000${q.predicate.value === RDF_TYPE ? '\u0001' : naturalKey(q.predicate.value)}\u0000${naturalKey(termKey(q.object))}`
  + `\u0000${termKey(q.subject)}\u0000${q.predicate.value}\u0000${termKey(q.object)}`;

/** The triples of all graphs, each once, in the stable order (graph names dropped). */
export function sortedTriples(quads: Quad[]): Quad[] {
  const seen = new Map<string, Quad>();
  for (const q of quads) {
    const key = tripleKey(q);
    if (!seen.has(key)) seen.set(key, q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object));
  }
  return [...seen.keys()].sort().map((key) => seen.get(key)!);
}

/** Quads in the stable order, graph by graph (graphs in name order), each quad once. */
export function sortedQuads(quads: Quad[]): Quad[] {
  const seen = new Map<string, Quad>();
  for (const q of quads) seen.set(`${naturalKey(q.graph.value)}\u0000${tripleKey(q)}`, q);
  return [...seen.keys()].sort().map((key) => seen.get(key)!);
}
