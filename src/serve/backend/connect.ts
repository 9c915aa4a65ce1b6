/**
 * `serve --backend sparql:URL`: the server in front of a SPARQL store that holds the release. What is
 * fetched when:
 *   - at start-up, the named graphs under the base with their sizes (the merged graph, which load --into
 *     writes beside them, is the default graph: checked to hold their merge, not fetched), then every triple of those graphs
 *     (one CONSTRUCT per graph, its N-Triples streamed through the parser; paged if the store caps its
 *     results), into one N3 Store beside the dataset descriptions read from dist/. The pages (home, views,
 *     lists, resource pages and their RDF documents) are built from that snapshot, as embedded from the
 *     dump: they need the whole graph (search index, consensus table, lists), and this way they answer
 *     exactly as embedded.
 *   - per request to /sparql, the query, sent to the store (queries.ts): no query process holds a copy
 *     of the graph, and the store's engine evaluates it.
 * A store that cannot be reached, or whose graphs do not come back whole, fails the start with a
 * BackendError's message.
 *
 * Why CONSTRUCT and N-Triples rather than a SELECT's JSON: measured on Virtuoso 7.2 with 100,000 triples
 * of one graph, the N-Triples answer took 3.5 s and its SPARQL JSON 37-48 s (SPARQL XML 9.6 s); and
 * N-Triples can be parsed as it arrives, where JSON would be held whole, text and objects, before the
 * first triple (at a million triples, several hundred MB each).
 */
import { DataFactory, Writer, type Quad } from 'n3';
import type * as RDF from '@rdfjs/types';
import { mergedGraphIri, mergedTripleCount } from '../../query/default-graph.js';
import type { QueryGraph } from '../../query/types.js';
import { snapshotGraph } from './snapshot-store.js';
import { BackendError, SparqlClient } from '../../query/runners/backend-client.js';
import { BackendQueries } from '../../query/runners/backend.js';
import { htmlAnswers } from '../../render/html-answer.js';

/** How long the start-up snapshot may take per request (a whole graph at once, when the store allows it). */
const SNAPSHOT_TIMEOUT_MS = 900_000;

export interface BackendOptions {
  endpoint: string;
  root: string;
  base: string;
  timeoutMs: number;
  allowService: string[];
  maxRows: number;
  maxResultBytes?: number;
  /** dist/void.ttl and dist/dcat.ttl, where they exist: read locally, as embedded. */
  descriptions: string[];
}

export interface Backend {
  /** The snapshot of the store's graphs under the base, with the dataset descriptions. */
  graph: QueryGraph;
  /** The snapshot's N-Quads, sorted, before the descriptions (snapshot-store.ts): the render worker builds its store from them. */
  snapshot: string;
  graphs: Array<{ name: string; triples: number }>;
  queries: BackendQueries;
}

export async function connectBackend(options: BackendOptions): Promise<Backend> {
  const snapshot = new SparqlClient(options.endpoint, Math.max(SNAPSHOT_TIMEOUT_MS, options.timeoutMs));
  const counts = await snapshot.select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), ${JSON.stringify(options.base)})) } GROUP BY ?g`);
  const all = counts.rows.filter((row) => row.g?.termType === 'NamedNode' && row.n !== undefined)
    .map((row) => ({ name: row.g!.value, triples: Number(row.n!.value) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  // The merge of the graphs (load --into writes it) is the default graph, not one of the named graphs.
  const mergedGraph = mergedGraphIri(options.base);
  const merged = all.find((g) => g.name === mergedGraph);
  const graphs = all.filter((g) => g !== merged);
  if (graphs.length === 0) throw new BackendError(502, `the SPARQL backend ${options.endpoint} has no named graph under ${options.base}: load the release into it first (asm-kg load --into)`);
  // The snapshot is loaded in the dump's order (N-Quads lines sorted by code point), as embedded loads the
  // dump, then the descriptions: the store's order, which the documents follow (JSON-LD lists types and
  // properties in it), is then the embedded one.
  const lines: string[] = [];
  for (const { name, triples } of graphs) {
    for (const line of await fetchGraph(snapshot, name, triples)) lines.push(line);
  }
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const nquads = lines.join('');
  lines.length = 0;
  const graph = await snapshotGraph(nquads, options.endpoint, options.root, options.descriptions);
  checkMerged(options.endpoint, mergedGraph, merged?.triples, mergedTripleCount(graph.store, graphs.map((g) => g.name)));
  const queries = new BackendQueries(new SparqlClient(options.endpoint, options.timeoutMs), graph.store, {
    base: options.base, graphs: graphs.map((g) => g.name), mergedGraph, allowService: options.allowService, maxRows: options.maxRows, maxResultBytes: options.maxResultBytes,
    html: htmlAnswers(options.base),
  });
  return { graph, graphs, queries, snapshot: nquads };
}

/**
 * The store must hold the merge of its graphs as a graph of its own, each triple once, for the default graph
 * to count as every other engine's does (src/query/default-graph.ts): a store's own union matches a triple
 * once per graph holding it. `held` is what the store's merged graph holds (undefined: no such graph),
 * `expected` the distinct triples of the snapshot's graphs.
 */
function checkMerged(endpoint: string, iri: string, held: number | undefined, expected: number): void {
  const reload = 'load the release with asm-kg load --into, which writes it';
  if (held === undefined) throw new BackendError(502, `the SPARQL backend ${endpoint} has no graph <${iri}> (the merge of the named graphs, queried as the default graph): ${reload}`);
  if (held !== expected) throw new BackendError(502, `the SPARQL backend ${endpoint} holds ${held} triples in <${iri}>, but the merge of its named graphs has ${expected}: ${reload}`);
}

/**
 * Every triple of one named graph, as N-Quads lines. One query first; a store that caps its results
 * (Virtuoso's ResultSetMaxRows) gives fewer triples than the graph has, and the graph is then read in
 * pages of that size, in a fixed order. A graph that still does not come back whole is an error, never a
 * partial page.
 */
async function fetchGraph(client: SparqlClient, name: string, expected: number): Promise<string[]> {
  const graph = DataFactory.namedNode(name);
  const writer = new Writer({ format: 'N-Quads' });
  const template = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${name}> { ?s ?p ?o } }`;
  let lines: string[] = [];
  const sink = (q: Quad): void => {
    const line = writer.quadToString(q.subject, q.predicate, canonicalBoolean(q.object) as Quad['object'], graph);
    // A copy in one piece: the line as written is a rope of pieces that keep the parser's input chunks
    // alive. Measured on Virtuoso's 811,062 triples of one graph at 1M: 589 MB of heap held as written,
    // 181 MB as copies (and the sort 3 s instead of 7-10 s).
    lines.push(Buffer.from(line).toString());
  };
  const first = await client.triples(template, sink);
  if (first < expected && first > 0) {
    lines = [];
    for (let offset = 0; offset < expected; offset += first) {
      const more = await client.triples(`${template} ORDER BY ?s ?p ?o LIMIT ${first} OFFSET ${offset}`, sink);
      if (more < first) break;
    }
  }
  if (lines.length !== expected) {
    throw new BackendError(502, `the SPARQL backend ${client.endpoint} gave ${lines.length} triples of graph <${name}>, which has ${expected}`);
  }
  return lines;
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
