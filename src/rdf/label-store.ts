/**
 * Where labels are looked up: an N3 Store is one; so is the server's Oxigraph runner (query/runners/oxigraph.ts),
 * so that a query process holds one copy of the graph. Here, below query/ and render/, because the runners
 * hand their store to the HTML results page (render/html-answer.ts) that reads labels from it (render/labels.ts).
 */
import type * as RDF from '@rdfjs/types';

export interface LabelStore {
  getObjects(subject: RDF.NamedNode, predicate: RDF.NamedNode, graph: null): RDF.Term[];
}
