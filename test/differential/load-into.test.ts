/**
 * `asm-kg load --into`: the release goes into a real Virtuoso 7 through its Graph Store endpoint (digest
 * authentication), one graph per request, and the store then holds exactly the dump's quads, read back
 * graph by graph (CONSTRUCT over the SPARQL protocol) and compared canonically. Virtuoso keeps decimals and
 * booleans by value ("1.000" comes back "1"; dumps.test.ts), so those are compared by value.
 * Failures (refused connection, wrong password, a 5xx in the middle) say what failed and leave the old graphs.
 */
import type * as RDF from '@rdfjs/types';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataFactory, Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { parseLoadArgs } from '../../src/cli/load.js';
import { loadInto, StoreLoadError, type LoadIntoOptions } from '../../src/load-into/load.js';
import { startVirtuoso, type Virtuoso } from '../support/virtuoso.js';
import { canonical, freshRelease, graphNames, MERGED_GRAPH, readQuads, termKey } from './engines.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** Virtuoso's value-space literals, written the way it gives them back. */
function byValue(quads: RDF.Quad[]): RDF.Quad[] {
  return quads.map((q) => {
    const o = q.object;
    if (o.termType !== 'Literal') return q;
    const value = o.datatype.value === `${XSD}decimal` ? String(Number(o.value))
      : o.datatype.value === `${XSD}boolean` ? (o.value === '1' || o.value === 'true' ? 'true' : 'false') : undefined;
    return value === undefined ? q : DataFactory.quad(q.subject as Quad['subject'], q.predicate as Quad['predicate'], DataFactory.literal(value, o.datatype), q.graph as Quad['graph']);
  });
}

/** The triples of all the graphs, each once (keyed by N-Triples form), in graph/merged. */
function mergedOf(quads: Quad[]): Quad[] {
  const graph = DataFactory.namedNode(MERGED_GRAPH);
  const triples = new Map(quads.map((q) => [`${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`, DataFactory.quad(q.subject, q.predicate, q.object, graph)]));
  return [...triples.values()];
}

