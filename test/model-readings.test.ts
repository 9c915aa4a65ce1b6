/**
 * The qualified records of asm:addresses, asm:impliedActor and asm:echoes, read from the Turtle sources
 * (not through SPARQL, so that the catalogue's checks are not the only witness):
 * - every asserted link has exactly one live record, named after what it reads, applying the relation's rule;
 *   every live record's link is asserted, and every withdrawn (owl:deprecated) one's is not, with its reason;
 * - a record's asm:quotes are the statement's own words;
 * - echoes join only statements of two different simultaneous workshops, and no pair both echoes and addresses;
 * - every review a record names is a declared asm:DomainReview.
 */
import { describe, expect, it } from 'vitest';
import type { Quad } from 'n3';
import { DEFAULT_BASE } from '../src/core/iri.js';
import { loadSources } from '../src/rdf/load.js';
import { ROOT } from './support/project.js';

const ASM = `${DEFAULT_BASE}ontology#`;
const ST = `${DEFAULT_BASE}id/statement/`;
const STK = `${DEFAULT_BASE}id/stakeholder/`;
const READING = `${DEFAULT_BASE}id/reading/`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DEPRECATED = 'http://www.w3.org/2002/07/owl#deprecated';
const { quads } = loadSources(ROOT);
/** The quads of each subject, in source order: `objects` is called for every record and link, and a scan of all quads each time took seconds. */
const bySubject = new Map<string, Quad[]>();
for (const q of quads) {
  const list = bySubject.get(q.subject.value);
  if (list === undefined) bySubject.set(q.subject.value, [q]);
  else list.push(q);
}
const objects = (s: string, p: string): string[] => (bySubject.get(s) ?? []).filter((q) => q.predicate.value === p).map((q) => q.object.value);
const subjects = (p: string, o: string): string[] => [...new Set(quads.filter((q: Quad) => q.predicate.value === p && q.object.value === o).map((q) => q.subject.value))];
const links = (p: string): Array<[string, string]> => quads.filter((q: Quad) => q.predicate.value === `${ASM}${p}`).map((q) => [q.subject.value, q.object.value]);
const live = (record: string): boolean => !objects(record, DEPRECATED).includes('true');

describe.each([
  ['addresses', 'addresses', 'AddressesRule', ST],
  ['impliedActor', 'implied-actor', 'ImpliedActorRule', STK],
] as const)('asm:%s records', (property, relation, rule, valueNamespace) => {
  const records = subjects(`${ASM}readingProperty`, `${ASM}${property}`);

  it('one live record per asserted link, named after it, applying the rule; none for a link not asserted', () => {
    expect(links(property).length).toBeGreaterThan(0);
    for (const [s, o] of links(property)) {
      const named = `${READING}${relation}/${s.slice(ST.length)}--${o.slice(valueNamespace.length)}`;
      const matching = records.filter((r) => live(r) && objects(r, `${ASM}readingOf`).includes(s) && objects(r, `${ASM}readingValue`).includes(o));
      expect(matching, `${s} ${property} ${o}`).toEqual([named]);
      expect(objects(named, `${ASM}appliesRule`)).toEqual([`${ASM}${rule}`]);
      expect(objects(named, `${ASM}basis`)).toHaveLength(1);
    }
    for (const record of records.filter(live)) {
      const [s, o] = [objects(record, `${ASM}readingOf`)[0]!, objects(record, `${ASM}readingValue`)[0]!];
      expect(objects(s, `${ASM}${property}`), record).toContain(o);
    }
  });

  it('a withdrawn record keeps its reason and its link is no longer asserted', () => {
    const withdrawn = records.filter((r) => !live(r));
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const record of withdrawn) {
      expect(objects(record, `${ASM}withdrawnBecause`), record).toHaveLength(1);
      const [s, o] = [objects(record, `${ASM}readingOf`)[0]!, objects(record, `${ASM}readingValue`)[0]!];
      expect(objects(s, `${ASM}${property}`), record).not.toContain(o);
    }
  });

  it('quotes only the statement\'s own words', () => {
    for (const record of records) {
      const text = objects(objects(record, `${ASM}readingOf`)[0]!, `${ASM}text`)[0]!;
      for (const quoted of objects(record, `${ASM}quotes`)) expect(text, record).toContain(quoted);
    }
  });
});

describe('echoes', () => {
  const echoes = subjects(RDF_TYPE, `${ASM}Echo`);
  const workshop = (s: string) => objects(s, `${ASM}raisedIn`)[0]!;
  const simultaneous = (w: string) => objects(w, RDF_TYPE).includes(`${ASM}SimultaneousWorkshop`);

  it('join only statements of two different simultaneous workshops, and every live record applies asm:EchoRule', () => {
    for (const [a, b] of links('echoes')) {
      expect(simultaneous(workshop(a)) && simultaneous(workshop(b)) && workshop(a) !== workshop(b), `${a} echoes ${b}`).toBe(true);
    }
    for (const echo of echoes.filter(live)) expect(objects(echo, `${ASM}appliesRule`), echo).toEqual([`${ASM}EchoRule`]);
  });

  it('a withdrawn echo keeps its record and reason, and the pair is no longer asserted either way', () => {
    const withdrawn = echoes.filter((e) => !live(e));
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const echo of withdrawn) {
      expect(objects(echo, `${ASM}withdrawnBecause`), echo).toHaveLength(1);
      const [a, b] = objects(echo, `${ASM}echoBetween`);
      expect(objects(a!, `${ASM}echoes`), echo).not.toContain(b);
      expect(objects(b!, `${ASM}echoes`), echo).not.toContain(a);
    }
  });

  it('no pair both echoes and addresses', () => {
    const echoing = new Set(links('echoes').map(([a, b]) => `${a} ${b}`));
    expect(links('addresses').filter(([s, o]) => echoing.has(`${s} ${o}`))).toEqual([]);
  });
});

it('every review a record names is a declared domain review with a label and a date', () => {
  const named = [...new Set(quads.filter((q: Quad) => q.predicate.value === `${ASM}passedReview`).map((q) => q.object.value))].sort();
  expect(named).toEqual([`${DEFAULT_BASE}id/review/0.1.0`, `${DEFAULT_BASE}id/review/0.2.1`]);
  for (const review of named) {
    expect(objects(review, RDF_TYPE)).toContain(`${ASM}DomainReview`);
    expect(objects(review, 'http://www.w3.org/2000/01/rdf-schema#label')).toHaveLength(1);
    expect(objects(review, 'http://purl.org/dc/terms/date')).toHaveLength(1);
  }
});
