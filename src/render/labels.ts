/**
 * What a resource is called: rdfs:label, skos:prefLabel, schema:name, dcterms:title or a section's
 * heading, English first; a statement, which has no label, is called by its verbatim text.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { LabelStore } from '../rdf/label-store.js';

const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

/** Label predicates in order of preference; the last ones (asm:heading, asm:text) are relative to the base. */
export function labelPredicates(base: string): string[] {
  return [`${SKOS}prefLabel`, `${RDFS}label`, 'https://schema.org/name', 'http://purl.org/dc/terms/title', `${base}ontology#heading`, `${base}ontology#text`];
}

/** Longest text shown as a label before it is cut (a statement's text can be a paragraph). */
const MAX_LABEL = 120;

export function shorten(text: string, max = MAX_LABEL): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length <= max ? folded : `${folded.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function preferEnglish(literals: RDF.Term[]): RDF.Term | undefined {
  return literals.find((t) => t.termType === 'Literal' && (t.language === 'en' || t.language.startsWith('en-')))
    ?? literals.find((t) => t.termType === 'Literal' && t.language === '')
    ?? literals[0];
}

/** The label of one IRI in the store, or undefined. */
export function labelOf(store: LabelStore, iri: string, predicates: string[]): string | undefined {
  const subject = DataFactory.namedNode(iri);
  for (const predicate of predicates) {
    const literals = store.getObjects(subject, DataFactory.namedNode(predicate), null).filter((t) => t.termType === 'Literal');
    const chosen = preferEnglish(literals);
    if (chosen !== undefined) return shorten(chosen.value);
  }
  return undefined;
}

/** Labels of every IRI among `terms` that has one. */
export function labelsOf(store: LabelStore, terms: Iterable<RDF.Term>, predicates: string[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const term of terms) {
    if (term.termType !== 'NamedNode' || labels.has(term.value)) continue;
    const label = labelOf(store, term.value, predicates);
    if (label !== undefined) labels.set(term.value, label);
  }
  return labels;
}
