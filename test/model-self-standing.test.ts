/**
 * The statements graph stands alone (issue 9): with only graph:statements and graph:ontology, every IRI of
 * ours that they use (as subject, predicate, object or class) has a type and a label there. A reader who drops
 * the editors' graph still knows what each stakeholder, organisation, section or statement is. And the
 * statements graph holds nothing editorial: no property the ontology marks asm:Editorial.
 */
import { describe, expect, it } from 'vitest';
import type { Quad } from 'n3';
import { DEFAULT_BASE } from '../src/core/iri.js';
import { loadSources } from '../src/rdf/load.js';
import { ROOT } from './support/project.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
/** What counts as a label: a name for display, or the verbatim text or heading of a quoted resource. */
const LABELS = new Set([
  'http://www.w3.org/2000/01/rdf-schema#label',
  'http://www.w3.org/2004/02/skos/core#prefLabel',
  'https://schema.org/name',
  'https://schema.org/alternateName',
  'http://purl.org/dc/terms/title',
  `${DEFAULT_BASE}ontology#text`,
  `${DEFAULT_BASE}ontology#heading`,
]);
/** Objects that name versions of the ontology document, not resources described here. */
const VERSION_LINKS = new Set(['http://www.w3.org/2002/07/owl#versionIRI', 'http://www.w3.org/2002/07/owl#priorVersion']);

const { quads } = loadSources(ROOT);
const inGraph = (name: string): Quad[] => quads.filter((q) => q.graph.value === `${DEFAULT_BASE}graph/${name}`);
const alone = [...inGraph('statements'), ...inGraph('ontology')];

describe('graph:statements with graph:ontology, alone', () => {
  it('give every IRI of ours they use a type and a label', () => {
    const ours = (iri: string): boolean => iri.startsWith(DEFAULT_BASE);
    const used = new Set<string>();
    for (const q of alone) {
      if (q.subject.termType === 'NamedNode' && ours(q.subject.value)) used.add(q.subject.value);
      if (ours(q.predicate.value)) used.add(q.predicate.value);
      if (q.object.termType === 'NamedNode' && ours(q.object.value) && !VERSION_LINKS.has(q.predicate.value)) used.add(q.object.value);
    }
    const typed = new Set(alone.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.subject.value));
    const labelled = new Set(alone.filter((q) => LABELS.has(q.predicate.value)).map((q) => q.subject.value));
    expect(used.size).toBeGreaterThan(250);
    expect([...used].filter((iri) => !typed.has(iri)).sort(), 'IRIs without a type').toEqual([]);
    expect([...used].filter((iri) => !labelled.has(iri)).sort(), 'IRIs without a label').toEqual([]);
  });

  it('label the four groups (a)-(d) as the questions print them', () => {
    const label = (name: string): string | undefined => alone.find((q) => q.subject.value === `${DEFAULT_BASE}id/stakeholder/${name}`
      && q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#label')?.object.value;
    expect(['government', 'small-scale-miners', 'rest-of-industry', 'rest-of-society'].map(label))
      .toEqual(['government', 'small-scale miners (or their communities)', 'the rest of the industry', 'the rest of society']);
  });

  it('hold no editorial property, and every asm:answers is in the editorial graph', () => {
    const editorial = new Set(inGraph('ontology')
      .filter((q) => q.predicate.value === `${DEFAULT_BASE}ontology#assertionKind` && q.object.value === `${DEFAULT_BASE}ontology#Editorial`)
      .map((q) => q.subject.value));
    expect(editorial).toContain(`${DEFAULT_BASE}ontology#answers`);
    expect(editorial).toContain(`${DEFAULT_BASE}ontology#impliedActor`);
    const leaks = inGraph('statements').filter((q) => editorial.has(q.predicate.value)
      || (q.predicate.value === RDF_TYPE && editorial.has(q.object.value)));
    expect(leaks.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`)).toEqual([]);
    expect(inGraph('editorial').filter((q) => q.predicate.value === `${DEFAULT_BASE}ontology#answers`)).toHaveLength(16);
  });
});
