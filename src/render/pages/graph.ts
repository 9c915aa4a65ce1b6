/**
 * The graph as the pages read it: typed accessors over the N3 store for workshops, sections, statements,
 * stakeholders and themes, each list in document order (asm:position), and which triples are editorial
 * (the editorial and links named graphs) rather than the source's words.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, type Quad, type Store } from 'n3';
import { termKey } from '../../core/term-key.js';
import { labelPredicates, shorten } from '../labels.js';

const { namedNode } = DataFactory;

export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const DCTERMS = 'http://purl.org/dc/terms/';

/** The four kinds a statement has exactly one of, in the order the workshops answered the questions. */
export const KINDS = ['Issue', 'Obstacle', 'Opportunity', 'SpecificStep'] as const;
export type Kind = typeof KINDS[number];
export const KIND_LABELS: Record<Kind, string> = { Issue: 'issue', Obstacle: 'obstacle', Opportunity: 'opportunity', SpecificStep: 'specific step' };

export class Graph {
  readonly asm: string;
  readonly editorialGraphs: Set<string>;
  private readonly labelPredicates: string[];
  private readonly labelCache = new Map<string, string | undefined>();
  private readonly positionCache = new Map<string, number>();
  /** The graph cannot change while pages are rendered from it: lists asked for again and again are kept. */
  private readonly memo = new Map<string, unknown>();

  private remember<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  constructor(readonly store: Store, readonly base: string) {
    this.asm = `${base}ontology#`;
    this.editorialGraphs = new Set([`${base}graph/editorial`, `${base}graph/links`]);
    this.labelPredicates = labelPredicates(base);
  }

  /** An asm: term. */
  a(local: string): string {
    return `${this.asm}${local}`;
  }

  quads(subject: string | null, predicate: string | null, object: RDF.Term | string | null): Quad[] {
    const o = typeof object === 'string' ? namedNode(object) : object;
    return this.store.getQuads(subject === null ? null : namedNode(subject), predicate === null ? null : namedNode(predicate), o, null);
  }

  objects(subject: string, predicate: string): RDF.Term[] {
    return unique(this.quads(subject, predicate, null).map((q) => q.object));
  }

  iris(subject: string, predicate: string): string[] {
    return [...new Set(this.objects(subject, predicate).filter((t) => t.termType === 'NamedNode').map((t) => t.value))];
  }

  subjects(predicate: string, object: string): string[] {
    return [...new Set(this.quads(null, predicate, object).map((q) => q.subject).filter((t) => t.termType === 'NamedNode').map((t) => t.value))];
  }

  literal(subject: string, predicate: string): string | undefined {
    const literals = this.objects(subject, predicate).filter((t): t is RDF.Literal => t.termType === 'Literal');
    return (literals.find((l) => l.language.startsWith('en')) ?? literals[0])?.value;
  }

  has(subject: string, predicate: string, object: string): boolean {
    return this.store.countQuads(namedNode(subject), namedNode(predicate), namedNode(object), null) > 0;
  }

  isA(iri: string, type: string): boolean {
    return this.has(iri, RDF_TYPE, type);
  }

  instances(type: string): string[] {
    return this.subjects(RDF_TYPE, type);
  }

  /** Whether the triple is asserted (also) in an editorial graph, and nowhere else. */
  isEditorial(quad: Quad): boolean {
    return this.editorialGraphs.has(quad.graph.value);
  }

  /** The display label (shortened text for a statement), or undefined. */
  labelOrUndefined(iri: string): string | undefined {
    if (!this.labelCache.has(iri)) {
      let label: string | undefined;
      for (const predicate of this.labelPredicates) {
        const value = this.literal(iri, predicate);
        if (value !== undefined) { label = shorten(value); break; }
      }
      this.labelCache.set(iri, label);
    }
    return this.labelCache.get(iri);
  }

  label(iri: string): string {
    return this.labelOrUndefined(iri) ?? localName(iri);
  }

  position(iri: string): number {
    let position = this.positionCache.get(iri);
    if (position === undefined) {
      position = Number(this.literal(iri, this.a('position')) ?? Number.MAX_SAFE_INTEGER);
      this.positionCache.set(iri, position);
    }
    return position;
  }

  byPosition(iris: Iterable<string>): string[] {
    return [...new Set(iris)].sort((a, b) => this.position(a) - this.position(b) || a.localeCompare(b));
  }

  byLabel(iris: Iterable<string>): string[] {
    return [...new Set(iris)].sort((a, b) => this.label(a).localeCompare(this.label(b)) || a.localeCompare(b));
  }

  // --- the source's structure ------------------------------------------------------------------------

  workshops(): string[] {
    return this.remember('workshops', () => this.byPosition(this.instances(this.a('Workshop'))));
  }

