/**
 * A read-only, compact index of a graph's quads, for SHACL validation at scale (src/build/validate.ts).
 *
 * N3's Store keeps three nested-object indexes: at a million triples about 700 MB of small objects, which
 * every major garbage collection walks, and validation makes garbage by the million. Here each quad is
 * four term numbers in one Int32Array and each index a permutation of quad numbers (Uint32Array): a few
 * tens of MB that the collector never walks, plus one object per distinct term.
 *
 * match() answers with the quads N3's Store would give for the same pattern, IN THE SAME ORDER, so that
 * shacl-engine visits focus nodes and values, and reports, exactly as over the store: N3 walks the graphs
 * in order of first sight and, in each, one of its three indexes (chosen by which terms are given) in
 * order of first sight of the terms. Term numbers here are given in the same order of first sight (graph,
 * subject, predicate, object of each quad, as N3's addQuad numbers them), and the same index is chosen.
 * test/quad-index.test.ts compares every pattern's answer with N3's on our graph.
 */
import { DataFactory, termFromId, termToId, type Quad, type Term } from 'n3';

/** Positions of a quad's terms in the `terms` array, four numbers per quad. */
const G = 0;
const S = 1;
const P = 2;
const O = 3;

/** N3's three indexes, as the order of the terms each one sorts by (the graph comes first in N3, last here). */
const SPO = [S, P, O] as const;
const POS = [P, O, S] as const;
const OSP = [O, S, P] as const;
type Order = readonly [number, number, number];

/** What QuadIndex.parts gives and QuadIndex.fromParts takes. */
export interface QuadIndexParts {
  /** N3's id of each term (termToId), by term number. */
  terms: string[];
  quads: Int32Array;
  spo: Uint32Array;
  pos: Uint32Array;
  osp: Uint32Array;
}

export class QuadIndex {
  /** The term of each number. */
  private readonly termOf: Term[] = [];
  private readonly numberOf = new Map<string, number>();
  /** The number of each term object of termOf (see lookUp). */
  private readonly numberOfTerm = new Map<Term, number>();
  /** g, s, p, o numbers of each quad, each quad once. */
  private readonly quads: Int32Array;
  private readonly orders = new Map<Order, Uint32Array>();

  /**
   * The index as plain data (typed arrays and each term's N3 id), for another process: structured clone
   * copies it in one go, where a million quad objects would each be cloned. QuadIndex.fromParts reads it.
   */
  parts(): QuadIndexParts {
    return { terms: this.termOf.map(termToId), quads: this.quads, spo: this.orders.get(SPO)!, pos: this.orders.get(POS)!, osp: this.orders.get(OSP)! };
  }

  static fromParts(parts: QuadIndexParts): QuadIndex {
    const index = Object.create(QuadIndex.prototype) as QuadIndex;
    const termOf = parts.terms.map((id) => termFromId(id));
    Object.assign(index, {
      termOf, numberOf: new Map(parts.terms.map((id, number) => [id, number])), numberOfTerm: new Map(termOf.map((term, number) => [term, number])), quads: parts.quads,
      orders: new Map<Order, Uint32Array>([[SPO, parts.spo], [POS, parts.pos], [OSP, parts.osp]]),
    });
    return index;
  }

  constructor(quads: Iterable<Quad>) {
    let terms: Int32Array = new Int32Array(4 * 1024);
    let count = 0;
    for (const quad of quads) {
      if (4 * count + 4 > terms.length) terms = grow(terms);
      terms[4 * count + G] = this.number(quad.graph);
      terms[4 * count + S] = this.number(quad.subject);
      terms[4 * count + P] = this.number(quad.predicate);
      terms[4 * count + O] = this.number(quad.object);
      count++;
    }
    this.quads = distinct(terms.subarray(0, 4 * count), this.termOf.length);
    for (const order of [SPO, POS, OSP]) this.orders.set(order, sortedBy(this.quads, [...order, G], this.termOf.length));
  }

  get size(): number {
    return this.quads.length / 4;
  }

