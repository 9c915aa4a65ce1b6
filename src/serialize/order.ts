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

/**
 * A term's key in the dumps' order: an IRI by its bare text, so that subjects and objects sort by their
 * IRIs (src/core/term-key.ts would put "<" first and order literals by their escaped text). The order of
 * every published dump depends on it: it stays as it is.
 */
function sortKey(term: Term): string {
  if (term.termType === 'Literal') return `"${term.value}"@${term.language}^^${term.datatype.value}`;
  return `${term.termType === 'BlankNode' ? '_:' : ''}${term.value}`;
}

/** A key whose plain string order is the natural order: digit runs padded to a fixed width. */
export const naturalKey = (text: string): string => text.replace(/\d+/g, (digits) => digits.padStart(12, '0'));

/**
 * The order of the dumps, as a tuple per triple: (natural subject, natural predicate with rdf:type first,
 * natural object, then the exact subject, predicate and object, so that distinct terms never tie: "1" and
 * "01" pad alike). Until 0.2.0 each triple's tuple was spelt out as one string and the strings sorted; at a
 * million triples those keys took 1.7 GB and each sort over a minute. Now each distinct term is ranked
 * once (a graph has far fewer terms than triples) and triples are sorted by their terms' ranks: the same
 * order, compared as numbers.
 */
class TermRanks {
  private readonly ids = new Map<string, number>();
  private natural: Int32Array = new Int32Array(0);
  private exact: Int32Array = new Int32Array(0);
  private typeId = -1;

  /**
   * The ids of term objects already seen: the build's parser gives one object per distinct term
   * (src/rdf/parse.ts, interningFactory), so most look-ups end here, without spelling the term's key again.
   */
  private readonly seen = new Map<Term, number>();

  /** The id of a term (ids in order of first sight); call rank() after the last one. */
  id(term: Term): number {
    const known = this.seen.get(term);
    if (known !== undefined) return known;
    const key = sortKey(term);
    let id = this.ids.get(key);
    if (id === undefined) { id = this.ids.size; this.ids.set(key, id); if (key === RDF_TYPE && term.termType === 'NamedNode') this.typeId = id; }
    this.seen.set(term, id);
    return id;
  }

  /** Ranks every term: by its natural key (equal keys share a rank) and by its exact key. */
  rank(): void {
    const keys = [...this.ids.keys()];
    const natural = keys.map(naturalKey);
    const byExact = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    this.exact = new Int32Array(keys.length);
    byExact.forEach((id, rank) => { this.exact[id] = rank; });
    const byNatural = keys.map((_, i) => i).sort((a, b) => (natural[a]! < natural[b]! ? -1 : natural[a]! > natural[b]! ? 1 : 0));
    this.natural = new Int32Array(keys.length);
    let rank = 0;
    byNatural.forEach((id, i) => { if (i > 0 && natural[id] !== natural[byNatural[i - 1]!]) rank++; this.natural[id] = rank; });
  }

  /** Compares two triples given as term ids [subject, predicate, object]. */
  compare(s1: number, p1: number, o1: number, s2: number, p2: number, o2: number): number {
    const { natural, exact, typeId } = this;
    return (natural[s1]! - natural[s2]!)
      || ((p1 === typeId ? -1 : natural[p1]!) - (p2 === typeId ? -1 : natural[p2]!))
      || (natural[o1]! - natural[o2]!)
      || (exact[s1]! - exact[s2]!) || (exact[p1]! - exact[p2]!) || (exact[o1]! - exact[o2]!);
  }

  /** The natural rank of a term id (graph names sort by it). */
  naturalRank(id: number): number { return this.natural[id]!; }
  exactRank(id: number): number { return this.exact[id]!; }
}

/** The quads' terms as ids: [graph, subject, predicate, object] per quad, in one array. */
function termIds(quads: Quad[], ranks: TermRanks): Int32Array {
  const ids = new Int32Array(quads.length * 4);
  quads.forEach((q, i) => {
    ids[4 * i] = ranks.id(q.graph);
    ids[4 * i + 1] = ranks.id(q.subject);
    ids[4 * i + 2] = ranks.id(q.predicate);
    ids[4 * i + 3] = ranks.id(q.object);
  });
  ranks.rank();
  return ids;
}

/** Both stable orders of the same quads, sharing one ranking of their terms. */
export function sortedTriplesAndQuads(quads: Quad[]): { triples: Quad[]; quads: Quad[] } {
  const ranks = new TermRanks();
  const ids = termIds(quads, ranks);
  return { triples: triplesInOrder(quads, ids, ranks), quads: quadsInOrder(quads, ids, ranks) };
}

/** The triples of all graphs, each once, in the stable order (graph names dropped). */
export function sortedTriples(quads: Quad[]): Quad[] {
  const ranks = new TermRanks();
  return triplesInOrder(quads, termIds(quads, ranks), ranks);
}

/** Quads in the stable order, graph by graph (graphs in name order), each quad once. */
export function sortedQuads(quads: Quad[]): Quad[] {
  const ranks = new TermRanks();
  return quadsInOrder(quads, termIds(quads, ranks), ranks);
}

function triplesInOrder(quads: Quad[], ids: Int32Array, ranks: TermRanks): Quad[] {
  const compare = (a: number, b: number): number => ranks.compare(ids[4 * a + 1]!, ids[4 * a + 2]!, ids[4 * a + 3]!, ids[4 * b + 1]!, ids[4 * b + 2]!, ids[4 * b + 3]!);
  // Of equal triples (the same triple in two graphs), the first in the input is kept.
  return distinctInOrder(quads.length, compare).map((i) => {
    const q = quads[i]!;
    return q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object);
  });
}

function quadsInOrder(quads: Quad[], ids: Int32Array, ranks: TermRanks): Quad[] {
  const compare = (a: number, b: number): number =>
    (ranks.naturalRank(ids[4 * a]!) - ranks.naturalRank(ids[4 * b]!))
    || ranks.compare(ids[4 * a + 1]!, ids[4 * a + 2]!, ids[4 * a + 3]!, ids[4 * b + 1]!, ids[4 * b + 2]!, ids[4 * b + 3]!)
    || (ranks.exactRank(ids[4 * a]!) - ranks.exactRank(ids[4 * b]!));
  return distinctInOrder(quads.length, compare).map((i) => quads[i]!);
}

/** The positions 0…count-1 sorted by `compare` (stably), each run of equals kept once: its first position. */
function distinctInOrder(count: number, compare: (a: number, b: number) => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i).sort(compare);
  return order.filter((i, at) => at === 0 || compare(order[at - 1]!, i) !== 0);
}