  isSimultaneous(workshop: string): boolean {
    return this.isA(workshop, this.a('SimultaneousWorkshop'));
  }

  statements(): string[] {
    return this.byPosition(this.instances(this.a('Statement')));
  }

  statementsIn(workshop: string): string[] {
    return this.remember(`statementsIn ${workshop}`, () => this.byPosition(this.subjects(this.a('raisedIn'), workshop)));
  }

  /** The sections of a workshop, nested ones included, in document order. */
  sectionsOf(workshop: string): string[] {
    const found: string[] = [];
    const queue = [workshop];
    while (queue.length > 0) {
      for (const part of this.subjects(`${DCTERMS}isPartOf`, queue.pop()!)) {
        if (this.isA(part, this.a('Section')) && !found.includes(part)) { found.push(part); queue.push(part); }
      }
    }
    return this.byPosition(found);
  }

  kind(statement: string): Kind | undefined {
    return this.remember(`kind ${statement}`, () => KINDS.find((k) => this.isA(statement, this.a(k))));
  }

  workshopOf(statement: string): string | undefined {
    return this.remember(`workshopOf ${statement}`, () => this.iris(statement, this.a('raisedIn'))[0]);
  }

  sectionOf(statement: string): string | undefined {
    return this.iris(statement, this.a('inSection'))[0];
  }

  parentOf(statement: string): string | undefined {
    return this.iris(statement, this.a('elaborates'))[0];
  }

  childrenOf(statement: string): string[] {
    return this.byPosition(this.subjects(this.a('elaborates'), statement));
  }

  /** The section a section is part of, when it is one (Workshop 1's "For government -" sits in A). */
  parentSection(section: string): string | undefined {
    return this.iris(section, `${DCTERMS}isPartOf`).find((p) => this.isA(p, this.a('Section')));
  }

  /** The workshop a section belongs to, however deep. */
  workshopOfSection(section: string): string | undefined {
    let current: string | undefined = section;
    for (let depth = 0; current !== undefined && depth < 8; depth++) {
      const parts: string[] = this.iris(current, `${DCTERMS}isPartOf`);
      const workshop = parts.find((p) => this.isA(p, this.a('Workshop')));
      if (workshop !== undefined) return workshop;
      current = parts.find((p) => this.isA(p, this.a('Section')));
    }
    return undefined;
  }

  facilitators(workshop: string): string[] {
    return this.iris(workshop, this.a('facilitator'));
  }

  // --- stakeholders and themes -------------------------------------------------------------------------

  stakeholders(): string[] {
    return this.byLabel(this.instances(this.a('Stakeholder')));
  }

  /** The four groups (a)-(d), in the order the scheme lists them. */
  groups(): string[] {
    const scheme = `${this.base}id/scheme/stakeholders`;
    const tops = this.subjects(`${SKOS}topConceptOf`, scheme);
    const order = ['government', 'small-scale-miners', 'rest-of-industry', 'rest-of-society'];
    const rank = (iri: string) => { const i = order.indexOf(localName(iri)); return i < 0 ? order.length : i; };
    return tops.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }

  broader(concept: string): string[] {
    return this.iris(concept, `${SKOS}broader`);
  }

  narrower(concept: string): string[] {
    return this.byLabel(this.subjects(`${SKOS}broader`, concept));
  }

  /** The concept and every concept under it (skos:broader*, from below). */
  narrowerTransitive(concept: string): string[] {
    const found = [concept];
    for (let i = 0; i < found.length; i++) {
      for (const child of this.subjects(`${SKOS}broader`, found[i]!)) if (!found.includes(child)) found.push(child);
    }
    return found;
  }

  /** The top groups a stakeholder falls under (itself, if it is one). */
  groupsOf(stakeholder: string): string[] {
    return this.remember(`groupsOf ${stakeholder}`, () => this.findGroups(stakeholder));
  }

  private findGroups(stakeholder: string): string[] {
    const groups = new Set(this.groups());
    const found = new Set<string>();
    const seen = new Set<string>();
    const queue = [stakeholder];
    while (queue.length > 0) {
      const current = queue.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      if (groups.has(current)) found.add(current);
      queue.push(...this.broader(current));
    }
    return [...found];
  }

  /** The themes in use (a deprecated theme, replaced by others, keeps its page but leaves the lists). */
  themes(): string[] {
    return this.byLabel(this.instances(this.a('Theme')).filter((t) => !this.isDeprecated(t)));
  }

  isDeprecated(iri: string): boolean {
    return this.literal(iri, `${OWL}deprecated`) === 'true';
  }

  themesOf(statement: string): string[] {
    return this.byLabel(this.iris(statement, this.a('theme')));
  }
}

export function localName(iri: string): string {
  return iri.replace(/^.*[/#]/, '') || iri;
}

function unique(terms: RDF.Term[]): RDF.Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = termKey(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
