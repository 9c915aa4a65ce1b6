/**
 * The SPARQL 1.1 Protocol at /sparql (src/serve/routes/sparql.ts), against a real server on port 0: the
 * three ways to send a query, the service description, the request dataset, content negotiation with
 * q-values, errors, validators and CORS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { Parser } from 'n3';
import { readDump, ROOT } from './support/project.js';
import { readRelease } from '../src/core/release.js';
import type { TestServer } from './fixtures/serve/server.js';
import { sharedServer } from './fixtures/serve/shared-server.js';

const BASE = 'https://w3id.org/asm-kg/';
const ASM = `${BASE}ontology#`;
const PREFIX = `PREFIX asm: <${ASM}>\n`;
const OBSTACLES = `${PREFIX}SELECT ?o ?text WHERE { ?o a asm:Obstacle ; asm:text ?text }`;
const COUNT_ALL = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';

const dump = readDump('asm-kg.nq');
const obstacleCount = dump.filter((q) => q.predicate.value.endsWith('#type') && q.object.value === `${ASM}Obstacle`).length;
const inGraph = (name: string) => dump.filter((q) => q.graph.value === `${BASE}graph/${name}`).length;

interface SparqlJson {
  head: { vars?: string[] };
  results?: { bindings: Array<Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string }>> };
  boolean?: boolean;
}

let t: TestServer;
beforeAll(async () => { t = await sharedServer(); }, 60_000);
afterAll(async () => { await t?.close(); });

const get = (query: string, accept?: string, extra = '') =>
  t.get(`/sparql?query=${encodeURIComponent(query)}${extra}`, accept === undefined ? {} : { headers: { accept } });
const count = async (response: Response) => Number(((await response.json()) as SparqlJson).results!.bindings[0]!.n!.value);

describe('query by GET, POST form and POST application/sparql-query', () => {
  it('GET ?query= gives SPARQL JSON results', async () => {
    const response = await get(OBSTACLES);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/sparql-results+json');
    const json = (await response.json()) as SparqlJson;
    expect(json.head.vars).toEqual(['o', 'text']);
    expect(json.results!.bindings).toHaveLength(obstacleCount);
    expect(json.results!.bindings[0]!.text!['xml:lang']).toBe('en');
  });

  it('POST of a form gives the same answer', async () => {
    const expected = await (await get(OBSTACLES)).text();
    const response = await t.get('/sparql', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: OBSTACLES }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/sparql-results+json');
    expect(await response.text()).toBe(expected);
  });

  it('POST of application/sparql-query gives the same answer', async () => {
    const expected = await (await get(OBSTACLES)).text();
    const response = await t.get('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query; charset=utf-8' }, body: OBSTACLES });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(expected);
  });

  it('answers ASK with a boolean', async () => {
    const response = await get(`${PREFIX}ASK { ?o a asm:Obstacle }`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as SparqlJson).boolean).toBe(true);
  });

  it('answers CONSTRUCT with Turtle, N-Triples or JSON-LD', async () => {
    const query = `${PREFIX}CONSTRUCT { ?o asm:text ?text } WHERE { ?o a asm:Obstacle ; asm:text ?text }`;
    const turtle = await get(query);
    expect(turtle.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect(new Parser().parse(await turtle.text())).toHaveLength(obstacleCount);
    const ntriples = await get(query, 'application/n-triples');
    expect(ntriples.headers.get('content-type')).toBe('application/n-triples; charset=utf-8');
    expect(new Parser({ format: 'N-Triples' }).parse(await ntriples.text())).toHaveLength(obstacleCount);
    const jsonld = await get(query, 'application/ld+json');
    expect(jsonld.headers.get('content-type')).toBe('application/ld+json');
    expect(JSON.stringify(await jsonld.json())).toContain('asm:text');
  });

  it('answers DESCRIBE with the triples of the resource', async () => {
    const response = await get(`DESCRIBE <${BASE}id/statement/w2-a-1>`, 'application/n-triples');
    expect(response.status).toBe(200);
    const triples = new Parser({ format: 'N-Triples' }).parse(await response.text());
    expect(triples.some((q) => q.predicate.value === `${ASM}text` && q.object.value === 'ASM can and should be legalised')).toBe(true);
  });

  it('resolves relative IRIs in a query against the base', async () => {
    const response = await get('ASK { <id/statement/w2-a-1> ?p ?o }');
    expect(((await response.json()) as SparqlJson).boolean).toBe(true);
  });
});

describe('service description (GET /sparql without a query)', () => {
  it('is Turtle by default, with the endpoint, the result formats and the default dataset linked to VoID', async () => {
    const response = await t.get('/sparql');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const quads = new Parser().parse(await response.text());
    const objects = (p: string) => quads.filter((q) => q.predicate.value === p).map((q) => q.object.value);
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    expect(objects(`${SD}endpoint`)).toEqual([`${t.url}/sparql`]);
    expect(objects(`${SD}supportedLanguage`)).toEqual([`${SD}SPARQL11Query`]);
    expect(objects(`${SD}resultFormat`)).toEqual(expect.arrayContaining([
      'http://www.w3.org/ns/formats/SPARQL_Results_JSON', 'http://www.w3.org/ns/formats/SPARQL_Results_XML',
      'http://www.w3.org/ns/formats/SPARQL_Results_CSV', 'http://www.w3.org/ns/formats/SPARQL_Results_TSV',
      'http://www.w3.org/ns/formats/Turtle', 'http://www.w3.org/ns/formats/N-Triples', 'http://www.w3.org/ns/formats/JSON-LD',
    ]));
    expect(objects(`${SD}defaultDataset`)).toEqual([`${BASE}dataset/${readRelease(ROOT).version}`]);
    expect(objects('http://www.w3.org/2000/01/rdf-schema#seeAlso')).toEqual([`${t.url}/dist/void.ttl`]);
    expect(objects(`${SD}name`).sort()).toEqual(['editorial', 'links', 'ontology', 'provenance', 'statements'].map((g) => `${BASE}graph/${g}`));
    // The default graph's size: the merge of the named graphs, each triple once.
    expect(objects('http://rdfs.org/ns/void#triples').map(Number)).toContain(new Set(dump.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`)).size);
  });

  it('names the endpoint by the Host it was reached at, and tells caches so', async () => {
    // fetch() may not set Host, so this asks with node:http.
    const { headers, body } = await new Promise<{ headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const request = httpGet(`${t.url}/sparql`, { headers: { host: 'sparql.example.org' } }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve({ headers: response.headers, body: text }));
      });
      request.on('error', reject);
    });
    expect(headers.vary).toBe('Accept, Host');
    expect(body).toContain('<http://sparql.example.org/sparql>');
  });

  it('is JSON-LD or a query form on request', async () => {
    const jsonld = await t.get('/sparql', { headers: { accept: 'application/ld+json' } });
    expect(jsonld.headers.get('content-type')).toBe('application/ld+json');
    expect(JSON.stringify(await jsonld.json())).toContain('sd:endpoint');
    const html = await t.get('/sparql', { headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('<form method="get" action="/sparql">');
  });
});

describe('the request dataset (default-graph-uri, named-graph-uri)', () => {
  const graph = (name: string) => encodeURIComponent(`${BASE}graph/${name}`);

  it('without one, the default graph is the merge of the named graphs: each of their triples once', async () => {
    const triples = new Set(dump.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`));
    expect(triples.size).toBeLessThan(dump.length); // some triples are in two graphs
    expect(await count(await get(COUNT_ALL))).toBe(triples.size);
  });

  it('default-graph-uri makes one named graph the default graph', async () => {
    expect(await count(await get(COUNT_ALL, undefined, `&default-graph-uri=${graph('ontology')}`))).toBe(inGraph('ontology'));
  });

  it('several default-graph-uri merge their graphs', async () => {
    expect(await count(await get(COUNT_ALL, undefined, `&default-graph-uri=${graph('ontology')}&default-graph-uri=${graph('links')}`)))
      .toBe(inGraph('ontology') + inGraph('links'));
  });

  it('an unknown graph gives an empty dataset', async () => {
    expect(await count(await get(COUNT_ALL, undefined, `&default-graph-uri=${encodeURIComponent('http://example.org/unknown')}`))).toBe(0);
  });

  it('named-graph-uri restricts GRAPH ?g, and leaves the default graph empty', async () => {
    const byGraph = await get('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g', undefined, `&named-graph-uri=${graph('links')}`);
    const rows = ((await byGraph.json()) as SparqlJson).results!.bindings;
    expect(rows.map((r) => [r.g!.value, Number(r.n!.value)])).toEqual([[`${BASE}graph/links`, inGraph('links')]]);
    expect(await count(await get(COUNT_ALL, undefined, `&named-graph-uri=${graph('links')}`))).toBe(0);
  });

  it("overrides the query's own FROM", async () => {
    const query = `SELECT (COUNT(*) AS ?n) FROM <${BASE}graph/links> WHERE { ?s ?p ?o }`;
    expect(await count(await get(query))).toBe(inGraph('links'));
    expect(await count(await get(query, undefined, `&default-graph-uri=${graph('provenance')}`))).toBe(inGraph('provenance'));
  });

  it('is read from the URL of a POST of application/sparql-query', async () => {
    const response = await t.get(`/sparql?default-graph-uri=${graph('provenance')}`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: COUNT_ALL });
    expect(await count(response)).toBe(inGraph('provenance'));
  });

  it('refuses a graph name that is not an IRI', async () => {
    const response = await get(COUNT_ALL, undefined, '&default-graph-uri=not%20an%20iri');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('is not an absolute IRI');
  });
});

describe('content negotiation of results', () => {
  const select = `${PREFIX}SELECT ?o WHERE { ?o a asm:Obstacle } ORDER BY ?o LIMIT 2`;
  const cases: Array<[string, string, string, number, string | RegExp]> = [
    ['CSV', select, 'text/csv', 200, 'text/csv; charset=utf-8'],
    ['TSV', select, 'text/tab-separated-values', 200, 'text/tab-separated-values; charset=utf-8'],
    ['XML by higher q', select, 'application/sparql-results+json;q=0.8, application/sparql-results+xml;q=0.9', 200, 'application/sparql-results+xml'],
    ['JSON when CSV is refused with q=0', select, '*/*, text/csv;q=0', 200, 'application/sparql-results+json'],
    ['TSV through text/* with a lower q for CSV', select, 'text/*;q=0.5, text/csv;q=0.1', 200, 'text/tab-separated-values; charset=utf-8'],
    ['an HTML table for a browser', select, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 200, 'text/html; charset=utf-8'],
    ['406 for an image', select, 'image/png', 406, 'text/plain; charset=utf-8'],
    ['406 for CSV of an ASK', `${PREFIX}ASK { ?o a asm:Obstacle }`, 'text/csv', 406, 'text/plain; charset=utf-8'],
    ['406 for SPARQL JSON of a CONSTRUCT', 'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1', 'application/sparql-results+json', 406, 'text/plain; charset=utf-8'],
    ['Turtle for a CONSTRUCT through */*', 'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1', 'application/sparql-results+json, */*;q=0.1', 200, 'text/turtle; charset=utf-8'],
  ];
  it.each(cases)('%s', async (_name, query, accept, status, type) => {
    const response = await get(query, accept);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('vary')).toBe('Accept');
  });

  it('writes CSV and TSV as the SPARQL 1.1 formats say', async () => {
    const csv = await (await get(select, 'text/csv')).text();
    expect(csv).toMatch(/^o\r\nhttps:\/\/w3id\.org\/asm-kg\/id\/statement\/\S+\r\nhttps:\/\/\S+\r\n$/);
    const tsv = await (await get(select, 'text/tab-separated-values')).text();
    expect(tsv).toMatch(/^\?o\n<https:\/\/w3id\.org\/asm-kg\/id\/statement\/\S+>\n<\S+>\n$/);
  });

  it('says what is acceptable in a 406', async () => {
    const response = await get(select, 'image/png');
    expect(await response.text()).toContain('application/sparql-results+json');
  });

  it('links IRIs of the dataset to their pages in the HTML table', async () => {
    const html = await (await get(select, 'text/html')).text();
    expect(html).toMatch(/<a href="\/id\/statement\/[^"]+"/);
    expect(html).toContain('2 rows');
  });
});

