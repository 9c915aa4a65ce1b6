/** The cache key of a query request (src/query/query-key.ts). */
import { describe, expect, it } from 'vitest';
import { datasetKey, hashKey, normaliseQuery, requestKey } from '../src/query/query-key.js';

describe('normaliseQuery', () => {
  it('folds white space and drops comments', () => {
    expect(normaliseQuery('  SELECT *\n\tWHERE {  ?s ?p ?o } # all\n  LIMIT 1\n')).toBe('SELECT * WHERE { ?s ?p ?o } LIMIT 1');
  });

  it('gives re-indented and commented copies of a query the same key', () => {
    const a = 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nSELECT ?o WHERE { ?o a asm:Obstacle }';
    const b = '# obstacles\nPREFIX asm: <https://w3id.org/asm-kg/ontology#>   SELECT ?o\nWHERE {\n  ?o a asm:Obstacle # each\n}';
    expect(normaliseQuery(a)).toBe(normaliseQuery(b));
  });

  it('leaves strings and IRIs as they are, # and white space included', () => {
    expect(normaliseQuery('SELECT * { ?s ?p "a  # b" , \'c\td\' , """e\n\n f""" , <http://x.org/y#z> }'))
      .toBe('SELECT * { ?s ?p "a  # b" , \'c\td\' , """e\n\n f""" , <http://x.org/y#z> }');
  });

  it('keeps an escaped quote inside a string', () => {
    expect(normaliseQuery('ASK { ?s ?p "say \\"  hi\\"" }')).toBe('ASK { ?s ?p "say \\"  hi\\"" }');
  });

  it('tells different queries apart', () => {
    expect(normaliseQuery('SELECT * { ?s ?p "a b" }')).not.toBe(normaliseQuery('SELECT * { ?s ?p "a  b" }'));
    expect(normaliseQuery('SELECT * { ?s ?p ?o } LIMIT 1')).not.toBe(normaliseQuery('SELECT * { ?s ?p ?o } LIMIT 10'));
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
    // """x\"""" is the string x" followed by the end: the next literal's white space is its own.
    const spaced = 'SELECT * { ?s ?p """x\\"""" . ?s ?q "a    b" }';
    expect(normaliseQuery(spaced)).toBe(spaced);
    expect(normaliseQuery(spaced)).not.toBe(normaliseQuery(spaced.replace('a    b', 'a b')));
    expect(normaliseQuery("ASK { ?s ?p '''it\\'''s''' ;  ?q ?o }")).toBe("ASK { ?s ?p '''it\\'''s''' ; ?q ?o }");
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