describe('asm-kg load --into (Virtuoso 7, Graph Store protocol)', () => {
  let release: Awaited<ReturnType<typeof freshRelease>>;
  let quads: Quad[];
  let graphs: string[];
  let virtuoso: Virtuoso;
  let base: LoadIntoOptions;

  beforeAll(async () => {
    [release, virtuoso] = await Promise.all([freshRelease(), startVirtuoso()]);
    quads = readQuads(release.path('asm-kg.nq'));
    graphs = graphNames(quads);
    base = {
      gspUrl: virtuoso.gspUrl,
      updateUrl: virtuoso.sparqlUrl.replace(/\/sparql$/, '/sparql-auth'),
      dump: release.path('asm-kg.nq'),
      credentials: { user: virtuoso.user, password: virtuoso.password },
    };
  }, 600_000);

  afterAll(async () => {
    await virtuoso?.stop();
    release?.cleanup();
  });

  /** A graph of the store, read back with a CONSTRUCT over the SPARQL protocol. */
  async function readGraph(graph: string): Promise<Quad[]> {
    const url = `${virtuoso.sparqlUrl}?query=${encodeURIComponent(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`)}`;
    const response = await fetch(url, { headers: { accept: 'application/n-triples' } });
    expect(response.status).toBe(200);
    return new Parser({ format: 'N-Triples' }).parse(await response.text()).map((q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graph)));
  }

  async function putGraph(graph: string, ntriples: string): Promise<void> {
    // Through our own client, so the test needs no second digest implementation: a one-graph dump.
    const { writeFileSync } = await import('node:fs');
    const file = `${virtuoso.dir}/seed-${encodeURIComponent(graph)}.nq`;
    writeFileSync(file, ntriples.replace(/ \.\n/g, ` <${graph}> .\n`));
    await loadInto({ ...base, updateUrl: undefined, dump: file });
  }

  const expectedGraph = (graph: string, target = graph) =>
    quads.filter((q) => q.graph.value === graph).map((q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(target)));

  it('loads every graph through temporary graphs and one MOVE; the store then holds exactly our quads', async () => {
    await putGraph(graphs[0]!, '<urn:old:s> <urn:old:p> "left over" .\n');
    const report = await loadInto(base);
    expect(report.swapped).toBe(true);
    expect(report.graphs.map((g) => g.target).sort()).toEqual(graphs);
    expect(report.graphs.reduce((n, g) => n + g.triples, 0)).toBe(quads.length);
    const back = (await Promise.all(graphs.map(readGraph))).flat();
    expect(await canonical(byValue(back))).toBe(await canonical(byValue(quads)));
    // And their merge, each triple once, in graph/merged: the default graph a query sends.
    expect(report.merged).toEqual({ target: MERGED_GRAPH, sent: quads.length });
    expect(await canonical(byValue(await readGraph(MERGED_GRAPH)))).toBe(await canonical(byValue(mergedOf(quads))));
    // No temporary graph is left behind.
    const left = await fetch(`${virtuoso.sparqlUrl}?query=${encodeURIComponent('SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } FILTER STRSTARTS(STR(?g), "urn:asm-kg:load:") }')}`, { headers: { accept: 'application/sparql-results+json' } });
    expect((JSON.parse(await left.text()) as { results: { bindings: unknown[] } }).results.bindings).toEqual([]);
  });

  it('--merge keeps what a graph held; --graph writes a graph under another IRI', async () => {
    const target = 'urn:asm-kg:test:statements';
    await putGraph(target, '<urn:kept:s> <urn:kept:p> "kept" .\n');
    const statements = graphs.find((g) => g.endsWith('/statements'))!;
    const report = await loadInto({ ...base, mode: 'merge', graphMap: { [statements]: target } });
    expect(report.graphs.find((g) => g.source === statements)?.target).toBe(target);
    const back = await readGraph(target);
    const kept = DataFactory.quad(DataFactory.namedNode('urn:kept:s'), DataFactory.namedNode('urn:kept:p'), DataFactory.literal('kept'), DataFactory.namedNode(target));
    expect(await canonical(byValue(back))).toBe(await canonical(byValue([...expectedGraph(statements, target), kept])));
  });

  it('loads in place (PUT per graph) without an update endpoint', async () => {
    const report = await loadInto({ ...base, updateUrl: undefined });
    expect(report.swapped).toBe(false);
    const back = (await Promise.all(graphs.map(readGraph))).flat();
    expect(await canonical(byValue(back))).toBe(await canonical(byValue(quads)));
    expect(await canonical(byValue(await readGraph(MERGED_GRAPH)))).toBe(await canonical(byValue(mergedOf(quads))));
  });

  it('a wrong password fails before any graph changes, naming the user and the 401', async () => {
    const first = graphs[0]!;
    await putGraph(first, '<urn:old:s> <urn:old:p> "old" .\n');
    await expect(loadInto({ ...base, credentials: { user: 'dba', password: 'wrong' } })).rejects.toThrow(
      new StoreLoadError(`HEAD ${new URL(virtuoso.gspUrl).origin}/sparql-graph-crud-auth: the store refused the credentials for user "dba" (HTTP 401)`));
    expect((await readGraph(first)).map((q) => q.object.value)).toEqual(['old']);
  });

  it('no credentials for a store that asks for them: says so', async () => {
    await expect(loadInto({ ...base, credentials: undefined, updateUrl: undefined })).rejects.toThrow(
      /^PUT graph <[^>]+>: the store asks for authentication \(HTTP 401, Digest\): give --user and --password\./);
  });

  it('a refused connection names the address', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => { const { port } = server.address() as AddressInfo; server.close(() => resolve(port)); });
    });
    await expect(loadInto({ ...base, gspUrl: `http://127.0.0.1:${closed}/gsp`, updateUrl: `http://127.0.0.1:${closed}/update`, credentials: undefined }))
      .rejects.toThrow(new RegExp(`^PUT graph <urn:asm-kg:load:[^>]+>: cannot reach http://127\\.0\\.0\\.1:${closed} \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}\\)\\. Loading stopped before any target graph changed`));
  });

  it('a 5xx in the middle stops the load before any MOVE, and drops the temporary graphs', async () => {
    const seen: string[] = [];
    let puts = 0;
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        const url = new URL(req.url!, 'http://x');
        seen.push(`${req.method} ${url.pathname} ${req.method === 'POST' ? new URLSearchParams(body).get('update') : url.searchParams.get('graph')}`);
        if (req.method === 'PUT' && ++puts === 2) { res.writeHead(503, { 'content-type': 'text/plain' }).end('store is restarting'); return; }
        res.writeHead(req.method === 'PUT' ? 201 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await loadInto({ ...base, gspUrl: `http://127.0.0.1:${port}/gsp`, updateUrl: `http://127.0.0.1:${port}/update`, credentials: undefined }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLoadError);
      expect((error as Error).message).toMatch(/^PUT graph <urn:asm-kg:load:[^>]+:1>: the store answered HTTP 503 Service Unavailable: store is restarting\. Loading stopped before any target graph changed \(the graphs were going into temporary graphs\); the store holds its old graphs$/);
      expect(seen.filter((s) => /MOVE|ADD/.test(s))).toEqual([]);
      expect(seen.at(-1)).toMatch(/^POST \/update DROP SILENT GRAPH <urn:asm-kg:load:[^>]+:0> ;\nDROP SILENT GRAPH <urn:asm-kg:load:[^>]+:1>$/);
    } finally {
      server.close();
    }
  });
});

describe('parseLoadArgs', () => {
  it('reads the options', () => {
    const { options } = parseLoadArgs(['--into', 'http://h:8890/sparql-graph-crud-auth', '--update', 'http://h:8890/sparql-auth', '--user', 'dba',
      '--graph', 'https://w3id.org/asm-kg/graph/links=urn:x:links', '--merge', '--dump', 'x.nq'], { ASM_KG_STORE_PASSWORD: 's3cret' });
    expect(options).toEqual({
      gspUrl: 'http://h:8890/sparql-graph-crud-auth', updateUrl: 'http://h:8890/sparql-auth', dump: 'x.nq', mode: 'merge',
      credentials: { user: 'dba', password: 's3cret', scheme: undefined }, graphMap: { 'https://w3id.org/asm-kg/graph/links': 'urn:x:links' },
    });
  });

  it.each([
    [[], 'load: --into URL is required (the store\'s Graph Store endpoint)'],
    [['--into', 'ftp://x/'], 'load: --into "ftp://x/" is not an http(s) URL'],
    [['--into', 'http://x/', '--replace', '--merge'], 'load: give --replace or --merge, not both'],
    [['--into', 'http://x/', '--user', 'dba'], 'load: --user needs --password (or ASM_KG_STORE_PASSWORD)'],
    [['--into', 'http://x/', '--graph', 'nothing'], 'load: --graph "nothing" is not FROM=TO'],
    [['--into', 'http://x/', '--user', 'u', '--password', 'p', '--auth', 'ntlm'], 'load: --auth "ntlm" is not basic or digest'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseLoadArgs(argv as string[], {})).toThrow(new UsageError(message));
  });
});
