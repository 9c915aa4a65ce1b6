/** The cache key of a query request (src/query/query-key.ts). */
import { describe, expect, it } from 'vitest';
import { canonicalQuery, datasetKey, hashKey, queryKey, queryKeys, requestKey } from '../src/query/query-key.js';

describe('queryKey', () => {
  it('gives re-indented and commented copies of a query the same key', () => {
    const a = 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nSELECT ?o WHERE { ?o a asm:Obstacle }';
    const b = '# obstacles\nPREFIX asm: <https://w3id.org/asm-kg/ontology#>   SELECT ?o\nWHERE {\n  ?o a asm:Obstacle # each\n}';
    expect(queryKey(a)).toBe(queryKey(b));
    expect(queryKey(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads escapes as the parser does: "\\u0041" and "A" are one query', () => {
    expect(queryKey('SELECT * { ?s ?p "\\u0041" }')).toBe(queryKey('SELECT * { ?s ?p "A" }'));
  });

  it('leaves strings and IRIs as they are, # and white space included', () => {
    expect(canonicalQuery('SELECT * { ?s ?p "a  # b" , <http://x.org/y#z> }')[1]).toContain('"value":"a  # b"');
    expect(canonicalQuery('SELECT * { ?s ?p "a  # b" , <http://x.org/y#z> }')[1]).toContain('"value":"http://x.org/y#z"');
  });

  it('tells different queries apart', () => {
    expect(queryKey('SELECT * { ?s ?p "a b" }')).not.toBe(queryKey('SELECT * { ?s ?p "a  b" }'));
    expect(queryKey('SELECT * { ?s ?p ?o } LIMIT 1')).not.toBe(queryKey('SELECT * { ?s ?p ?o } LIMIT 10'));
    expect(queryKey('PREFIX a: <http://a/> ASK {}')).not.toBe(queryKey('ASK {}'));
  });

  it('keys a text the parser refuses by the text itself', () => {
    expect(canonicalQuery('SELECT * WHERE {')).toEqual(['text', 'SELECT * WHERE {']);
    expect(queryKey('SELECT * WHERE {')).not.toBe(queryKey('SELECT * WHERE { '));
  });

  it('numbers blank nodes from the start of each query, so that a query keeps its key', () => {
    const query = 'SELECT * { ?s ?p [] . ?s ?q [ ?x ?y ] }';
    expect(canonicalQuery(query)).toEqual(canonicalQuery(query));
  });
});

describe('queryKeys: the shape a query with no client is classed by', () => {
  const shape = (text: string) => queryKeys(text).shape;

  it('gives one shape to queries that differ only in variable names, literal values and OFFSET', () => {
    expect(shape('SELECT (COUNT(*) AS ?n1) WHERE { ?a1 ?b ?c . ?d ?e ?f }')).toBe(shape('SELECT (COUNT(*) AS ?n2) WHERE { ?a2 ?b ?c . ?d ?e ?f }'));
    expect(shape('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 OFFSET 17')).toBe(shape('SELECT ?x WHERE { ?x ?y ?z } LIMIT 1 OFFSET 3999'));
    expect(shape('SELECT * { ?s <urn:p> "gold"@en }')).toBe(shape('SELECT * { ?s <urn:p> "mercury"@en }'));
    expect(shape('SELECT * { ?s <urn:p> 3 }')).toBe(shape('SELECT * { ?s <urn:p> 40 }'));
  });

  it('tells apart queries whose patterns, IRIs, LIMIT, literal datatypes or variables\' roles differ', () => {
    expect(shape('SELECT * { ?a ?b ?c }')).not.toBe(shape('SELECT * { ?a ?b ?c . ?d ?e ?f }'));
    expect(shape('SELECT * { ?s <urn:p> ?o }')).not.toBe(shape('SELECT * { ?s <urn:q> ?o }'));
    expect(shape('SELECT * { ?s ?p ?o } LIMIT 1')).not.toBe(shape('SELECT * { ?s ?p ?o }'));
    expect(shape('SELECT * { ?s <urn:p> "3" }')).not.toBe(shape('SELECT * { ?s <urn:p> 3 }'));
    // A join on one variable is not the cross product of two.
    expect(shape('SELECT * { ?a ?b ?c . ?c ?e ?f }')).not.toBe(shape('SELECT * { ?a ?b ?c . ?d ?e ?f }'));
  });

  it('has no shape for a text the parser refuses, and keys it as queryKey does', () => {
    expect(queryKeys('SELECT * WHERE {')).toEqual({ key: queryKey('SELECT * WHERE {'), shape: undefined });
    const text = 'SELECT * { ?s ?p ?o }';
    expect(queryKeys(text).key).toBe(queryKey(text));
    expect(queryKeys(text).shape).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('datasetKey', () => {
  it('is empty without a dataset, and ignores the order and repetition of graphs', () => {
    expect(datasetKey(undefined)).toBe('');
    expect(datasetKey({ defaultGraphs: ['http://b', 'http://a', 'http://a'], namedGraphs: [] }))
      .toBe(datasetKey({ defaultGraphs: ['http://a', 'http://b'], namedGraphs: [] }));
  });

  it('tells default graphs from named graphs', () => {
    expect(datasetKey({ defaultGraphs: ['http://a'], namedGraphs: [] })).not.toBe(datasetKey({ defaultGraphs: [], namedGraphs: ['http://a'] }));
  });
});

describe('keys that must not collide', () => {
  it('end a long string at its unescaped closing quotes, not at an escaped one', () => {
    const spaced = 'SELECT * { ?s ?p """x\\"""" . ?s ?q "a    b" }';
    expect(queryKey(spaced)).not.toBe(queryKey(spaced.replace('a    b', 'a b')));
  });

  it('cannot be forged by graph IRIs that spell out the dataset key', () => {
    expect(datasetKey({ defaultGraphs: ['http://a;named=http://b'], namedGraphs: [] }))
      .not.toBe(datasetKey({ defaultGraphs: ['http://a'], namedGraphs: ['http://b;named='] }));
  });

  it('keep the query and the dataset apart', () => {
    expect(requestKey('ASK {}', { defaultGraphs: ['http://a'], namedGraphs: [] })).not.toBe(requestKey('ASK {}', undefined));
    expect(requestKey('a"]', undefined)).not.toBe(requestKey('a', { defaultGraphs: [']'], namedGraphs: [] }));
  });
});

describe('hashKey', () => {
  it('is 64 hex characters whatever the size of what it keys (a 250 KB query included)', () => {
    const key = hashKey(requestKey('x'.repeat(250_000), undefined), 'text/csv');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the parts apart: no two lists of strings share a key', () => {
    expect(hashKey('ab', 'c')).not.toBe(hashKey('a', 'bc'));
    expect(hashKey('a', '')).not.toBe(hashKey('a'));
    expect(hashKey('q', 'text/csv')).toBe(hashKey('q', 'text/csv'));
  });
});
