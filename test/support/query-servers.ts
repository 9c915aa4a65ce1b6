/**
 * Local HTTP servers for the query tests, on 127.0.0.1 port 0: one serves RDF documents with a chosen
 * media type, the other is a SPARQL endpoint (the SPARQL 1.1 protocol: GET ?query=, POST form or
 * application/sparql-query) that answers from an N3 store with this package's own engine and writers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Store } from 'n3';
import { query } from '../../src/query/engine.js';
import { quadsToNTriples } from '../../src/serialize/quads.js';
import { bindingsToJson, booleanToJson } from '../../src/serialize/sparql-results/results-json.js';

export interface LocalServer {
  url: string;
  /** Every request line received, e.g. "GET /survey.ttl". */
  requests: string[];
  close(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, body: string, res: ServerResponse) => Promise<void> | void): Promise<LocalServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      Promise.resolve(handler(req, body, res)).catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Serves `documents`: path → [media type, body]; anything else is a 404. */
export function serveDocuments(documents: Record<string, [string, string]>): Promise<LocalServer> {
  return listen((req, _body, res) => {
    const document = documents[new URL(req.url ?? '/', 'http://x').pathname];
    if (!document) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': document[0] }).end(document[1]);
  });
}

/** A SPARQL endpoint at /sparql over `store`. */
export function serveSparqlEndpoint(store: Store): Promise<LocalServer> {
  const graph = { store, endpoints: [], sources: ['endpoint'], size: store.size };
  return listen(async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const type = req.headers['content-type'] ?? '';
    const text = req.method === 'GET' ? url.searchParams.get('query')
      : type.startsWith('application/sparql-query') ? body
      : new URLSearchParams(body).get('query');
    if (url.pathname !== '/sparql' || !text) { res.writeHead(400, { 'content-type': 'text/plain' }).end('no query'); return; }
    const result = await query(graph, text);
    if (result.type === 'quads') {
      res.writeHead(200, { 'content-type': 'application/n-triples' }).end(quadsToNTriples(result.quads));
    } else {
      const json = result.type === 'boolean' ? booleanToJson(result.value) : bindingsToJson(result.variables, result.rows);
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(json);
    }
  });
}
