/**
 * Finding 13 of the second hostile review: `format=` and `output=` were ignored (`…/sparql?query=…&format=csv`
 * answered JSON). They are now Accept overrides with the names Fuseki (`output=`, `format=`: json, xml,
 * sparql, csv, tsv, text, or a media type) and Virtuoso (`format=`: short names or media types) use
 * (src/serve/format-param.ts), by GET and in a POSTed form; an unknown name gets 406 naming the parameter
 * and the accepted names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/serve/format-param.js';
import type { TestServer } from '../fixtures/serve/server.js';
import { sharedServer } from '../fixtures/serve/shared-server.js';

const SELECT = 'SELECT ?w WHERE { ?w a <https://w3id.org/asm-kg/ontology#Workshop> } ORDER BY ?w LIMIT 2';
const CONSTRUCT = 'CONSTRUCT { ?w a <https://w3id.org/asm-kg/ontology#Workshop> } WHERE { ?w a <https://w3id.org/asm-kg/ontology#Workshop> } LIMIT 2';
const ASK = 'ASK { ?s ?p ?o }';

let t: TestServer;
beforeAll(async () => { t = await sharedServer(); }, 180_000);
afterAll(async () => { await t?.close(); });

const mediaTypeOf = (response: Response) => response.headers.get('content-type')!.split(';')[0];
/** A GET with a query and parameters, and an Accept header the parameter must override. */
const get = (query: string, params: Record<string, string>) =>
  t.get(`/sparql?${new URLSearchParams({ query, ...params })}`, { headers: { accept: 'application/sparql-results+xml, application/n-quads' } });

describe('format= and output= by GET', () => {
  const select: Array<[string, string]> = [
    ['json', 'application/sparql-results+json'], ['xml', 'application/sparql-results+xml'], ['sparql', 'application/sparql-results+xml'],
    ['csv', 'text/csv'], ['tsv', 'text/tab-separated-values'], ['text', 'text/tab-separated-values'], ['html', 'text/html'],
    ['JSON', 'application/sparql-results+json'], ['text/csv', 'text/csv'], ['application/sparql-results+json', 'application/sparql-results+json'],
    ['application/sparql-results+xml', 'application/sparql-results+xml'], ['text/tab-separated-values', 'text/tab-separated-values'],
  ];
  it.each(select.flatMap(([value, type]) => [['format', value, type], ['output', value, type]]))('SELECT with %s=%s gives %s', async (name, value, type) => {
    const response = await get(SELECT, { [name]: value });
    expect(response.status).toBe(200);
    expect(mediaTypeOf(response)).toBe(type);
  });

  const graph: Array<[string, string]> = [
    ['json', 'application/ld+json'], ['xml', 'application/rdf+xml'], ['text', 'text/turtle'], ['ttl', 'text/turtle'], ['turtle', 'text/turtle'],
    ['nt', 'application/n-triples'], ['ntriples', 'application/n-triples'], ['n-triples', 'application/n-triples'], ['json-ld', 'application/ld+json'],
    ['jsonld', 'application/ld+json'], ['rdf', 'application/rdf+xml'], ['rdfxml', 'application/rdf+xml'], ['rdf+xml', 'application/rdf+xml'],
    ['nq', 'application/n-quads'], ['nquads', 'application/n-quads'], ['trig', 'application/trig'], ['text/turtle', 'text/turtle'],
  ];
  it.each(graph)('CONSTRUCT with format=%s gives %s', async (value, type) => {
    const response = await get(CONSTRUCT, { format: value });
    expect(response.status).toBe(200);
    expect(mediaTypeOf(response)).toBe(type);
  });

  it('covers every short name in the tests above', () => {
    const tested = new Set([...select.map(([v]) => v), ...graph.map(([v]) => v)]);
    expect(Object.keys(FORMAT_NAMES).filter((name) => !tested.has(name))).toEqual([]);
  });

  it('answers the issue\'s request (format=csv) in CSV, whatever Accept says', async () => {
    const response = await get(SELECT, { format: 'csv' });
    expect(await response.text()).toBe('w\r\nhttps://w3id.org/asm-kg/id/workshop/1\r\nhttps://w3id.org/asm-kg/id/workshop/2\r\n');
  });

  it('answers ASK with format=json as SPARQL JSON', async () => {
    const response = await get(ASK, { output: 'json' });
    expect(await response.json()).toEqual({ head: {}, boolean: true });
  });
});

describe('format= in a POSTed form', () => {
  it('overrides Accept for a form query', async () => {
    const response = await t.get('/sparql', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query: SELECT, format: 'tsv' }).toString(),
    });
    expect(response.status).toBe(200);
    expect(mediaTypeOf(response)).toBe('text/tab-separated-values');
  });

  it('takes output= in the URL of a POSTed application/sparql-query', async () => {
    const response = await t.get('/sparql?output=xml', { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: SELECT });
    expect(mediaTypeOf(response)).toBe('application/sparql-results+xml');
  });
});

describe('names that are no format', () => {
  it('answers 406 naming the parameter and the accepted names', async () => {
    const response = await get(SELECT, { format: 'yaml' });
    expect(response.status).toBe(406);
    expect(await response.text()).toBe(`406 Not Acceptable: format=yaml names no result format here; output and format take ${Object.keys(FORMAT_NAMES).join(', ')}, or a media type: application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values, application/json, application/xml, text/html, text/turtle, application/n-triples, application/ld+json, application/rdf+xml, application/n-quads, application/trig\n`);
  });

  it('answers 400 when output= and format= disagree', async () => {
    const response = await get(SELECT, { output: 'csv', format: 'json' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('400 Bad Request: output=csv and format=json name different formats; give one\n');
  });

  it('answers 406 for a format the query\'s form has none in (CSV for a graph)', async () => {
    const response = await get(CONSTRUCT, { format: 'csv' });
    expect(response.status).toBe(406);
  });
});
