/**
 * A SPARQL 1.1 Protocol endpoint for the `serve --backend` tests: a real HTTP server on 127.0.0.1 port 0
 * that evaluates with Oxigraph (the `oxigraph` package), holding the dump's graphs and their merge in
 * graph/merged, as `load --into` leaves a store; a query without a dataset gets Oxigraph's union of them all.
 * It can be told to fail (500), to hang, or to cap its graph answers the way stores cap their results
 * (Virtuoso's ResultSetMaxRows), and counts the requests it got.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import oxigraph from 'oxigraph';

const SPARQL_JSON = 'application/sparql-results+json';

export type Mode = 'ok' | 'fail' | 'hang';

export interface FakeEndpoint {
  url: string;
  mode: Mode;
  requests: number;
  /** The queries it got, in order. */
  queries: string[];
  /** At most this many triples in a CONSTRUCT's answer, as a store with a result limit gives. */
  capTriples?: number;
  /** Leaves out the last triple of every CONSTRUCT answer: a store that loses data. */
  dropLast?: boolean;
  close(): Promise<void>;
}

/** `merged: false` leaves graph/merged out: a store loaded by its own bulk loader, not by load --into. */
export async function fakeEndpoint(nquads: string, { merged = true }: { merged?: boolean } = {}): Promise<FakeEndpoint> {
  const store = new oxigraph.Store();
  store.load(nquads, { format: 'application/n-quads' });
  // The merge of the graphs in graph/merged, as load --into leaves a store (src/query/default-graph.ts).
  if (merged) store.update('INSERT { GRAPH <https://w3id.org/asm-kg/graph/merged> { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }');
  const hanging = new Set<ServerResponse>();
  const endpoint: FakeEndpoint = { url: '', mode: 'ok', requests: 0, queries: [], close: async () => {} };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => {
      endpoint.requests += 1;
      if (endpoint.mode === 'hang') { hanging.add(response); return; }
      if (endpoint.mode === 'fail') { response.writeHead(500, { 'Content-Type': 'text/plain' }).end('SR325: Transaction deadlocked'); return; }
      const form = new URLSearchParams(body);
      const query = form.get('query') ?? '';
      endpoint.queries.push(query);
      const defaultGraphs = form.getAll('default-graph-uri').map((iri) => oxigraph.namedNode(iri));
      const namedGraphs = form.getAll('named-graph-uri').map((iri) => oxigraph.namedNode(iri));
      const dataset = defaultGraphs.length + namedGraphs.length > 0
        ? { default_graph: defaultGraphs, named_graphs: namedGraphs } : { use_default_graph_as_union: true };
      try {
        let text: string;
        let type = SPARQL_JSON;
        try {
          text = store.query(query, { ...dataset, results_format: SPARQL_JSON }) as string;
        } catch (error) {
          if (!/RDF format/.test((error as Error).message)) throw error;
          type = 'application/n-triples';
          let lines = (store.query(query, { ...dataset, results_format: type }) as string).split('\n').filter((line) => line !== '');
          if (endpoint.capTriples !== undefined) lines = lines.slice(0, endpoint.capTriples);
          if (endpoint.dropLast) lines = lines.slice(0, -1);
          text = lines.map((line) => `${line}\n`).join('');
        }
        response.writeHead(200, { 'Content-Type': type }).end(text);
      } catch (error) {
        response.writeHead(400, { 'Content-Type': 'text/plain' }).end((error as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
  endpoint.close = () => new Promise((resolve) => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return endpoint;
}
