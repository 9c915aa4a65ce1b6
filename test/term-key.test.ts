import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { quadKey, termKey, tripleKey } from '../src/core/term-key.js';

const { namedNode, blankNode, literal, variable, defaultGraph, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** A language-tagged literal whose tag keeps its case (n3's factory writes tags in lower case; other engines' do not). */
const tagged = (value: string, language: string): RDF.Literal => ({
  termType: 'Literal', value, language, direction: '',
  datatype: namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'),
  equals: () => false,
});

describe('termKey', () => {
  it('writes each kind of term in N-Triples form', () => {
    expect(termKey(namedNode('https://w3id.org/asm-kg/id/x'))).toBe('<https://w3id.org/asm-kg/id/x>');
    expect(termKey(blankNode('n3-7'))).toBe('_:n3-7');
    expect(termKey(literal('a "quoted" word'))).toBe('"a \\"quoted\\" word"');
    expect(termKey(tagged('mining', 'en-AU'))).toBe('"mining"@en-AU');
    expect(termKey(literal('2.50', namedNode(`${XSD}decimal`)))).toBe(`"2.50"^^<${XSD}decimal>`);
    expect(termKey(variable('s'))).toBe('?s');
    expect(termKey(defaultGraph())).toBe('');
  });

  it('gives equal terms one key and different terms different keys', () => {
    expect(termKey(literal('x', namedNode(`${XSD}string`)))).toBe(termKey(literal('x')));
    const different = [
      namedNode('b0'), blankNode('b0'), literal('b0'), literal('b0', 'en'), tagged('b0', 'EN'),
      literal('b0', namedNode(`${XSD}token`)), literal('"b0"'), literal('b0 '), variable('b0'),
    ];
    expect(new Set(different.map((t) => termKey(t))).size).toBe(different.length);
  });

  it('reads every blank node alike, and folds language case, only when asked', () => {
    expect(termKey(blankNode('a'), { anonymousBlankNodes: true })).toBe('_:b');
    expect(termKey(blankNode('a'))).not.toBe(termKey(blankNode('c')));
    expect(termKey(tagged('x', 'en-AU'), { foldLanguageCase: true })).toBe('"x"@en-au');
    expect(termKey(tagged('x', 'en-AU'))).toBe('"x"@en-AU');
  });
});

describe('tripleKey and quadKey', () => {
  const s = namedNode('https://w3id.org/asm-kg/id/s');
  const p = namedNode('http://www.w3.org/2000/01/rdf-schema#label');
  const inGraph = quad(s, p, literal('a b', 'en'), namedNode('https://w3id.org/asm-kg/graph/g'));
  const inDefault = quad(s, p, literal('a b', 'en'));

  it('keys a triple by its three terms, its graph left out', () => {
    expect(tripleKey(inGraph)).toBe('<https://w3id.org/asm-kg/id/s> <http://www.w3.org/2000/01/rdf-schema#label> "a b"@en');
    expect(tripleKey(inGraph)).toBe(tripleKey(inDefault));
  });

  it('keys a quad by its triple and its graph: the same triple in two graphs is two quads', () => {
    expect(quadKey(inGraph)).toBe(`${tripleKey(inGraph)} <https://w3id.org/asm-kg/graph/g>`);
    expect(quadKey(inGraph)).not.toBe(quadKey(inDefault));
  });
});
