/**
 * Materialises the superclasses of every typed resource (rdfs:subClassOf closure over the ontology), so
 * that `?s a asm:Statement` or `?c a skos:Concept` answer without a reasoner. The data files state only the
 * most specific class; these derived types go into the same named graph as the asserted one.
 */
import { DataFactory, type Quad } from 'n3';
import { WELL_KNOWN_PREFIXES } from '../core/iri.js';

const RDF_TYPE = `${WELL_KNOWN_PREFIXES.rdf}type`;
const SUBCLASS_OF = `${WELL_KNOWN_PREFIXES.rdfs}subClassOf`;

export function addSuperclassTypes(quads: Quad[]): Quad[] {
  const subclasses = quads.filter((q) => isTypeOrSubclass(q) === 'subclass');
  // A derived quad's object is always a superclass, so only quads whose object is one can already be
  // present: the keys of those alone (a million-triple graph's keys of every quad took some 200 MB).
  const superclasses = new Set(subclasses.map((q) => q.object.value));
  const present = new Set(quads.filter((q) => superclasses.has(q.object.value)).map(key));
  const derived = superclassTypes(quads.filter((q) => isTypeOrSubclass(q) === 'type'), subclasses, (q) => present.has(key(q)));
  return [...quads, ...derived];
}

/** Whether a quad states a type or a subclass (the two kinds the closure reads). */
function isTypeOrSubclass(q: Quad): 'type' | 'subclass' | undefined {
  if (q.object.termType !== 'NamedNode') return undefined;
  return q.predicate.value === RDF_TYPE ? 'type' : q.predicate.value === SUBCLASS_OF ? 'subclass' : undefined;
}

/**
 * The derived type quads, in the order of the type quads they come from. `present` says whether the graph
 * already links the subject to the class in that graph (by any predicate: such a quad is not derived
 * again); each derived quad counts as present from then on.
 */
function superclassTypes(typeQuads: Quad[], subclassQuads: Quad[], present: (q: Quad) => boolean): Quad[] {
  const parents = new Map<string, string[]>();
  for (const q of subclassQuads) parents.set(q.subject.value, [...(parents.get(q.subject.value) ?? []), q.object.value]);
  const ancestors = (cls: string, seen = new Set<string>()): Set<string> => {
    for (const parent of parents.get(cls) ?? []) {
      if (!seen.has(parent)) { seen.add(parent); ancestors(parent, seen); }
    }
    return seen;
  };
  const derived: Quad[] = [];
  const added = new Set<string>();
  for (const q of typeQuads) {
    for (const ancestor of ancestors(q.object.value)) {
      const inferred = DataFactory.quad(q.subject, q.predicate, DataFactory.namedNode(ancestor), q.graph);
      if (added.has(key(inferred)) || present(inferred)) continue;
      added.add(key(inferred));
      derived.push(inferred);
    }
  }
  return derived;
}

const key = (q: Quad): string => `${q.subject.value} ${q.object.value} ${q.graph.value}`;
