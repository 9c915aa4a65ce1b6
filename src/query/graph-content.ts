/**
 * One graph of a store written in an RDF media type: what serve's Graph Store gives for `?graph=` and
 * `?default` (serve/routes/graph-store.ts) and the static site writes as `{graph}.content.{suffix}`
 * (site/build-site.ts), from this one function so that the two give the same bytes.
 */
import { DataFactory, type Quad, type Store } from 'n3';
import { mergedTriples } from './default-graph.js';
import { quadsToMediaType } from '../serialize/quads.js';

/**
 * A graph's content in an RDF media type: one named graph (N-Quads and TriG name it), or with `graph`
 * undefined the default graph, the merge of `graphs` (each triple once).
 */
export function graphContent(store: Store, graphs: string[], graph: string | undefined, mediaType: string, prefixes: Record<string, string>): Promise<string> {
  let quads: Quad[];
  if (graph === undefined) {
    quads = mergedTriples(store, graphs);
  } else {
    quads = store.getQuads(null, null, null, DataFactory.namedNode(graph));
  }
  return quadsToMediaType(quads, mediaType, prefixes);
}
