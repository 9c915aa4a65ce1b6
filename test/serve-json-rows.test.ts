/**
 * countJsonBindings (src/serialize/sparql-results/json-rows.ts): the solutions of a SPARQL JSON document, counted without
 * parsing it, as Oxigraph writes it and as our writer does, with literals built to mislead a careless
 * scanner (braces, brackets, quotes, backslashes, the word "bindings").
 */
import * as oxigraph from 'oxigraph';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { bindingsToJson, booleanToJson } from '../src/serialize/sparql-results/results-json.js';
import { countJsonBindings } from '../src/serialize/sparql-results/json-rows.js';

const HOSTILE = ['x{"}]\n\u0001y', '\\', '"bindings":[{', '}]}}', '\\"', 'a\\\\"b', '[[[{{{', 'é😀\u2028'];

function store(): oxigraph.Store {
  const s = new oxigraph.Store();
  s.load(HOSTILE.map((text, i) => `<http://a/${i}> <http://p> ${JSON.stringify(text)} .\n`).join('') + '<http://a/0> <http://q> _:b .\n', { format: 'application/n-triples' });
  return s;
}

describe('countJsonBindings', () => {
  it.each([
    ['no solution', 'SELECT ?x WHERE { ?x <http://nope> ?y }', 0],
    ['hostile literals', 'SELECT ?x ?o WHERE { ?x <http://p> ?o }', HOSTILE.length],
    ['a blank node', 'SELECT ?o WHERE { ?x <http://q> ?o }', 1],
    ['solutions that bind nothing', 'SELECT ?z WHERE { ?x <http://p> ?o }', HOSTILE.length],
    ['one empty solution', 'SELECT * WHERE { }', 1],
    ['triple terms', 'SELECT ?t WHERE { ?x <http://p> ?o BIND(<<( ?x <http://p> ?o )>> AS ?t) }', HOSTILE.length],
    ['the hostile literals as variable names\' neighbours', 'SELECT ?bindings ?results WHERE { ?results <http://p> ?bindings }', HOSTILE.length],
  ])('counts %s as Oxigraph writes them', (_what, query, expected) => {
    const body = store().query(query, { results_format: 'application/sparql-results+json' }) as string;
    expect(countJsonBindings(body)).toBe(expected);
    expect(countJsonBindings(body)).toBe((JSON.parse(body) as { results: { bindings: unknown[] } }).results.bindings.length);
  });

  it('counts our own writer\'s indented documents', () => {
    const rows = HOSTILE.map((text) => ({ o: DataFactory.literal(text) }));
    expect(countJsonBindings(bindingsToJson(['o'], rows))).toBe(HOSTILE.length);
    expect(countJsonBindings(bindingsToJson(['o'], []))).toBe(0);
    expect(countJsonBindings(bindingsToJson(['o'], [{}, {}, {}]))).toBe(3);
  });

  it('refuses what is not a results document with bindings, or ends inside them', () => {
    expect(() => countJsonBindings(booleanToJson(true))).toThrow('not a SPARQL JSON results document with bindings');
    expect(() => countJsonBindings('{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"}]"}}')).toThrow('ends inside its bindings');
  });
});
