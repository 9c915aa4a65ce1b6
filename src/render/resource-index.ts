/**
 * The description of one resource, for its dereferenceable IRI: the triples about it (and about the
 * fragments of a hash namespace it names, as the ontology's terms are `ontology#Term`), blank nodes
 * followed to their end, the triples that point at it, and the labels of every resource it links to.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, type Quad, type Store } from 'n3';
import { tripleKey } from '../core/term-key.js';
import { labelPredicates, shorten } from './labels.js';

export interface Description {
  iri: string;
  /** Triples whose subject is the resource, one of its fragments (iri#…), or a blank node reached from them. */
  outgoing: Quad[];
  /** Triples whose object is the resource, at most MAX_INCOMING. */
  incoming: Quad[];
  /** Whether incoming links were left out beyond MAX_INCOMING. */
  incomingTruncated: boolean;
  /** The fragment IRIs (iri#…) described here, sorted. */
  fragments: string[];
  /** The label triple of each linked resource that has one. */
  labelQuads: Quad[];
  /** IRI → label, for the resource, its fragments and every linked resource. */
  labels: Map<string, string>;
}

/** A page shows at most this many incoming links (a class can have hundreds of instances). */
export const MAX_INCOMING = 1000;
const MAX_BLANK_DEPTH = 8;

const { namedNode } = DataFactory;

export class ResourceIndex {
  private readonly labelPredicates: string[];
  /** Hash namespaces (the part before '#') that have described fragments, e.g. the ontology. */
  private readonly fragmentOwners = new Map<string, string[]>();
  /**
   * Each IRI's label triple, once looked up: a page names the same few hundred resources again and again, and
   * a site build asks some 160,000 times for 4,700 labels. Kept for the store's size at the time; the stores
   * this reads are filled when loaded and then only read, and a store that changed size is looked up anew.
   */
  private readonly labels = new Map<string, Quad | undefined>();
  private labelsForSize = -1;

  constructor(private readonly store: Store, readonly base: string) {
    this.labelPredicates = labelPredicates(base);
    for (const subject of store.getSubjects(null, null, null)) {
      const hash = subject.value.indexOf('#');
      if (subject.termType !== 'NamedNode' || hash < 0 || !subject.value.startsWith(base)) continue;
      const owner = subject.value.slice(0, hash);
      const list = this.fragmentOwners.get(owner) ?? [];
      list.push(subject.value);
      this.fragmentOwners.set(owner, list);
    }
    for (const list of this.fragmentOwners.values()) list.sort();
  }

  /** Whether the IRI is ours (under the base, not a file of dist/) and the data says anything with it. */
  has(iri: string): boolean {
    if (!iri.startsWith(this.base) || iri.includes('#') || iri.startsWith(`${this.base}dist/`)) return false;
    const node = namedNode(iri);
    return this.fragmentOwners.has(iri) || this.store.countQuads(node, null, null, null) > 0 || this.store.countQuads(null, null, node, null) > 0;
  }

  describe(iri: string): Description | undefined {
    if (!this.has(iri)) return undefined;
    const node = namedNode(iri);
    const fragments = this.fragmentOwners.get(iri) ?? [];
    const outgoing: Quad[] = [];
    const seenBlank = new Set<string>();
    const follow = (subject: RDF.Term, depth: number): void => {
      for (const quad of this.store.getQuads(subject as Quad['subject'], null, null, null)) {
        outgoing.push(quad);
        if (quad.object.termType === 'BlankNode' && depth < MAX_BLANK_DEPTH && !seenBlank.has(quad.object.value)) {
          seenBlank.add(quad.object.value);
          follow(quad.object, depth + 1);
        }
      }
    };
    follow(node, 0);
    for (const fragment of fragments) follow(namedNode(fragment), 0);

    const allIncoming = this.store.getQuads(null, null, node, null);
    const incoming = allIncoming.slice(0, MAX_INCOMING);

    const labelQuads: Quad[] = [];
    const labels = new Map<string, string>();
    const linked = new Set<string>([iri, ...fragments]);
    for (const q of outgoing) { linked.add(q.predicate.value); if (q.object.termType === 'NamedNode') linked.add(q.object.value); }
    for (const q of incoming) { linked.add(q.predicate.value); if (q.subject.termType === 'NamedNode') linked.add(q.subject.value); }
    for (const target of linked) {
      const quad = this.labelQuad(target);
      if (quad === undefined) continue;
      labels.set(target, shorten(quad.object.value));
      // The resource's own label is among its outgoing triples already.
      if (target !== iri && !fragments.includes(target)) labelQuads.push(quad);
    }
    return { iri, outgoing, incoming, incomingTruncated: allIncoming.length > incoming.length, fragments, labelQuads, labels };
  }

  /**
   * The most specific of a resource's types: those no other of its types is a subclass of (the build adds
   * every superclass, so an obstacle is also asm:Statement and prov:Entity; its kind is asm:Obstacle).
   */
  specificTypes(types: string[]): string[] {
    const subClassOf = namedNode('http://www.w3.org/2000/01/rdf-schema#subClassOf');
    const superclasses = (type: string): Set<string> => {
      const found = new Set<string>();
      const queue = [type];
      while (queue.length > 0) {
        for (const parent of this.store.getObjects(namedNode(queue.pop()!), subClassOf, null)) {
          if (!found.has(parent.value)) { found.add(parent.value); queue.push(parent.value); }
        }
      }
      return found;
    };
    const implied = new Set(types.flatMap((type) => [...superclasses(type)].filter((parent) => parent !== type)));
    return types.filter((type) => !implied.has(type));
  }

  /** Every triple of a description, each once, for the RDF documents. */
  static quadsOf(description: Description): Quad[] {
    const seen = new Set<string>();
    const quads: Quad[] = [];
    for (const q of [...description.outgoing, ...description.incoming, ...description.labelQuads]) {
      const key = tripleKey(q);
      if (!seen.has(key)) { seen.add(key); quads.push(q); }
    }
    return quads;
  }

  /**
   * The quads of a description document. N-Quads and TriG name each triple's graph: the dataset
   * descriptions (dist/void.ttl, dcat.ttl) are no graph of the dataset, and their graph names are local
   * file URLs, so their triples go in the default graph.
   */
  documentQuads(description: Description): Quad[] {
    return ResourceIndex.quadsOf(description).map((q) => (q.graph.termType === 'NamedNode' && !q.graph.value.startsWith(this.base)
      ? DataFactory.quad(q.subject, q.predicate, q.object) : q));
  }

  /** The triple that gives an IRI its label: the first label predicate it has, an English literal first. */
  private labelQuad(iri: string): Quad | undefined {
    if (this.labelsForSize !== this.store.size) {
      this.labels.clear();
      this.labelsForSize = this.store.size;
    }
    if (this.labels.has(iri)) return this.labels.get(iri);
    const quad = this.findLabelQuad(iri);
    this.labels.set(iri, quad);
    return quad;
  }

  private findLabelQuad(iri: string): Quad | undefined {
    const subject = namedNode(iri);
    for (const predicate of this.labelPredicates) {
      const quads = this.store.getQuads(subject, namedNode(predicate), null, null).filter((q) => q.object.termType === 'Literal');
      const english = quads.find((q) => (q.object as RDF.Literal).language.startsWith('en'));
      const chosen = english ?? quads[0];
      if (chosen !== undefined) return chosen;
    }
    return undefined;
  }
}
