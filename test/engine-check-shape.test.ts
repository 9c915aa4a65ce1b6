/**
 * The engine check reads a catalogue query's form and outermost ORDER BY with the server's parser
 * (Traqula, src/query/parse-query.ts), not with regular expressions over the text: a prefix named like a
 * keyword (`PREFIX ask:`) is not the query's form, and an ORDER BY before a trailing VALUES block (whose
 * closing brace is the last in the text) still orders the answer.
 */
import { describe, expect, it } from 'vitest';
import { catalogueShape, checkCatalogue } from '../src/query/engine-check.js';
import { addMergedDefaultGraph } from '../src/query/default-graph.js';
import { OxigraphEngine } from '../src/query/oxigraph-engine.js';
import { createStore } from '../src/rdf/store.js';
import { Parser } from 'n3';

const BASE = 'https://w3id.org/asm-kg/';
const NQUADS = [
  '<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "b" <https://w3id.org/asm-kg/graph/g> .',
  '<http://example.org/b> <http://www.w3.org/2000/01/rdf-schema#label> "a" <https://w3id.org/asm-kg/graph/g> .',
  '<http://example.org/c> <http://www.w3.org/2000/01/rdf-schema#label> "c" <https://w3id.org/asm-kg/graph/g> .',
].join('\n');

const TRICKY = `PREFIX ask: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?l WHERE { ?s ask:label ?l FILTER(?l != "ORDER BY") } ORDER BY ?l
VALUES ?s { <http://example.org/a> <http://example.org/b> }`;

describe("the engine check's reading of a catalogue query", () => {
  // The regular expressions this replaces read TRICKY as an ASK (the "ask" of its PREFIX) and as unordered
  // (only the text after the last "}" was searched for ORDER BY, and that "}" closes the VALUES block).
  it('takes the form and the outermost ORDER BY from the parsed query', () => {
    expect(catalogueShape({ name: 'tricky', path: 'queries/tricky.rq', text: TRICKY }, BASE)).toEqual({ form: 'SELECT', ordered: true });
    expect(catalogueShape({ name: 's', path: 's.rq', text: 'SELECT ?s WHERE { ?s ?p "x ORDER BY ?s" }' }, BASE)).toEqual({ form: 'SELECT', ordered: false });
    expect(catalogueShape({ name: 's', path: 's.rq', text: 'SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1 } }' }, BASE)).toEqual({ form: 'SELECT', ordered: false });
    expect(catalogueShape({ name: 'c', path: 'c.rq', text: 'PREFIX select: <http://example.org/>\nCONSTRUCT WHERE { ?s select:p ?o }' }, BASE)).toEqual({ form: 'CONSTRUCT', ordered: false });
  });

  it('checks such a query on both engines, in order', async () => {
    const store = createStore(new Parser({ format: 'N-Quads' }).parse(NQUADS));
    addMergedDefaultGraph(store);
    const graph = { store, endpoints: [], sources: ['test'], size: store.size };
    const engine = OxigraphEngine.fromNQuads(NQUADS);
    await expect(checkCatalogue(engine, [{ name: 'tricky', path: 'queries/tricky.rq', text: TRICKY }], { base: BASE, graph })).resolves.toBeUndefined();
  });

  it('names the file and line of a catalogue query that does not parse', () => {
    expect(() => catalogueShape({ name: 'bad', path: 'queries/bad.rq', text: 'SELECT ?s WHERE { ?s ?p }' }, BASE))
      .toThrow(/^queries\/bad\.rq:1:25: expected one of Var1, Var2, IriRef/);
  });
});
