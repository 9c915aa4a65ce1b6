/**
 * The read side of the SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/)
 * at /rdf-graph-store: `GET ?graph=IRI` gives one named graph, `GET ?default` the default graph (the
 * merge of the named graphs, each triple once, as the SPARQL endpoint has it: src/query/default-graph.ts), in the RDF format the client prefers:
 * Turtle, N-Triples, JSON-LD, RDF/XML, N-Quads or TriG (the last two name the graph). The store is
 * read-only: PUT, POST, DELETE and PATCH get 405.
 *
 * Each graph IRI dereferences too (`{base}graph/links` ↔ `/graph/links`), as dereference.ts says for
 * the server and the w3id.org rules alike: 303 See Other to the graph's content in the format asked for,
 * `/graph/links.content.ttl` and the like (the same documents as `?graph=`, at addresses a static host can
 * have too), or for a browser to the graph's HTML page where it has one. The graph's description
 * documents (`/graph/links.ttl` and the like) stay where the linked-data routes serve them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiate } from '../accept.js';
import { graphContentPath, OFFERS, seeOther } from '../../core/dereference.js';
import { Lru } from '../../core/lru.js';
import { refuseMethods } from './method-not-allowed.js';
import { GRAPH_TYPES, HTML } from '../../core/formats.js';
import { sendDocument, sendError, type Document } from '../respond.js';
import type { RenderWorker } from '../render-worker/index.js';
import { orUnavailable } from './render-failure.js';

export const GRAPH_STORE_PATH = '/rdf-graph-store';

export interface GraphStoreContext {
  /** Writes a graph's content (query/graph-content.ts) off this thread. */
  renderer: RenderWorker;
  base: string;
  /** The named graphs offered (the built graph's; not the dataset descriptions the pages also load). */
  graphs: string[];
  cacheControl: string;
  /** Whether the graph IRI has an HTML page (a browser is sent there). */
  hasPage: (iri: string) => boolean;
}

/** The URL of a graph in the Graph Store, relative to the server (`undefined`: the default graph). */
export function graphStoreUrl(graph: string | undefined): string {
  return graph === undefined ? `${GRAPH_STORE_PATH}?default` : `${GRAPH_STORE_PATH}?graph=${encodeURIComponent(graph)}`;
}

const READ_ONLY = 'the graph store is read-only: only GET and HEAD are accepted';

export function registerGraphStore(app: FastifyInstance, context: GraphStoreContext): void {
  const named = new Set(context.graphs);
  const documents = new Lru<string, Document>({ maxEntries: 64, maxBytes: 64 * 1024 * 1024 });
  const documentOf = async (graph: string | undefined, mediaType: string): Promise<Document> => {
    const key = `${graph ?? ''} ${mediaType}`;
    let document = documents.get(key);
    if (document === undefined) {
      document = await graphDocument(context, graph, mediaType);
      documents.set(key, document, document.body.length);
    }
    return document;
  };

  app.get(GRAPH_STORE_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    const params = new URL(request.raw.url!, 'http://localhost').searchParams;
    const graphs = params.getAll('graph');
    const wantsDefault = params.has('default');
    if (graphs.length + (wantsDefault ? 1 : 0) !== 1) {
      return sendError(reply, 400, `name one graph: ?graph=IRI (one of ${context.graphs.join(', ')}) or ?default (their merge)`);
    }
    const graph = wantsDefault ? undefined : graphs[0]!;
    if (graph !== undefined && !named.has(graph)) {
      return sendError(reply, 404, `no graph <${graph}> here; the named graphs are ${context.graphs.join(', ')}`);
    }
    const mediaType = negotiate(request.headers.accept, GRAPH_TYPES);
    if (mediaType === undefined) return sendError(reply, 406, `a graph can be had as ${GRAPH_TYPES.join(', ')}`, { Vary: 'Accept' });
    return orUnavailable(reply, async () => sendDocument(request, reply, await documentOf(graph, mediaType)));
  });
  refuseMethods(app, GRAPH_STORE_PATH, ['PUT', 'POST', 'DELETE', 'PATCH'], 'GET, HEAD, OPTIONS', READ_ONLY);

  // The graph IRIs under the base, each at its own path, and their content documents beside them: static
  // routes win over the linked-data wildcard.
  for (const iri of context.graphs.filter((g) => g.startsWith(context.base))) {
    const local = iri.slice(context.base.length);
    const offers = OFFERS.graph.filter((type) => type !== HTML || context.hasPage(iri));
    app.get(encodeURI(`/${local}`), (request, reply) => {
      const mediaType = negotiate(request.headers.accept, offers);
      reply.header('Vary', 'Accept');
      if (mediaType === undefined) return sendError(reply, 406, `the graph ${iri} can be had as ${offers.join(', ')}`, { Vary: 'Accept' });
      const location = encodeURI(`/${seeOther('graph', local, mediaType)}`);
      return reply.code(303).header('Location', location).header('Cache-Control', context.cacheControl)
        .type('text/plain; charset=utf-8').send(`303 See Other: the graph ${iri} is at ${location}\n`);
    });
    for (const mediaType of GRAPH_TYPES) {
      app.get(encodeURI(`/${graphContentPath(local, mediaType)}`), (request, reply) => orUnavailable(reply, async () => {
        const document = await documentOf(iri, mediaType);
        // The same graph in the other formats, and its description (what it holds, where it comes from).
        const links = [
          ...GRAPH_TYPES.filter((type) => type !== mediaType).map((type) => `<${encodeURI(`/${graphContentPath(local, type)}`)}>; rel="alternate"; type="${type}"`),
          `<${encodeURI(`/${local}.ttl`)}>; rel="describedby"; type="text/turtle"`,
        ];
        // One format at this address: no Vary, unlike the Graph Store's negotiated answer.
        return sendDocument(request, reply, { body: document.body, etag: document.etag, mediaType, cacheControl: context.cacheControl, headers: { Link: links.join(', ') } });
      }));
    }
  }
}

async function graphDocument(context: GraphStoreContext, graph: string | undefined, mediaType: string): Promise<Document> {
  const { body, etag } = await context.renderer.graph(graph, mediaType);
  const alternates = GRAPH_TYPES.filter((type) => type !== mediaType).map((type) => `<${graphStoreUrl(graph)}>; rel="alternate"; type="${type}"`);
  return { body, etag, mediaType, cacheControl: context.cacheControl, vary: 'Accept', headers: { Link: alternates.join(', ') } };
}
