/**
 * Materialises the superclasses of every typed resource (rdfs:subClassOf closure over the ontology), so
 * that `?s a asm:Statement` or `?c a skos:Concept` answer without a reasoner. The data files state only the
 * most specific class; these derived types go into the same named graph as the asserted one.
 */
import { DataFactory, type Quad } from 'n3';
import { WELL_KNOWN_PREFIXES } from './iri.js';

const RDF_TYPE = `${WELL_KNOWN_PREFIXES.rdf}type`;
const SUBCLASS_OF = `${WELL_KNOWN_PREFIXES.rdfs}subClassOf`;

export function addSuperclassTypes(quads: Quad[]): Quad[] {
  const parents = new Map<string, string[]>();
  for (const q of quads) {
    if (q.predicate.value === SUBCLASS_OF && q.object.termType === 'NamedNode') {
      parents.set(q.subject.value, [...(parents.get(q.subject.value) ?? []), q.object.value]);
    }
  }
  const ancestors = (cls: string, seen = new Set<string>()): Set<string> => {
    for (const parent of parents.get(cls) ?? []) {
      if (!seen.has(parent)) { seen.add(parent); ancestors(parent, seen); }
    }
    return seen;
  };
  const present = new Set(quads.map(key));
  const derived: Quad[] = [];
  for (const q of quads) {
    if (q.predicate.value !== RDF_TYPE || q.object.termType !== 'NamedNode') continue;
    for (const ancestor of ancestors(q.object.value)) {
      const inferred = DataFactory.quad(q.subject, q.predicate, DataFactory.namedNode(ancestor), q.graph);
      if (!present.has(key(inferred))) { present.add(key(inferred)); derived.push(inferred); }
    }
  }
  return [...quads, ...derived];
}

const key = (q: Quad): string => `${q.subject.value} ${q.object.value} ${q.graph.value}`;
