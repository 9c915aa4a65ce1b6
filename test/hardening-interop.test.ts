/**
 * Issue 8, findings 10 and 11, with the clients the attack report used, against a real server on port 0:
 * Python rdflib's SPARQLStore (CONSTRUCT, DESCRIBE: it asks only for RDF/XML), SPARQLWrapper's RDFXML
 * and XML, and rapper's default mode (RDF/XML) on our IRIs and graph IRIs; N-Quads and TriG by
 * negotiation; the Graph Store's read side (?graph=, ?default) in every RDF format, each graph IRI
 * dereferencing to its graph, and the service description pointing at it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { readDump } from './support/project.js';
import type { TestServer } from './fixtures/serve/server.js';
import { sharedServer } from './fixtures/serve/shared-server.js';

const BASE = 'https://w3id.org/asm-kg/';
const PYTHON = '/usr/bin/python3';
const dump = readDump('asm-kg.nq');
const graphNames = [...new Set(dump.map((q) => q.graph.value))].sort();
const tripleKey = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${q.object.termType === 'Literal' ? `${q.object.language}^^${q.object.datatype.value}` : ''}`;
const keys = (quads: Quad[]) => [...new Set(quads.map(tripleKey))].sort();
const inGraph = (graph: string) => keys(dump.filter((q) => q.graph.value === graph));

let t: TestServer;
const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-interop-'));
let documents = 0;
beforeAll(async () => { t = await sharedServer(); }, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(scratch, { recursive: true, force: true });
});

// Asynchronous: the server answers from this process, so a synchronous child would wait for ever.
const run = promisify(execFile);
const python = async (script: string, ...args: string[]) => (await run(PYTHON, ['-c', script, ...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
/** rapper's default mode (RDF/XML, which it asks for), counting the triples it reads from a URL. */
async function rapperCount(url: string): Promise<number> {
  const { stderr } = await run('rapper', ['-c', url], { timeout: 60_000 });
  return Number(/returned (\d+) triples?/.exec(stderr)?.[1]);
}

async function parse(body: string, mediaType: string, baseIRI: string): Promise<Quad[]> {
  if (mediaType === 'application/ld+json') {
    const nquads = await jsonld.toRDF(JSON.parse(body) as object, { format: 'application/n-quads' } as never) as unknown as string;
    return new Parser({ format: 'N-Quads' }).parse(nquads);
  }
  if (mediaType === 'application/rdf+xml') {
    // rdflib's RDF/XML parser, as the Python clients use it, written back as N-Triples.
    const file = join(scratch, `${++documents}.rdf`);
    writeFileSync(file, body);
    const nt = await python('import sys, rdflib; g = rdflib.Graph(); g.parse(sys.argv[1], format="xml", publicID=sys.argv[2]); print(g.serialize(format="nt"))', file, baseIRI);
    return new Parser({ format: 'N-Triples' }).parse(nt);
  }
  const formats: Record<string, string> = { 'text/turtle': 'Turtle', 'application/n-triples': 'N-Triples', 'application/n-quads': 'N-Quads', 'application/trig': 'TriG' };
  return new Parser({ format: formats[mediaType]!, baseIRI }).parse(body);
}

const CONSTRUCT = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${BASE}graph/links> { ?s ?p ?o } }`;
const RDF_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml', 'application/n-quads', 'application/trig'];

describe('CONSTRUCT and DESCRIBE in every RDF format (finding 10)', () => {
  it.each(RDF_TYPES)('CONSTRUCT as %s gives the same triples', async (mediaType) => {
    const response = await t.get(`/sparql?query=${encodeURIComponent(CONSTRUCT)}`, { headers: { accept: mediaType } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')!.split(';')[0]).toBe(mediaType);
    expect(keys(await parse(await response.text(), mediaType, t.url))).toEqual(inGraph(`${BASE}graph/links`));
  });

  it('rdflib SPARQLStore: CONSTRUCT and DESCRIBE', async () => {
    const script = `import sys
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(sys.argv[1])
construct = store.query(sys.argv[2])
describe = store.query('DESCRIBE <${BASE}id/workshop/1>')
print(len(construct.graph), len(describe.graph))`;
    const [constructed, described] = (await python(script, `${t.url}/sparql`, CONSTRUCT)).split(' ').map(Number);
    expect(constructed).toBe(inGraph(`${BASE}graph/links`).length);
    expect(described).toBeGreaterThan(0);
  });

  it.each(['RDFXML', 'XML'])('SPARQLWrapper with returnFormat %s', async (format) => {
    const script = `import sys