describe('errors', () => {
  it('gives 400 with the line and column of a syntax error', async () => {
    const response = await get('SELECT ?s\nWHERE {\n  ?s ?p ?o\n  ?x }');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe("400 Bad Request: syntax error at line 4, column 3: expected '}' but found '?x'\n");
  });

  it('gives 400 for a form without a query, or two queries', async () => {
    const empty = await t.get('/sparql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'foo=bar' });
    expect(empty.status).toBe(400);
    const two = await t.get(`/sparql?query=${encodeURIComponent('ASK {}')}&query=${encodeURIComponent('ASK {}')}`);
    expect(two.status).toBe(400);
    expect(await two.text()).toContain('more than one "query"');
  });

  it('gives 415 for a body of another type, and 405 for PUT', async () => {
    const plain = await t.get('/sparql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ASK {}' });
    expect(plain.status).toBe(415);
    const xml = await t.get('/sparql', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<q/>' });
    expect(xml.status).toBe(415);
    const put = await t.get('/sparql', { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
  });
});

describe('validators and the result cache', () => {
  const query = `${PREFIX}SELECT ?w (COUNT(?o) AS ?n) WHERE { ?o a asm:Obstacle ; asm:raisedIn ?w } GROUP BY ?w ORDER BY ?w`;

  it('sends an ETag and Cache-Control, and 304 Not Modified for If-None-Match', async () => {
    const first = await get(query);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await get(query, undefined, '');
    expect(again.headers.get('etag')).toBe(etag);
    const notModified = await t.get(`/sparql?query=${encodeURIComponent(query)}`, { headers: { 'if-none-match': `"other", ${etag}` } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const modified = await t.get(`/sparql?query=${encodeURIComponent(query)}`, { headers: { 'if-none-match': '"other"' } });
    expect(modified.status).toBe(200);
  });

  it('gives each format its own ETag', async () => {
    const json = await get(query, 'application/sparql-results+json');
    const csv = await get(query, 'text/csv');
    expect(json.headers.get('etag')).not.toBe(csv.headers.get('etag'));
  });

  // The server is the test process's shared one: the queries whose first answer must be a miss name their
  // variable after this file, so that no other file's query has their key.
  it('answers a re-indented, commented copy of a query from the cache', async () => {
    const original = `${PREFIX}SELECT ?serveSparqlCached WHERE { ?serveSparqlCached a asm:Obstacle } LIMIT 3`;
    expect((await get(original)).headers.get('x-cache')).toBe('miss');
    const copy = `# the same query\n${PREFIX}SELECT ?serveSparqlCached\nWHERE {\n  ?serveSparqlCached a asm:Obstacle   # obstacles\n}\nLIMIT 3\n`;
    const response = await get(copy);
    expect(response.headers.get('x-cache')).toBe('hit');
    expect(response.headers.get('x-result-rows')).toBe('3');
  });

  it('shows each sender their own query text on an HTML result page', async () => {
    const query = (comment: string) => `# ${comment}\n${PREFIX}SELECT ?serveSparqlShown WHERE { ?serveSparqlShown a asm:Obstacle } LIMIT 2`;
    const first = await (await get(query('asked-by-first'), 'text/html')).text();
    const second = await get(query('asked-by-second'), 'text/html');
    const page = await second.text();
    expect(first).toContain('asked-by-first');
    expect(page).toContain('asked-by-second');
    expect(page).not.toContain('asked-by-first');
    // The JSON answer of the same query is still shared.
    expect((await get(query('asked-by-first'), 'application/sparql-results+json')).headers.get('x-cache')).toBe('miss');
    expect((await get(query('asked-by-second'), 'application/sparql-results+json')).headers.get('x-cache')).toBe('hit');
  });
});

describe('CORS', () => {
  it('lets any origin read responses', async () => {
    const response = await get('ASK {}', undefined);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('answers a preflight request', async () => {
    const response = await t.get('/sparql', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });
});
