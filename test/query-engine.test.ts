/**
 * query (src/query/engine.ts) over the built graph: result types, the merged default graph, parameters
 * (and that they cannot inject), syntax errors (golden messages in test/fixtures/query/errors/<case>/),
 * time limits, and a join with a second source. Expected values are read from data/ by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import { loadGraph } from '../src/query/load-graph.js';
import { query } from '../src/query/engine.js';
import type { QueryGraph, QueryResult } from '../src/query/types.js';
import { QueryParameterError, QuerySyntaxError, QueryTimeoutError } from '../src/core/errors.js';
import { rejection } from './support/rejection.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/query');
const PREFIXES = `PREFIX asm: <https://w3id.org/asm-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX stk: <https://w3id.org/asm-kg/id/stakeholder/>
PREFIX st: <https://w3id.org/asm-kg/id/statement/>
`;
const STK = 'https://w3id.org/asm-kg/id/stakeholder/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

let graph: QueryGraph;
beforeAll(async () => { graph = await loadGraph(); }, 60_000);

function rows(result: QueryResult): Array<Record<string, string>> {
  if (result.type !== 'bindings') throw new Error(`expected bindings, got ${result.type}`);
  return result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, t]) => [k, show(t)])));
}

/** A term as N-Triples-like text, so that terms of different RDF/JS implementations compare. */
function show(term: Term): string {
  if (term.termType === 'Literal') return `"${term.value}"${term.language ? `@${term.language}` : `^^${term.datatype.value.replace(XSD, 'xsd:')}`}`;
  return term.termType === 'NamedNode' ? `<${term.value}>` : `${term.termType}:${term.value}`;
}

describe('query', () => {
  it('answers a SELECT with its variables in projection order and typed terms', async () => {
    const result = await query(graph, `${PREFIXES}SELECT ?label ?stakeholder WHERE { ?stakeholder skos:prefLabel ?label . FILTER (?stakeholder = stk:civil-society) }`);
    expect(result.type === 'bindings' && result.variables).toEqual(['label', 'stakeholder']);
    // data/editorial/stakeholders.ttl: stk:civil-society skos:prefLabel "civil society"@en
    expect(rows(result)).toEqual([{ label: '"civil society"@en', stakeholder: `<${STK}civil-society>` }]);
  });

  it('leaves unbound variables out of a row', async () => {
    const result = await query(graph, `${PREFIXES}SELECT ?stakeholder ?nothing WHERE { BIND (stk:government AS ?stakeholder) OPTIONAL { ?stakeholder asm:noSuchProperty ?nothing } }`);
    expect(rows(result)).toEqual([{ stakeholder: `<${STK}government>` }]);
  });

  it('answers an ASK with a boolean', async () => {
    expect(await query(graph, `${PREFIXES}ASK { stk:ngos skos:broader stk:civil-society }`)).toEqual({ type: 'boolean', value: true });
    expect(await query(graph, `${PREFIXES}ASK { stk:civil-society skos:broader stk:ngos }`)).toEqual({ type: 'boolean', value: false });
  });

  it('answers a CONSTRUCT with each triple once', async () => {
    // Two solutions (one per workshop statement) give the same template triple twice.
    const result = await query(graph, `${PREFIXES}CONSTRUCT { stk:ngos a asm:Stakeholder } WHERE { ?s asm:actor stk:ngos }`);
    expect(result.type).toBe('quads');
    if (result.type === 'quads') expect(result.quads.map((q) => `${show(q.subject)} ${show(q.predicate)} ${show(q.object)}`)).toEqual([
      `<${STK}ngos> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/asm-kg/ontology#Stakeholder>`,
    ]);
  });

  it('sees every named graph from outside GRAPH (the merged default graph), and one inside it', async () => {
    // st:w1-b-1's text is in graph:statements, its themes in graph:editorial (data/editorial/statement-themes.ttl).
    const union = `${PREFIXES}ASK { st:w1-b-1 asm:text ?text ; asm:theme ?theme }`;
    expect(await query(graph, union)).toEqual({ type: 'boolean', value: true });
    const editorialOnly = `${PREFIXES}ASK { GRAPH <https://w3id.org/asm-kg/graph/editorial> { st:w1-b-1 asm:text ?text } }`;
    expect(await query(graph, editorialOnly)).toEqual({ type: 'boolean', value: false });
  });

  it('refuses SPARQL Update', async () => {
    await expect(query(graph, `${PREFIXES}INSERT DATA { stk:x a asm:Stakeholder }`, { name: 'update' }))
      .rejects.toThrow('update: SPARQL Update is not supported; the graph is read-only');
  });
});

