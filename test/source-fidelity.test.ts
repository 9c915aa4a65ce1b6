/**
 * Every statement of the source is in the graph, verbatim, in its workshop and section, nested and
 * ordered as printed. The expectations come from test/support/source-outline.ts, an independent
 * reading of data/source/workshops-summary.txt; the graph comes from the committed dist/.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Store } from 'n3';
import { readOutline, type WorkshopKey } from './support/source-outline.js';
import { readDump, ROOT } from './support/project.js';

const BASE = 'https://w3id.org/asm-kg/';
const ASM = `${BASE}ontology#`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const outline = readOutline(join(ROOT, 'data/source/workshops-summary.txt'));
const store = new Store(readDump());

const one = (subject: string, predicate: string): string | undefined => store.getObjects(subject, predicate, null)[0]?.value;
const all = (subject: string, predicate: string): string[] => store.getObjects(subject, predicate, null).map((t) => t.value).sort();

interface GraphStatement { iri: string; text: string; workshop: string; section: string; group: string | undefined; marker: string; parent: string | undefined; position: number }

const statements: GraphStatement[] = store.getSubjects(RDF_TYPE, `${ASM}Statement`, null).map((s) => {
  const section = one(s.value, `${ASM}inSection`)!;
  const parentSection = one(section, 'http://purl.org/dc/terms/isPartOf')!;
  const sectionIsGroup = store.getObjects(parentSection, RDF_TYPE, null).some((t) => t.value === `${ASM}Section`);
  return {
    iri: s.value,
    text: one(s.value, `${ASM}text`)!,
    workshop: one(s.value, `${ASM}raisedIn`)!,
    section: one(sectionIsGroup ? parentSection : section, `${ASM}heading`)!,
    group: sectionIsGroup ? one(section, `${ASM}heading`) : undefined,
    marker: one(s.value, `${ASM}listMarker`)!,
    parent: one(s.value, `${ASM}elaborates`),
    position: Number(one(s.value, `${ASM}position`)),
  };
}).sort((a, b) => a.position - b.position);

const WORKSHOP_IRI: Record<WorkshopKey, string> = { w1: `${BASE}id/workshop/1`, w2: `${BASE}id/workshop/2`, w3: `${BASE}id/workshop/3`, fw: `${BASE}id/workshop/facilitators` };

describe('the statements of the source', () => {
  it('are all in the graph, one resource each', () => {
    expect(outline.items).toHaveLength(189);
    expect(statements).toHaveLength(outline.items.length);
  });

  it('keep their text verbatim, workshop, section, group heading and list marker, in document order', () => {
    const fromGraph = statements.map(({ text, workshop, section, group, marker }) => ({ text, workshop, section, group, marker }));
    const fromSource = outline.items.map((item) => ({ text: item.text, workshop: WORKSHOP_IRI[item.workshop], section: item.section, group: item.group, marker: item.marker }));
    expect(fromGraph).toEqual(fromSource);
  });

  it('carry their text as English-tagged literals', () => {
    for (const s of statements) {
      const [literal] = store.getObjects(s.iri, `${ASM}text`, null);
      expect(literal?.termType === 'Literal' && literal.language).toBe('en');
    }
  });

  it('elaborate the point they are nested under', () => {
    const parents = statements.map((s) => (s.parent === undefined ? undefined : statements.findIndex((p) => p.iri === s.parent)));
    expect(parents).toEqual(outline.items.map((item) => item.parent));
  });

  it('are quoted from the source document', () => {
    for (const s of statements) expect(all(s.iri, 'http://www.w3.org/ns/prov#wasQuotedFrom')).toEqual([`${BASE}id/source/workshops-summary`]);
  });

  it('flag exactly the bracketed items as tentative', () => {
    const tentative = statements.filter((s) => one(s.iri, `${ASM}tentative`) === 'true').map((s) => s.text);
    expect(tentative).toEqual(outline.items.filter((i) => i.text.startsWith('[') && i.text.endsWith(']')).map((i) => i.text));
    expect(tentative).toHaveLength(2);
  });
});

describe('the emphasis of Workshop 1', () => {
  const ACRONYMS = new Set(['ASM', 'RA', 'PNG']);
  const capitalWords = (text: string): string[] => (text.match(/[A-Z][A-Z-]+/g) ?? []).filter((w) => !ACRONYMS.has(w));

  it('is kept as phrases printed in capitals in the statement itself', () => {
    for (const s of statements) {
      for (const phrase of all(s.iri, `${ASM}emphasis`)) {
        expect(s.text).toContain(phrase);
        expect(phrase).toBe(phrase.toUpperCase());
      }
    }
  });

  it('covers every capitalised word of Workshop 1 and nothing elsewhere', () => {
    for (const s of statements) {
      const covered = all(s.iri, `${ASM}emphasis`).flatMap(capitalWords);
      const expected = s.workshop === WORKSHOP_IRI.w1 ? capitalWords(s.text) : [];
      expect(covered.sort(), s.text).toEqual(expected.sort());
    }
  });
});

describe('the context of the statements', () => {
  it('names each workshop facilitator and the overall facilitator as the source does', () => {
    const facilitatorName = (workshop: string): string | undefined => {
      const person = one(workshop, `${ASM}facilitator`);
      return person && one(person, 'https://schema.org/name');
    };
    expect(facilitatorName(WORKSHOP_IRI.w1)).toBe(outline.facilitators.w1);
    expect(facilitatorName(WORKSHOP_IRI.w2)).toBe(outline.facilitators.w2);
    expect(facilitatorName(WORKSHOP_IRI.w3)).toBe(outline.facilitators.w3);
    expect(facilitatorName(WORKSHOP_IRI.fw)).toBeUndefined();
    const overall = one(`${BASE}id/event/learning-event`, `${ASM}overallFacilitator`)!;
    expect(one(overall, 'https://schema.org/name')).toBe(outline.overallFacilitator);
  });

  it('gives every statement the kind its section maps to, and only one', () => {
    const kinds = [`${ASM}Issue`, `${ASM}Obstacle`, `${ASM}Opportunity`, `${ASM}SpecificStep`];
    for (const s of statements) {
      const own = all(s.iri, RDF_TYPE).filter((t) => kinds.includes(t));
      expect(own).toEqual([one(one(s.iri, `${ASM}inSection`)!, `${ASM}statementKind`)]);
    }
  });

  it('maps each section heading of the source to the documented kind', () => {
    const kindOf = (heading: string): string => {
      const section = store.getSubjects(`${ASM}heading`, null, null).find((s) => one(s.value, `${ASM}heading`) === heading && one(s.value, 'http://purl.org/dc/terms/isPartOf')?.includes('/workshop/'));
      return one(section!.value, `${ASM}statementKind`)!.slice(ASM.length);
    };
    const headings = [...new Set(outline.items.map((i) => i.section))];
    expect(Object.fromEntries(headings.map((h) => [h.slice(0, 30), kindOf(h)]))).toEqual({
      'A. What are the key lessons le': 'Issue', 'B. What are the main obstacles': 'Obstacle', 'C. What are the opportunities ': 'Opportunity',
      'D. What specific steps can be ': 'SpecificStep', 'A. Key lessons learned': 'Issue', 'B. Obstacles': 'Obstacle', 'C. Opportunities': 'Opportunity',
      'D. Specific Steps that Can be ': 'SpecificStep', GOVERNMENT: 'Issue', 'SMALL SCALE MINERS': 'Issue', 'MEDIUM/ LARGE SCALE MINERS': 'Issue',
      OTHERS: 'Issue', OBSTACLES: 'Obstacle', OPPORTUNITIES: 'Opportunity', 'SPECIFIC STEPS': 'SpecificStep', 'NEXT STEPS OR INVITATIONS': 'SpecificStep',
    });
  });
});
