/**
 * A stable order for triples, so that every build writes the same bytes. Subjects sort "naturally"
 * (st:w2-a-10 after st:w2-a-9, so the dumps follow the document), rdf:type first among predicates.
 */
import { DataFactory, type Quad, type Term } from 'n3';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Compares strings chunk by chunk, digit runs by number; independent of locale. */
export function naturalCompare(a: string, b: string): number {
  const chunks = /(\d+|\D+)/g;
  const as = a.match(chunks) ?? [];
  const bs = b.match(chunks) ?? [];
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    if (bothDigits && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return as.length - bs.length || (a < b ? -1 : a > b ? 1 : 0);
}

function termKey(term: Term): string {
  if (term.termType === 'Literal') return `"${term.value}"@${term.language}^^${term.datatype.value}`;
  return `${term.termType === 'BlankNode' ? '_:' : ''}${term.value}`;
}

function compareTriples(a: Quad, b: Quad): number {
  return naturalCompare(termKey(a.subject), termKey(b.subject))
    || (a.predicate.value === RDF_TYPE ? -1 : 0) - (b.predicate.value === RDF_TYPE ? -1 : 0)
    || naturalCompare(a.predicate.value, b.predicate.value)
    || naturalCompare(termKey(a.object), termKey(b.object));
}

/** The triples of all graphs, each once, in the stable order (graph names dropped). */
export function sortedTriples(quads: Quad[]): Quad[] {
  const seen = new Map<string, Quad>();
  for (const q of quads) {
    const triple = DataFactory.quad(q.subject, q.predicate, q.object);
    seen.set(`${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`, triple);
  }
  return [...seen.values()].sort(compareTriples);
}

/** Quads in the stable order, graph by graph (graphs in name order). */
export function sortedQuads(quads: Quad[]): Quad[] {
  const byGraph = new Map<string, Quad[]>();
  for (const q of quads) byGraph.set(q.graph.value, [...(byGraph.get(q.graph.value) ?? []), q]);
  return [...byGraph.keys()].sort(naturalCompare).flatMap((graph) => {
    const graphNode = byGraph.get(graph)![0]!.graph;
    return sortedTriples(byGraph.get(graph)!).map((t) => DataFactory.quad(t.subject, t.predicate, t.object, graphNode));
  });
}
