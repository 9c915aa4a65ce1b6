/**
 * The readings decided on the 0.2.1 domain review carry their reason in the data, read from the Turtle sources
 * (not from the build or a query engine):
 * - every asm:Recommendation and every theme assignment a review judged has a qualified record (asm:Reading)
 *   named after what it reads, whose quoted words are part of the statement's own text;
 * - a live record's triple is asserted, a deprecated record's triple is not, and it says why it was withdrawn;
 * - the rules of these relations are published once, in the ontology, and linked from their terms; the
 *   prescribing forms that recommendation-without-prescribing-form-violation.rq checks are the rule's own list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Quad } from 'n3';
import { DEFAULT_BASE } from '../src/core/iri.js';
import { loadSources } from '../src/rdf/load.js';
import { ROOT } from './support/project.js';

const ASM = `${DEFAULT_BASE}ontology#`;
const ST = `${DEFAULT_BASE}id/statement/`;
const THEME = `${DEFAULT_BASE}id/theme/`;
const READING = `${DEFAULT_BASE}id/reading/`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DEPRECATED = 'http://www.w3.org/2002/07/owl#deprecated';
const { quads } = loadSources(ROOT);
const objects = (s: string, p: string): string[] => quads.filter((q: Quad) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const one = (s: string, p: string): string | undefined => objects(s, p)[0];
const asserted = (s: string, p: string, o: string): boolean => objects(s, p).includes(o);
const recordsApplying = (rule: string): string[] =>
  [...new Set(quads.filter((q) => q.predicate.value === `${ASM}appliesRule` && q.object.value === `${ASM}${rule}`).map((q) => q.subject.value))];

describe('recommendation records', () => {
  const records = recordsApplying('RecommendationRule');
  const recommendations = [...new Set(quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${ASM}Recommendation`).map((q) => q.subject.value))];

  it('exist for every recommendation, named after it, with its quoted words and a basis', () => {
    expect(recommendations.length).toBeGreaterThanOrEqual(100);
    const recorded = new Set(records.filter((r) => !asserted(r, DEPRECATED, 'true')).map((r) => one(r, `${ASM}readingOf`)));
    expect(recommendations.filter((s) => !recorded.has(s))).toEqual([]);
    for (const record of records) {
      const statement = one(record, `${ASM}readingOf`)!;
      expect(record).toBe(`${READING}recommendation/${statement.slice(ST.length)}`);
      expect(objects(record, RDF_TYPE)).toContain(`${ASM}Reading`);
      expect([one(record, `${ASM}readingProperty`), one(record, `${ASM}readingValue`)], record).toEqual([RDF_TYPE, `${ASM}Recommendation`]);
      expect(objects(record, `${ASM}basis`), record).toHaveLength(1);
    }
  });

  it('quote words of the statement itself, the same words as its asm:recommendationBasis', () => {
    const wrong = records.filter((record) => {
      const statement = one(record, `${ASM}readingOf`)!;
      const quoted = objects(record, `${ASM}quotes`);
      return quoted.length !== 1 || !(one(statement, `${ASM}text`) ?? '').includes(quoted[0]!)
        || !objects(statement, `${ASM}recommendationBasis`).includes(quoted[0]!);
    });
    expect(wrong).toEqual([]);
  });
});

describe('theme records', () => {
  const records = recordsApplying('ThemeRule');

  it('are named after the assignment they read, and quote only words of the statement itself', () => {
    expect(records.length).toBeGreaterThanOrEqual(45);
    for (const record of records) {
      const statement = one(record, `${ASM}readingOf`)!;
      const theme = one(record, `${ASM}readingValue`)!;
      expect(record).toBe(`${READING}theme/${statement.slice(ST.length)}--${theme.slice(THEME.length)}`);
      expect(one(record, `${ASM}readingProperty`)).toBe(`${ASM}theme`);
      expect(objects(record, `${ASM}basis`), record).toHaveLength(1);
      for (const quoted of objects(record, `${ASM}quotes`)) expect(one(statement, `${ASM}text`), record).toContain(quoted);
    }
  });

  it('are live where the assignment is asserted, and deprecated with a reason where it was withdrawn', () => {
    const mismatched = records.filter((record) => {
      const held = asserted(one(record, `${ASM}readingOf`)!, `${ASM}theme`, one(record, `${ASM}readingValue`)!);
      const withdrawn = asserted(record, DEPRECATED, 'true');
      return held === withdrawn || (withdrawn && objects(record, `${ASM}withdrawnBecause`).length !== 1);
    });
    expect(mismatched).toEqual([]);
    // The review's one doubtful theme that was withdrawn, and the two the 0.1.0 review's decisions withdrew.
    expect(records.filter((r) => asserted(r, DEPRECATED, 'true')).sort()).toEqual([
      `${READING}theme/w1-a-government-15--trust-in-government`,
      `${READING}theme/w2-c-1--property-and-land-rights`,
      `${READING}theme/w3-others-1.4--environment`,
    ]);
  });
});

describe('the rules of recommendations, themes and syntheses', () => {
  it('are published once, in the ontology, with a label and the rule text, and linked from their terms', () => {
    for (const [term, rule] of [['Recommendation', 'RecommendationRule'], ['theme', 'ThemeRule'], ['synthesises', 'SynthesisRule']] as const) {
      expect(objects(`${ASM}${term}`, `${ASM}rule`)).toEqual([`${ASM}${rule}`]);
      // toContain: the build also gives a rule its superclass type (asm:EditorialRule is a prov:Plan).
      expect(objects(`${ASM}${rule}`, RDF_TYPE)).toContain(`${ASM}EditorialRule`);
      expect(objects(`${ASM}${rule}`, 'http://www.w3.org/2000/01/rdf-schema#label')).toHaveLength(1);
      expect((one(`${ASM}${rule}`, 'http://www.w3.org/2000/01/rdf-schema#comment') ?? '').length).toBeGreaterThan(500);
    }
  });

  it('list the nouns of act that the prescribing-form check accepts, and no other', () => {
    const rule = one(`${ASM}RecommendationRule`, 'http://www.w3.org/2000/01/rdf-schema#comment')!;
    const listed = /The nouns of act this source uses: ([^.]+)\./.exec(rule)![1]!.split(', ').map((n) => n.replace(/ \(.*\)$/, ''));
    const query = readFileSync(join(ROOT, 'queries', 'recommendation-without-prescribing-form-violation.rq'), 'utf8');
    const pattern = new RegExp(/REGEX\(STR\(\?quoted\), "([^"]+)", "i"\)/.exec(query)![1]!, 'i');
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.filter((noun) => !pattern.test(noun))).toEqual([]);
    // Words the rule excludes hold no form: a capacity, a thing that exists, a lack.
    for (const excluded of ['can help', 'Existence of', 'Availability of resources', 'needs technical and other assistance', 'Inappropriate laws']) {
      expect(pattern.test(excluded), excluded).toBe(false);
    }
  });
});
