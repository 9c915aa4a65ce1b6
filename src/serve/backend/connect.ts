/**
 * `serve --backend sparql:URL`: the server in front of a SPARQL store that holds the release. What is
 * fetched when:
 *   - at start-up, the named graphs under the base with their sizes, then every triple of those graphs
 *     (graph by graph, paged if the store caps its results), into one N3 Store beside the dataset
 *     descriptions read from dist/. The pages (home, views, lists, resource pages and their RDF documents)
 *     are built from that snapshot, as embedded from the dump: they need the whole graph (search index,
 *     consensus table, lists), and this way they answer exactly as embedded.
 *   - per request to /sparql, the query, sent to the store (queries.ts): no query process holds a copy
 *     of the graph, and the store's engine evaluates it.
 * A store that cannot be reached, or whose graphs do not come back whole, fails the start with a
 * BackendError's message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Writer, type Quad } from 'n3';
import type * as RDF from '@rdfjs/types';
import { loadGraph } from '../../query/load-graph.js';
import type { QueryGraph } from '../../query/types.js';
import { BackendError, SparqlClient } from './client.js';
import { BackendQueries } from './queries.js';

/** How long the start-up snapshot may take per request (a whole graph at once, when the store allows it). */
const SNAPSHOT_TIMEOUT_MS = 300_000;

export interface BackendOptions {
  endpoint: string;
  root: string;
  base: string;
  timeoutMs: number;
  allowService: string[];
  maxRows: number;
  /** dist/void.ttl and dist/dcat.ttl, where they exist: read locally, as embedded. */
  descriptions: string[];
}

export interface Backend {
  /** The snapshot of the store's graphs under the base, with the dataset descriptions. */
  graph: QueryGraph;
  graphs: Array<{ name: string; triples: number }>;
  queries: BackendQueries;
}

export async function connectBackend(options: BackendOptions): Promise<Backend> {
  const snapshot = new SparqlClient(options.endpoint, Math.max(SNAPSHOT_TIMEOUT_MS, options.timeoutMs));
  const counts = await snapshot.select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), ${JSON.stringify(options.base)})) } GROUP BY ?g`);
  const graphs = counts.rows.filter((row) => row.g?.termType === 'NamedNode' && row.n !== undefined)
    .map((row) => ({ name: row.g!.value, triples: Number(row.n!.value) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (graphs.length === 0) throw new BackendError(502, `the SPARQL backend ${options.endpoint} has no named graph under ${options.base}: load the release into it first (asm-kg load --into)`);
  // The snapshot goes through an N-Quads file in the dump's order (lines sorted by code point) and is loaded
  // as embedded loads the dump, then the descriptions: the store's order, which the documents follow
  // (JSON-LD lists types and properties in it), is then the embedded one.
  const writer = new Writer({ format: 'N-Quads' });
  const lines: string[] = [];
  for (const { name, triples } of graphs) {
    for (const q of await fetchGraph(snapshot, name, triples)) lines.push(writer.quadToString(q.subject, q.predicate, q.object, q.graph));
  }
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const folder = mkdtempSync(join(tmpdir(), 'asm-kg-backend-'));
  let graph: QueryGraph;
  try {
    const file = join(folder, 'snapshot.nq');
    writeFileSync(file, lines.join(''));
    lines.length = 0;
    graph = await loadGraph({ root: options.root, includeBuilt: false, sources: [file, ...options.descriptions], maxSourceBytes: Number.MAX_SAFE_INTEGER });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const queries = new BackendQueries(new SparqlClient(options.endpoint, options.timeoutMs), graph.store, {
    base: options.base, graphs: graphs.map((g) => g.name), allowService: options.allowService, maxRows: options.maxRows,
  });
  return { graph, graphs, queries };
}

/**
 * Every triple of one named graph. One query first; a store that caps its results (Virtuoso's
 * ResultSetMaxRows) gives fewer rows than the graph has, and the graph is then read in pages of that
 * size, in a fixed order. A graph that still does not come back whole is an error, never a partial page.
 */
async function fetchGraph(client: SparqlClient, name: string, expected: number): Promise<Quad[]> {
  const pattern = `GRAPH <${name}> { ?s ?p ?o }`;
  let rows = (await client.select(`SELECT ?s ?p ?o WHERE { ${pattern} }`)).rows;
  if (rows.length < expected && rows.length > 0) {
    const page = rows.length;
    rows = [];
    for (let offset = 0; offset < expected; offset += page) {
      const more = (await client.select(`SELECT ?s ?p ?o WHERE { ${pattern} } ORDER BY ?s ?p ?o LIMIT ${page} OFFSET ${offset}`)).rows;
      for (const row of more) rows.push(row);
      if (more.length < page) break;
    }
  }
  const graph = DataFactory.namedNode(name);
  const quads: Quad[] = [];
  for (const { s, p, o } of rows) {
    if ((s?.termType === 'NamedNode' || s?.termType === 'BlankNode') && p?.termType === 'NamedNode' && o !== undefined) {
      quads.push(DataFactory.quad(s as RDF.NamedNode, p, canonicalBoolean(o) as Quad['object'], graph));
    }
  }
  if (quads.length !== expected) {
    throw new BackendError(502, `the SPARQL backend ${client.endpoint} gave ${quads.length} triples of graph <${name}>, which has ${expected}`);
  }
  return quads;
}

const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';

/**
 * Virtuoso keeps an xsd:boolean as 1 or 0 and gives back "1"^^xsd:boolean: the same value, but the pages
 * read the canonical form (asm:tentative "true"), so a boolean is written canonically, as in our dumps.
 */
function canonicalBoolean(term: RDF.Term): RDF.Term {
  if (term.termType !== 'Literal' || term.datatype.value !== XSD_BOOLEAN || (term.value !== '1' && term.value !== '0')) return term;
  return DataFactory.literal(term.value === '1' ? 'true' : 'false', DataFactory.namedNode(XSD_BOOLEAN));
}