  /** The quads that match, in N3's Store's order (see the module's comment); null or undefined is a wildcard. */
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): Quad[] {
    const [s, p, o, g] = [this.lookUp(subject), this.lookUp(predicate), this.lookUp(object), this.lookUp(graph)];
    if (s === -1 || p === -1 || o === -1 || g === -1) return [];
    // N3's choice of index (N3Store.readQuads): the object index when subject and object are given.
    const [order, keys]: [Order, Array<number | undefined>] = s !== undefined
      ? (o !== undefined ? [OSP, [o, s, p]] : [SPO, [s, p]])
      : p !== undefined ? [POS, [p, o]] : o !== undefined ? [OSP, [o]] : [SPO, []];
    // The given terms at the head of the index's order (a wildcard ends it).
    const prefix: number[] = [];
    for (const key of keys) { if (key === undefined) break; prefix.push(key); }
    const permutation = this.orders.get(order)!;
    const from = this.bound(permutation, order, prefix, false);
    const to = this.bound(permutation, order, prefix, true);
    const found: number[] = [];
    let graphs = 0;
    for (let i = from; i < to; i++) {
      const quad = permutation[i]!;
      if (g !== undefined && this.quads[4 * quad + G] !== g) continue;
      if (found.length > 0 && this.quads[4 * quad + G] !== this.quads[4 * found[found.length - 1]! + G]) graphs++;
      found.push(quad);
    }
    // Here the graph sorts last; N3 walks graph by graph: a stable sort by graph number gives its order.
    if (graphs > 0) found.sort((a, b) => this.quads[4 * a + G]! - this.quads[4 * b + G]!);
    return found.map((quad) => DataFactory.quad(
      this.termOf[this.quads[4 * quad + S]!] as Quad['subject'], this.termOf[this.quads[4 * quad + P]!] as Quad['predicate'],
      this.termOf[this.quads[4 * quad + O]!] as Quad['object'], this.termOf[this.quads[4 * quad + G]!] as Quad['graph']));
  }

  /**
   * The number of a term given to match(), or -1 if the graph does not hold it; undefined for a wildcard.
   * Most terms given are the index's own (from an earlier answer): found by identity, without spelling
   * their id.
   */
  private lookUp(term: Term | null | undefined): number | undefined {
    if (!term) return undefined;
    return this.numberOfTerm.get(term) ?? this.numberOf.get(termToId(term)) ?? -1;
  }

  /** The number of a term, given in order of first sight. */
  private number(term: Term): number {
    const key = termToId(term);
    let number = this.numberOf.get(key);
    if (number === undefined) {
      number = this.termOf.length;
      this.termOf.push(term);
      this.numberOf.set(key, number);
      this.numberOfTerm.set(term, number);
    }
    return number;
  }

  /** The first position in `permutation` whose quad's terms (in `order`) are ≥ `prefix` (> with `after`). */
  private bound(permutation: Uint32Array, order: Order, prefix: number[], after: boolean): number {
    let low = 0;
    let high = permutation.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const quad = permutation[middle]!;
      let comparison = 0;
      for (let k = 0; k < prefix.length && comparison === 0; k++) comparison = this.quads[4 * quad + order[k]!]! - prefix[k]!;
      if (comparison < 0 || (after && comparison === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function grow(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** The quads (4 numbers each), each once, in their first order. */
function distinct(quads: Int32Array, terms: number): Int32Array {
  const sorted = sortedBy(quads, [G, S, P, O], terms);
  const keep = new Uint8Array(quads.length / 4);
  let previous = -1;
  for (const quad of sorted) {
    if (previous < 0 || [G, S, P, O].some((k) => quads[4 * quad + k] !== quads[4 * previous + k])) keep[quad] = 1;
    previous = quad;
  }
  const result = new Int32Array(4 * keep.reduce((sum, k) => sum + k, 0));
  let at = 0;
  for (let quad = 0; quad < keep.length; quad++) {
    if (keep[quad] === 0) continue;
    result.set(quads.subarray(4 * quad, 4 * quad + 4), at);
    at += 4;
  }
  return result;
}

/**
 * The quad numbers sorted by their terms in `keys` order (term numbers compared as numbers): a stable
 * counting sort per key, last key first, so each pass is linear in the quads and the terms.
 */
function sortedBy(quads: Int32Array, keys: number[], terms: number): Uint32Array {
  const n = quads.length / 4;
  let permutation = new Uint32Array(n);
  for (let i = 0; i < n; i++) permutation[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(terms + 1);
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k]!;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[quads[4 * i + key]! + 1] += 1;
    for (let t = 1; t <= terms; t++) counts[t] += counts[t - 1]!;
    for (let i = 0; i < n; i++) {
      const quad = permutation[i]!;
      const term = quads[4 * quad + key]!;
      next[counts[term]!] = quad;
      counts[term] += 1;
    }
    [permutation, next] = [next, permutation];
  }
  return permutation;
}
