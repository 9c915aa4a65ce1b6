/**
 * Parsing and checking a request's query before it runs (src/query/parse-query.ts): updates refused,
 * SERVICE found anywhere in the algebra, the request's dataset replacing FROM.
 */
import { describe, expect, it } from 'vitest';
import { QuerySyntaxError } from '../src/core/errors.js';
import { ServiceRefusedError, UpdateRefusedError } from '../src/query/errors.js';
import { checkServices, parseQuery, servicesOf, withDataset } from '../src/query/parse-query.js';

const BASE = 'https://w3id.org/asm-kg/';

describe('parseQuery', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 'SELECT'],
    ['ASK { ?s ?p ?o }', 'ASK'],
    ['CONSTRUCT WHERE { ?s ?p ?o }', 'CONSTRUCT'],
    ['DESCRIBE <https://w3id.org/asm-kg/id/workshop/1>', 'DESCRIBE'],
  ])('tells the form of %s', (query, form) => {
    expect(parseQuery(query, BASE).form).toBe(form);
  });

  it.each([
    'INSERT DATA { <http://a> <http://b> <http://c> }',
    'DELETE WHERE { ?s ?p ?o }',
    'PREFIX x: <http://x/> DELETE { ?s ?p ?o } INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }',
    'LOAD <http://example.org/data.ttl>',
    'CLEAR ALL',
    'DROP GRAPH <https://w3id.org/asm-kg/graph/statements>',
    'CREATE GRAPH <http://example.org/g>',
  ])('refuses the update %s', (update) => {
    expect(() => parseQuery(update, BASE)).toThrow(UpdateRefusedError);
  });

  it('locates a syntax error to the line and column', () => {
    let error: unknown;
    try { parseQuery('SELECT ?s\nWHERE {\n  ?s ?p ?o\n  ?x }\n', BASE); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect((error as QuerySyntaxError).line).toBe(4);
    expect((error as QuerySyntaxError).column).toBe(3);
    expect((error as QuerySyntaxError).reason).toBe("expected '}' but found '?x'");
  });

  it('locates an error inside an expression', () => {
    expect(() => parseQuery('SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}', BASE)).toThrow(/^query:4:15: expected one of \(, COUNT/);
  });

  it('names an unknown prefix', () => {
    expect(() => parseQuery('SELECT * WHERE { ?s nope:p ?o }', BASE)).toThrow(/unknown prefix "nope:"/);
  });

  it('resolves relative IRIs against the base', () => {
    const parsed = parseQuery('ASK { <id/workshop/1> ?p ?o }', BASE);
    expect(JSON.stringify(parsed.operation)).toContain('https://w3id.org/asm-kg/id/workshop/1');
  });
});

describe('servicesOf', () => {
  it.each([
    ['a plain SERVICE', 'SELECT * WHERE { SERVICE <http://e.org/sparql> { ?s ?p ?o } }', ['http://e.org/sparql']],
    ['SERVICE SILENT', 'SELECT * WHERE { SERVICE SILENT <http://e.org/sparql> { ?s ?p ?o } }', ['http://e.org/sparql']],
    ['inside FILTER EXISTS', 'SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://e.org/a> { ?s ?p ?o } } }', ['http://e.org/a']],
    ['inside FILTER NOT EXISTS', 'SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <http://e.org/b> { ?s ?q ?o } } }', ['http://e.org/b']],
    ['inside a subquery', 'SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://e.org/c> { ?s ?p ?o } } } }', ['http://e.org/c']],
    ['inside OPTIONAL and MINUS', 'SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://e.org/d> { ?s ?p ?x } } MINUS { SERVICE <http://e.org/e> { ?s ?p ?y } } }', ['http://e.org/d', 'http://e.org/e']],
    ['inside a CONSTRUCT', 'CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://e.org/f> { ?s ?p ?o } }', ['http://e.org/f']],
    ['a variable endpoint', 'SELECT * WHERE { ?e ?p ?o SERVICE ?e { ?s ?p ?o } }', ['?e']],
    ['none, though the text says SERVICE', 'SELECT * WHERE { ?s ?p "SERVICE <http://e.org/g> { }" }', []],
  ])('finds %s', (_name, query, expected) => {
    expect(servicesOf(parseQuery(query, BASE).operation).sort()).toEqual(expected.sort());
  });
});

describe('checkServices', () => {
  const query = 'SELECT * WHERE { SERVICE <http://e.org/sparql> { ?s ?p ?o } }';
  it('refuses an endpoint not allowed, and a variable endpoint always', () => {
    expect(() => checkServices(parseQuery(query, BASE), [])).toThrow(ServiceRefusedError);
    expect(() => checkServices(parseQuery(query, BASE), ['http://other.org/sparql'])).toThrow(/SERVICE <http:\/\/e.org\/sparql> is not allowed/);
    expect(() => checkServices(parseQuery('SELECT * WHERE { ?e ?p ?o SERVICE ?e { ?s ?p ?o } }', BASE), ['http://e.org/sparql'])).toThrow(/SERVICE \?e/);
  });

  it('lets an allowed endpoint through', () => {
    expect(() => checkServices(parseQuery(query, BASE), ['http://e.org/sparql'])).not.toThrow();
  });
});

describe('withDataset', () => {
  it('leaves the query alone without a request dataset', () => {
    const { operation } = parseQuery('SELECT * FROM <http://a> WHERE { ?s ?p ?o }', BASE);
    expect(withDataset(operation, undefined)).toBe(operation);
  });

  it("replaces the query's FROM and FROM NAMED with the request's graphs", () => {
    const { operation } = parseQuery('SELECT * FROM <http://a> FROM NAMED <http://b> WHERE { ?s ?p ?o }', BASE);
    const replaced = withDataset(operation, { defaultGraphs: ['http://c'], namedGraphs: [] });
    expect(replaced.type).toBe('from');
    expect((replaced.default as Array<{ value: string }>).map((t) => t.value)).toEqual(['http://c']);
    expect(replaced.named).toEqual([]);
    expect((replaced.input as { type: string }).type).toBe('project');
  });
});