from SPARQLWrapper import SPARQLWrapper, ${format}
sparql = SPARQLWrapper(sys.argv[1])
sparql.setQuery(sys.argv[2])
sparql.setReturnFormat(${format})
print(len(sparql.query().convert()))`;
    expect(Number(await python(script, `${t.url}/sparql`, CONSTRUCT))).toBe(inGraph(`${BASE}graph/links`).length);
  });
});

describe('IRI dereferencing (finding 10)', () => {
  it('rapper reads a resource IRI in its default mode (303 to the RDF/XML document)', async () => {
    const path = t.server.samplePath;
    const response = await t.get(path, { headers: { accept: 'application/rdf+xml' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${path}.rdf`);
    const nt = new Parser({ format: 'N-Triples' }).parse(await (await t.get(`${path}.nt`)).text());
    expect(await rapperCount(`${t.url}${path}`)).toBe(nt.length);
  });

  it.each([['rdf', 'application/rdf+xml'], ['nq', 'application/n-quads'], ['trig', 'application/trig']])('the .%s description has the triples of the .nt one', async (suffix, mediaType) => {
    const path = t.server.samplePath;
    const response = await t.get(`${path}.${suffix}`);
    expect(response.headers.get('content-type')!.split(';')[0]).toBe(mediaType);
    const nt = new Parser({ format: 'N-Triples' }).parse(await (await t.get(`${path}.nt`)).text());
    const body = await response.text();
    const quads = await parse(body, mediaType, `${t.url}${path}`);
    expect(keys(quads)).toEqual(keys(nt));
    // N-Quads and TriG say the named graph each triple comes from (the dataset descriptions' triples are
    // in the default graph), and never a local file path.
    if (mediaType !== 'application/rdf+xml') expect(quads.filter((q) => q.graph.value !== '' && !graphNames.includes(q.graph.value))).toEqual([]);
    expect(body).not.toContain('file:');
  });
});

describe('the Graph Store, read side (finding 11)', () => {
  it.each(graphNames.flatMap((graph) => RDF_TYPES.map((type) => [graph, type])))('?graph=%s as %s', async (graph, mediaType) => {
    const response = await t.get(`/rdf-graph-store?graph=${encodeURIComponent(graph)}`, { headers: { accept: mediaType } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')!.split(';')[0]).toBe(mediaType);
    expect(response.headers.get('vary')).toBe('Accept');
    const quads = await parse(await response.text(), mediaType, t.url);
    expect(keys(quads)).toEqual(inGraph(graph));
    if (mediaType === 'application/n-quads' || mediaType === 'application/trig') expect(new Set(quads.map((q) => q.graph.value))).toEqual(new Set([graph]));
  });

  it('?default is the merge of the named graphs, each triple once', async () => {
    const response = await t.get('/rdf-graph-store?default', { headers: { accept: 'application/n-triples' } });
    const triples = await parse(await response.text(), 'application/n-triples', t.url);
    expect(keys(triples)).toEqual(keys(dump));
    expect(triples.length).toBe(keys(dump).length);
  });

  it('a graph IRI dereferences to its graph: /graph/links, with rapper', async () => {
    const links = `${BASE}graph/links`;
    const response = await t.get('/graph/links', { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/graph/links.content.ttl');
    expect(await rapperCount(`${t.url}/graph/links`)).toBe(inGraph(links).length);
  });

  it.each(graphNames.flatMap((graph) => RDF_TYPES.map((type) => [graph, type])))('%s as %s: its content document is the Graph Store\'s answer', async (graph, mediaType) => {
    const redirect = await t.get(`/${graph.slice(BASE.length)}`, { headers: { accept: mediaType } });
    expect(redirect.status).toBe(303);
    const location = redirect.headers.get('location')!;
    expect(location).toMatch(/^\/graph\/[a-z]+\.content\.(?:ttl|nt|jsonld|rdf|nq|trig)$/);
    const [document, store] = await Promise.all([t.get(location), t.get(`/rdf-graph-store?graph=${encodeURIComponent(graph)}`, { headers: { accept: mediaType } })]);
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe(store.headers.get('content-type'));
    expect(await document.text()).toBe(await store.text());
    expect(document.headers.get('link')).toContain(`<${location.replace(/\.content\.[a-z]+$/, '.ttl')}>; rel="describedby"`);
  });

  it('refuses what it cannot answer, with the reason', async () => {
    const none = await t.get('/rdf-graph-store');
    expect(none.status).toBe(400);
    expect(await none.text()).toBe(`400 Bad Request: name one graph: ?graph=IRI (one of ${graphNames.join(', ')}) or ?default (their merge)\n`);
    const unknown = await t.get(`/rdf-graph-store?graph=${encodeURIComponent('http://example.org/g')}`);
    expect(unknown.status).toBe(404);
    const put = await t.get(`/rdf-graph-store?graph=${encodeURIComponent(graphNames[0]!)}`, { method: 'PUT', body: '' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const csv = await t.get(`/rdf-graph-store?graph=${encodeURIComponent(graphNames[0]!)}`, { headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(406);
  });

  it('is in the service description: each graph links to its dump there', async () => {
    const response = await t.get('/sparql', { headers: { accept: 'application/n-triples' } });
    const quads = new Parser({ format: 'N-Triples' }).parse(await response.text());
    const dumps = quads.filter((q) => q.predicate.value === 'http://rdfs.org/ns/void#dataDump').map((q) => q.object.value).sort();
    const origin = new URL(quads.find((q) => q.predicate.value === 'http://www.w3.org/ns/sparql-service-description#endpoint')!.object.value).origin;
    expect(dumps).toEqual([`${origin}/rdf-graph-store?default`, ...graphNames.map((g) => `${origin}/rdf-graph-store?graph=${encodeURIComponent(g)}`)].sort());
    // The server formats are listed too.
    const formats = quads.filter((q) => q.predicate.value.endsWith('#resultFormat')).map((q) => q.object.value);
    expect(formats).toEqual(expect.arrayContaining(['http://www.w3.org/ns/formats/RDF_XML', 'http://www.w3.org/ns/formats/N-Quads', 'http://www.w3.org/ns/formats/TriG']));
  });
});
