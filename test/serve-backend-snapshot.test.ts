/**
 * `serve --backend`'s start-up snapshot (src/serve/backend/connect.ts): every graph of the store is read
 * with a CONSTRUCT whose N-Triples are streamed into the snapshot, paged when the store caps its answers,
 * and the snapshot holds exactly the embedded graph, quad for quad and in the embedded order (which the
 * resource documents follow). Against an Oxigraph endpoint that caps or loses triples on request, and
 * against Virtuoso 7 with a result limit below the size of our graphs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writer, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../src/query/load-graph.js';
import { connectBackend, type BackendOptions } from '../src/serve/backend/connect.js';
import { graphNames } from './support/graph-names.js';
import { DIST, readDump, RELEASE_DIR, ROOT } from './support/project.js';
import { fakeEndpoint, type FakeEndpoint } from './support/oxigraph-endpoint.js';
import { loadReleaseInto, startVirtuoso, type Virtuoso } from './support/virtuoso.js';

const BASE = 'https://w3id.org/asm-kg/';
const descriptions = ['void.ttl', 'dcat.ttl'].map((name) => join(DIST, name)).filter((path) => existsSync(path));
const options = (endpoint: string): BackendOptions => ({ endpoint, root: ROOT, base: BASE, timeoutMs: 120_000, allowService: [], maxRows: 10_000, descriptions });

/**
 * The store's quads as N-Quads lines, in the store's own order; a blank node without the prefix the parser
 * gives each document it reads (_:b2_sha256-… and _:b41_sha256-… are the same node of dcat.ttl).
 */
function inOrder(quads: Quad[]): string[] {
  const writer = new Writer({ format: 'N-Quads' });
  return quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object, q.graph).replace(/_:b\d+_/g, '_:'));
}

let embedded: string[];
let largestGraph: number;
beforeAll(async () => {
  const graph = await loadGraph({ root: ROOT, sources: descriptions, mergeDefaultGraph: false });
  embedded = inOrder(graph.store.getQuads(null, null, null, null));
  const sizes = new Map<string, number>();
  for (const q of graph.store.getQuads(null, null, null, null)) if (q.graph.value.startsWith(BASE)) sizes.set(q.graph.value, (sizes.get(q.graph.value) ?? 0) + 1);
  largestGraph = Math.max(...sizes.values());
}, 60_000);

describe('the snapshot from an Oxigraph endpoint', () => {
  let store: FakeEndpoint;
  beforeAll(async () => { store = await fakeEndpoint(readFileSync(join(RELEASE_DIR, 'asm-kg.nq'), 'utf8')); });
  afterAll(async () => { await store?.close(); });

  it('holds the embedded graph, quad for quad in the embedded order, read with one CONSTRUCT per graph', async () => {
    store.capTriples = undefined;
    store.queries = [];
    const backend = await connectBackend(options(store.url));
    expect(inOrder(backend.graph.store.getQuads(null, null, null, null))).toEqual(embedded);
    expect(store.queries.filter((q) => q.startsWith('CONSTRUCT'))).toHaveLength(backend.graphs.length);
  });

  it('stops the start when the store lacks graph/merged, the default graph every query is sent with', async () => {
    const bare = await fakeEndpoint(readFileSync(join(RELEASE_DIR, 'asm-kg.nq'), 'utf8'), { merged: false });
    try {
      await expect(connectBackend(options(bare.url))).rejects.toThrow(`the SPARQL backend ${bare.url} has no graph <${BASE}graph/merged> `
        + '(the merge of the named graphs, queried as the default graph): load the release with asm-kg load --into, which writes it');
    } finally { await bare.close(); }
  });

  it('reads a graph in pages when the store caps its answer, and still holds the embedded graph', async () => {
    const cap = 700;
    expect(largestGraph).toBeGreaterThan(2 * cap);
    store.capTriples = cap;
    store.queries = [];
    try {
      const backend = await connectBackend(options(store.url));
      expect(inOrder(backend.graph.store.getQuads(null, null, null, null))).toEqual(embedded);
      expect(store.queries).toContain(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${BASE}graph/statements> { ?s ?p ?o } } ORDER BY ?s ?p ?o LIMIT ${cap} OFFSET ${cap}`);
    } finally { store.capTriples = undefined; }
  });

  it('stops the start when a graph does not come back whole, naming the graph and the counts', async () => {
    store.dropLast = true;
    try {
      await expect(connectBackend(options(store.url))).rejects.toThrow(
        new RegExp(`^the SPARQL backend ${store.url.replace(/[.]/g, '\\.')} gave \\d+ triples of graph <${BASE}graph/[a-z-]+>, which has \\d+$`),
      );
    } finally { store.dropLast = false; }
  });

  it('names a store whose triples do not parse', async () => {
    // A store that counts two triples in one graph and answers its CONSTRUCT with a literal never closed.
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      request.on('end', () => {
        const query = new URLSearchParams(body).get('query') ?? '';
        if (query.startsWith('SELECT')) {
          response.writeHead(200, { 'Content-Type': 'application/sparql-results+json' }).end(JSON.stringify({
            head: { vars: ['g', 'n'] },
            results: { bindings: [{ g: { type: 'uri', value: `${BASE}graph/statements` }, n: { type: 'literal', datatype: 'http://www.w3.org/2001/XMLSchema#integer', value: '2' } }] },
          }));
        } else {
          response.writeHead(200, { 'Content-Type': 'application/n-triples' }).end(`<${BASE}id/a> <${BASE}ontology#p> "unterminated .\n`);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
    try {
      await expect(connectBackend(options(url))).rejects.toThrow(`the SPARQL backend ${url} answered with triples that do not parse (${url}:1:`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the snapshot from Virtuoso 7 with a result limit below our largest graph', () => {
  let virtuoso: Virtuoso;
  const limit = 1000;
  beforeAll(async () => {
    virtuoso = await startVirtuoso({ resultSetMaxRows: limit });
    await loadReleaseInto(virtuoso, join(RELEASE_DIR, 'asm-kg.nq'), graphNames(readDump('asm-kg.nq')), `${BASE}graph/merged`);
  }, 120_000);
  afterAll(async () => { await virtuoso?.stop(); });

  it('reads every graph whole, in pages, and holds the embedded graph in the embedded order', async () => {
    expect(largestGraph).toBeGreaterThan(limit);
    const backend = await connectBackend(options(virtuoso.sparqlUrl));
    expect(inOrder(backend.graph.store.getQuads(null, null, null, null))).toEqual(embedded);
  }, 120_000);
});
