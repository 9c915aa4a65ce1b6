/**
 * The default graph every engine queries: the RDF merge of the named graphs, a set of triples (SPARQL 1.1
 * §13: the default graph is an RDF graph). A triple that sits in two named graphs (170 `rdf:type` triples
 * are in both graph/statements and graph/editorial) is in the default graph once.
 *
 * The engines' "union default graph" modes do not give that: Comunica's `unionDefaultGraph`, Oxigraph's
 * `use_default_graph_as_union` and its `default_graph: [every named graph]`, and Virtuoso with every named
 * graph sent as `default-graph-uri` all match each copy once (measured on 0.2.1: 255 matches of
 * `?s a asm:Statement` for 189 statements, 4476 of `?s ?p ?o` for 4297 triples). So the default graph is
 * made a real one, once, where the graph is loaded: every engine then queries its own default graph, and
 * `GRAPH ?g` still ranges over the named graphs only, each with its own triples.
 *
 *   - an N3 Store (the CLI, the library, serve's Comunica runner, the static site's in-browser engine):
 *     `addMergedDefaultGraph`; the store's add is a set add, so each triple is stored once;
 *   - Oxigraph (serve): the update `MERGE_INTO_DEFAULT_GRAPH`, run once on its store;
 *   - a triplestore (`load --into`, `serve --backend`): the merge loaded as a graph of its own,
 *     MERGED_GRAPH_PATH under the base, sent as the `default-graph-uri` of every query.
 *
 * The published dumps keep only the named graphs: the merge is the engines' view of them.
 */
import { DataFactory, type Quad, type Store } from 'n3';

/** The SPARQL Update that fills a store's default graph with the triples of its named graphs (a store's graph is a set). */
export const MERGE_INTO_DEFAULT_GRAPH = 'INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }';

/**
 * Where a triplestore holds the merge, relative to the base (https://w3id.org/asm-kg/graph/merged): a named
 * graph holding each triple of the release's named graphs once, sent as `default-graph-uri`.
 */
export const MERGED_GRAPH_PATH = 'graph/merged';

/** The merged graph's IRI for a base. */
export function mergedGraphIri(base: string): string {
  return `${base}${MERGED_GRAPH_PATH}`;
}

/**
 * Adds to the store's default graph every triple of its named graphs, each once. Returns the number of
 * triples the default graph then holds. A store whose default graph already holds triples keeps them (a
 * default graph is only ever filled here, so that is a store this function has already seen).
 */
export function addMergedDefaultGraph(store: Store): number {
  const defaultGraph = DataFactory.defaultGraph();
  for (const graph of store.getGraphs(null, null, null)) {
    if (graph.termType === 'DefaultGraph') continue;
    store.forEach((q) => { store.addQuad(q.subject, q.predicate, q.object, defaultGraph); }, null, null, null, graph);
  }
  return store.countQuads(null, null, null, defaultGraph);
}

/**
 * Calls `each` with every triple of the given named graphs of a store, each once: a triple is taken from
 * the first of the graphs that holds it (a lookup in the store's index per triple; no set of keys is
 * built beside the store, which at 100,000 triples cost the server some 80 MB of resident size).
 */
function forEachMergedTriple(store: Store, graphs: readonly string[], each: (q: Quad) => void): void {
  const names = graphs.map((name) => DataFactory.namedNode(name));
  for (const [i, graph] of names.entries()) {
    store.forEach((q) => {
      for (let j = 0; j < i; j++) if (store.countQuads(q.subject, q.predicate, q.object, names[j]!) > 0) return;
      each(q);
    }, null, null, null, graph);
  }
}

/**
 * The triples of the given named graphs of a store, each once and in no graph: the default graph as the
 * Graph Store gives it, from a store that does not hold the merge itself (the pages' store).
 */
export function mergedTriples(store: Store, graphs: readonly string[]): Quad[] {
  const triples: Quad[] = [];
  forEachMergedTriple(store, graphs, (q) => { triples.push(DataFactory.quad(q.subject, q.predicate, q.object)); });
  return triples;
}

/** How many triples the merge of the given named graphs holds: the default graph's size, for the service description. */
export function mergedTripleCount(store: Store, graphs: readonly string[]): number {
  let count = 0;
  forEachMergedTriple(store, graphs, () => { count += 1; });
  return count;
}
