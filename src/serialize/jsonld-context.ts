/**
 * The JSON-LD context published as dist/context.jsonld and embedded in the JSON-LD dump: short,
 * readable terms for the ontology's classes and properties and the vocabularies it reuses.
 */
import { vocabulary } from '../core/iri.js';

type TermDefinition = string | { '@id': string; '@type'?: string; '@language'?: string; '@container'?: string };

const ID = { '@type': '@id' } as const;
const EN = { '@language': 'en' } as const;
const SET = { '@container': '@set' } as const;

/** Terms for asm: properties, with how their values compact. */
const ASM_PROPERTIES: Record<string, object> = {
  text: EN, emphasis: { ...EN, ...SET }, heading: EN, tentative: {}, listMarker: {}, position: {},
  raisedIn: ID, inSection: ID, elaborates: ID, addressedTo: ID, actor: { ...ID, ...SET }, impliedActor: { ...ID, ...SET },
  statementKind: { '@type': '@vocab' }, answers: ID, asksAbout: { ...ID, ...SET }, workshopQuestion: { ...ID, ...SET },
  facilitator: ID, overallFacilitator: ID, addresses: { ...ID, ...SET },
  synthesises: { ...ID, ...SET }, assertionKind: ID,
  echoes: { ...ID, ...SET }, echoBetween: { ...ID, ...SET }, supportSoughtFrom: { ...ID, ...SET }, similarity: {},
  basis: EN, recommendationBasis: EN, impliedActorBasis: EN,
  rule: ID, readingOf: ID, readingProperty: ID, readingValue: ID, quotes: { ...EN, ...SET }, appliesRule: ID,
  passedReview: { ...ID, ...SET }, withdrawnBecause: EN,
};

const ASM_CLASSES = ['LearningEvent', 'Workshop', 'SimultaneousWorkshop', 'FacilitatorsWorkshop', 'Facilitator', 'Question',
  'Section', 'Statement', 'Issue', 'Obstacle', 'Remedy', 'Opportunity', 'SpecificStep', 'Stakeholder', 'Theme', 'Editorial',
  'Recommendation', 'Echo', 'Reading', 'EditorialRule', 'DomainReview'];

/** Terms for the reused vocabularies' properties that the graph uses. */
const REUSED_PROPERTIES: Record<string, [string, object]> = {
  label: ['rdfs:label', EN], comment: ['rdfs:comment', EN], isDefinedBy: ['rdfs:isDefinedBy', ID],
  subClassOf: ['rdfs:subClassOf', ID], subPropertyOf: ['rdfs:subPropertyOf', ID], domain: ['rdfs:domain', ID], range: ['rdfs:range', ID],
  prefLabel: ['skos:prefLabel', EN], altLabel: ['skos:altLabel', { ...EN, ...SET }], definition: ['skos:definition', EN],
  broader: ['skos:broader', ID], related: ['skos:related', ID], inScheme: ['skos:inScheme', ID],
  topConceptOf: ['skos:topConceptOf', ID], hasTopConcept: ['skos:hasTopConcept', { ...ID, ...SET }],
  wasQuotedFrom: ['prov:wasQuotedFrom', ID], wasDerivedFrom: ['prov:wasDerivedFrom', ID], wasAttributedTo: ['prov:wasAttributedTo', ID],
  isPartOf: ['dcterms:isPartOf', ID], title: ['dcterms:title', EN], description: ['dcterms:description', EN],
  name: ['schema:name', {}], subEvent: ['schema:subEvent', { ...ID, ...SET }], superEvent: ['schema:superEvent', ID],
  about: ['schema:about', ID], alternateName: ['schema:alternateName', SET],
  deprecated: ['owl:deprecated', {}], priorVersion: ['owl:priorVersion', ID],
  isReplacedBy: ['dcterms:isReplacedBy', ID], historyNote: ['skos:historyNote', EN],
};

export function jsonldContext(base: string): Record<string, unknown> {
  const { prefixes } = vocabulary(base);
  const context: Record<string, TermDefinition | number | string> = { '@version': 1.1 };
  for (const [prefix, iri] of Object.entries(prefixes)) {
    if (prefix !== 'sh') context[prefix] = iri;
  }
  context.id = '@id';
  context.type = '@type';
  for (const cls of ASM_CLASSES) context[cls] = `asm:${cls}`;
  for (const [name, definition] of Object.entries(ASM_PROPERTIES)) context[name] = { '@id': `asm:${name}`, ...definition };
  // "theme" is the prefix of the theme IRIs (theme:women-and-gender), so the property is "themes".
  context.themes = { '@id': 'asm:theme', ...ID, ...SET };
  for (const [name, [iri, definition]] of Object.entries(REUSED_PROPERTIES)) context[name] = { '@id': iri, ...definition };
  return { '@context': context };
}
