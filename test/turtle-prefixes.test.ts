/**
 * One Turtle writer and one used-prefix rule: the served and site documents (quadsToTurtle, quadsToTriG)
 * declare a prefix only when some term is written with it, as the dumps do (serialize/rdf-text.ts).
 */
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { quadsToTriG, quadsToTurtle } from '../src/serialize/quads.js';
import { toTurtle } from '../src/serialize/rdf-text.js';

const { namedNode, literal, quad } = DataFactory;
const prefixes = {
  ws: 'https://w3id.org/asm-kg/id/workshop/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  schema: 'https://schema.org/',
};
// ws:1 is not a portable prefixed name (a leading digit): the writer spells the IRI in full.
const quads = [
  quad(namedNode('https://w3id.org/asm-kg/id/workshop/1'), namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal('Workshop 1', 'en')),
  quad(namedNode('https://w3id.org/asm-kg/id/workshop/1'), namedNode('https://schema.org/name'), literal('One')),
];

describe('the used-prefix rule', () => {
  it('declares no prefix that no term is written with (ws: before a digit, xsd: for plain strings)', () => {
    const turtle = quadsToTurtle(quads, prefixes);
    expect(turtle).toBe(`@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#>.
@prefix schema: <https://schema.org/>.

<https://w3id.org/asm-kg/id/workshop/1> rdfs:label "Workshop 1"@en;
    schema:name "One" .
`);
    expect(turtle).toBe(toTurtle(quads.slice().sort((a, b) => (a.predicate.value < b.predicate.value ? -1 : 1)), prefixes));
    const trig = quadsToTriG(quads.map((q) => quad(q.subject, q.predicate, q.object, namedNode('https://w3id.org/asm-kg/graph/links'))), prefixes);
    expect(trig).not.toContain('@prefix ws:');
    expect(trig).not.toContain('@prefix xsd:');
  });

  it('declares a datatype prefix when a typed literal is written with it', () => {
    const typed = [quad(namedNode('https://w3id.org/asm-kg/id/workshop/1'), namedNode('https://schema.org/startDate'), literal('2024-05-01', namedNode('http://www.w3.org/2001/XMLSchema#date')))];
    expect(quadsToTurtle(typed, prefixes)).toContain('@prefix xsd: <http://www.w3.org/2001/XMLSchema#>.');
    expect(quadsToTurtle(typed, prefixes)).toContain('"2024-05-01"^^xsd:date');
  });
});
