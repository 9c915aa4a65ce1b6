/**
 * The editorial layer of 0.2.0 (issue 9) is reproducible and carries its basis:
 * - the echo candidates file is exactly what the TF-IDF pass (src/editorial/echo-candidates.ts) writes, and
 *   every confirmed echo records the score that pass gives its pair, joins two workshops, and is named after
 *   its pair;
 * - every recommendation quotes words of its own text, and every implied actor has its basis in the graph;
 * - the deprecated theme keeps its meaning and points to what replaces it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Quad } from 'n3';
import { candidatesTsv, echoCandidates, readStatementTexts } from '../src/editorial/echo-candidates.js';
import { DEFAULT_BASE } from '../src/core/iri.js';
import { loadSources } from '../src/rdf/load.js';
import { ROOT } from './support/project.js';

const ASM = `${DEFAULT_BASE}ontology#`;
const ST = `${DEFAULT_BASE}id/statement/`;
const { quads } = loadSources(ROOT);
const objects = (s: string, p: string): Quad['object'][] => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
const subjectsOfType = (cls: string): string[] =>
  [...new Set(quads.filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === cls).map((q) => q.subject.value))];

describe('echoes', () => {
  const statements = readStatementTexts(ROOT);
  const all = echoCandidates(statements, 0);
  const score = (a: string, b: string): number | undefined =>
    all.find((c) => (c.a.id === a && c.b.id === b) || (c.a.id === b && c.b.id === a))?.score;
  const echoes = subjectsOfType(`${ASM}Echo`);

  it('have a candidate list that is exactly what `npm run echoes:candidates` writes', () => {
    expect(readFileSync(join(ROOT, 'data/editorial/echo-candidates.tsv'), 'utf8')).toBe(candidatesTsv(echoCandidates(statements)));
  });

  it('record the score the candidate pass gives each confirmed pair, and join two workshops', () => {
    expect(echoes.length).toBeGreaterThanOrEqual(40);
    const workshop = new Map(statements.map((s) => [s.id, s.workshop]));
    for (const echo of echoes) {
      const pair = objects(echo, `${ASM}echoBetween`).map((t) => t.value.slice(ST.length)).sort();
      expect(pair, echo).toHaveLength(2);
      const [a, b] = pair as [string, string];
      expect(echo).toBe(`${DEFAULT_BASE}id/echo/${a}--${b}`);
      expect(workshop.get(a), echo).not.toBe(workshop.get(b));
      // The score to three places, in xsd:decimal's canonical form (0.19, "1"), as stores give it back.
      const recorded = objects(echo, `${ASM}similarity`).map((t) => `${t.value}^^${(t as { datatype?: { value: string } }).datatype?.value}`);
      expect(recorded, echo).toEqual([`${canonicalDecimal((score(a, b) ?? 0).toFixed(3))}^^http://www.w3.org/2001/XMLSchema#decimal`]);
      expect(objects(echo, `${ASM}basis`), echo).toHaveLength(1);
    }
  });
});

describe('recommendations and implied actors', () => {
  it('quote, in each recommendation basis, words of the statement itself', () => {
    const recommendations = subjectsOfType(`${ASM}Recommendation`);
    expect(recommendations.length).toBeGreaterThanOrEqual(60);
    const outside = recommendations.filter((s) => {
      const text = objects(s, `${ASM}text`)[0]?.value ?? '';
      const basis = objects(s, `${ASM}recommendationBasis`);
      return basis.length !== 1 || !text.includes(basis[0]!.value);
    });
    expect(outside).toEqual([]);
  });

  it('give the basis of every implied actor in the graph', () => {
    const implied = [...new Set(quads.filter((q) => q.predicate.value === `${ASM}impliedActor`).map((q) => q.subject.value))];
    expect(implied.length).toBeGreaterThan(40);
    expect(implied.filter((s) => objects(s, `${ASM}impliedActorBasis`).length !== 1)).toEqual([]);
  });
});

describe('the deprecated theme', () => {
  it('keeps its label and definition, carries no statement, and is replaced by the two themes that split it', () => {
    const old = `${DEFAULT_BASE}id/theme/health-and-mercury`;
    expect(objects(old, 'http://www.w3.org/2004/02/skos/core#prefLabel').map((t) => t.value)).toEqual(['health, safety and mercury']);
    expect(objects(old, 'http://www.w3.org/2002/07/owl#deprecated').map((t) => t.value)).toEqual(['true']);
    expect(objects(old, 'http://purl.org/dc/terms/isReplacedBy').map((t) => t.value).sort())
      .toEqual([`${DEFAULT_BASE}id/theme/health-and-safety`, `${DEFAULT_BASE}id/theme/mercury-and-toxic-substances`]);
    expect(quads.filter((q) => q.predicate.value === `${ASM}theme` && q.object.value === old)).toEqual([]);
  });
});

/** XSD 1.1's canonical lexical form of a decimal written with a point: no trailing zeros, no point for a whole number. */
function canonicalDecimal(lexical: string): string {
  return lexical.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