describe('query parameters', () => {
  const labelOf = `${PREFIXES}SELECT ?label WHERE { ?stakeholder skos:prefLabel ?label }`;

  it.each([
    ['a prefixed name', 'stk:civil-society'],
    ['an <IRI>', `<${STK}civil-society>`],
    ['a term', DataFactory.namedNode(`${STK}civil-society`)],
  ])('binds %s as an IRI', async (_, value) => {
    expect(rows(await query(graph, labelOf, { params: { stakeholder: value } }))).toEqual([{ label: '"civil society"@en' }]);
  });

  it('binds "text"@lang as a language-tagged literal', async () => {
    const result = await query(graph, `${PREFIXES}SELECT ?stakeholder WHERE { ?stakeholder skos:prefLabel ?label }`, { params: { label: '"civil society"@en' } });
    expect(rows(result)).toEqual([{ stakeholder: `<${STK}civil-society>` }]);
  });

  it('binds "5"^^xsd:integer as a typed literal and anything else as a plain string', async () => {
    const echo = 'SELECT ?a ?b WHERE {}';
    const result = await query(graph, echo, { params: { a: '"5"^^xsd:integer', b: 'mercury' } });
    expect(rows(result)).toEqual([{ a: '"5"^^xsd:integer', b: '"mercury"^^xsd:string' }]);
  });

  it('keeps a value that looks like SPARQL a literal: it cannot inject', async () => {
    const injection = '"} UNION { ?stakeholder ?p ?label } #';
    // Text splicing would return every triple of the graph; binding returns the one stakeholder whose label this is: none.
    expect(rows(await query(graph, labelOf, { params: { label: injection } }))).toEqual([]);
    const echoed = await query(graph, 'SELECT ?label WHERE {}', { params: { label: injection } });
    expect(rows(echoed)).toEqual([{ label: `"${injection}"^^xsd:string` }]);
    expect(rows(await query(graph, labelOf, { params: { stakeholder: '} UNION { ?stakeholder ?p ?label' } }))).toEqual([]);
  });

  it('names a parameter the query does not have, with the variables it has', async () => {
    await expect(query(graph, labelOf, { params: { stakholder: 'stk:ngos' }, name: 'label-of' })).rejects.toThrow(
      new QueryParameterError('parameter stakholder: label-of has no variable ?stakholder (its variables: ?label, ?stakeholder)'));
  });

  it('refuses to bind a variable the query assigns itself', async () => {
    const grouped = `${PREFIXES}SELECT ?stakeholder (COUNT(?s) AS ?n) WHERE { ?s asm:actor ?stakeholder } GROUP BY ?stakeholder`;
    await expect(query(graph, grouped, { params: { stakeholder: 'stk:ngos' }, name: 'grouped' })).rejects.toThrow(
      new QueryParameterError('parameter stakeholder: grouped assigns ?stakeholder itself (in GROUP BY), so it cannot be given a value'));
  });

  it('refuses an IRI that is not one', async () => {
    await expect(query(graph, labelOf, { params: { stakeholder: '<not an iri>' } })).rejects.toThrow(
      new QueryParameterError('parameter stakeholder: <not an iri> is not an absolute IRI'));
  });
});

describe('query syntax errors', () => {
  const cases = readdirSync(join(FIXTURES, 'errors')).sort();

  it.each(cases)('%s: names the query, line, column and what was expected', async (name) => {
    const path = join(FIXTURES, 'errors', name, 'query.rq');
    const queryName = relative(join(import.meta.dirname, '..'), path);
    const error = await rejection<Error>(query(graph, readFileSync(path, 'utf8'), { name: queryName }));
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(`${error.message}\n`).toBe(readFileSync(join(FIXTURES, 'errors', name, 'error.txt'), 'utf8'));
  });
});

describe('query time limit', () => {
  it('stops a query that runs too long', async () => {
    const crossProduct = 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }';
    const started = performance.now();
    const error = await rejection<Error>(query(graph, crossProduct, { timeoutMs: 100, name: 'cross-product' }));
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(error.message).toBe('cross-product: timed out after 100 ms; the query was stopped');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('lets a query that finishes in time answer', async () => {
    const result = await query(graph, `${PREFIXES}ASK { stk:ngos a asm:Stakeholder }`, { timeoutMs: 10_000 });
    expect(result).toEqual({ type: 'boolean', value: true });
  });
});

describe('query over a second source', () => {
  it('joins the graph with a local file about its stakeholders', async () => {
    const source = join(FIXTURES, 'second-source.ttl');
    const joined = await loadGraph({ sources: [source] });
    const result = await query(joined, readFileSync(join(FIXTURES, 'join-second-source.rq'), 'utf8'));
    // Labels from data/editorial/stakeholders.ttl, counts from second-source.ttl; stk:not-in-asm-kg has no label.
    expect(rows(result)).toEqual([
      { stakeholder: `<${STK}government>`, label: '"government"@en', respondents: '"12"^^xsd:integer' },
      { stakeholder: `<${STK}civil-society>`, label: '"civil society"@en', respondents: '"7"^^xsd:integer' },
      { stakeholder: `<${STK}ngos>`, label: '"non-government organizations"@en', respondents: '"3"^^xsd:integer' },
    ]);
    const inGraph = await query(joined, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s <http://example.org/survey#respondents> ?n } }');
    expect(rows(inGraph)).toEqual([{ g: `<${pathToFileURL(source).href}>` }]);
  });
});
