/**
 * createServer: one Fastify application that serves the built graph from memory: the SPARQL endpoint
 * (routes/sparql.ts, queries in warm child processes: pool/), dereferenceable IRIs with HTML pages
 * (linked-data.ts), the files of dist/ (dist-files.ts) and a home page. It listens only when asked, on
 * port 0 in the tests; it never prints: the command line does.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { DataFactory, type Store } from 'n3';
import { collectWhenGrown } from '../core/collect-garbage.js';
import { vocabulary } from '../core/iri.js';
import { mergedTripleCount } from '../query/default-graph.js';
import { loadGraph } from '../query/load-graph.js';
import { readRelease, releaseFolder, type Release } from '../core/release.js';
import { registerCors } from './cors.js';
import { ResourceIndex } from '../render/resource-index.js';
import { registerDistFiles } from './routes/dist-files.js';
import { registerGraphStore } from './routes/graph-store.js';
import { registerLinkedData } from './routes/linked-data.js';
import { ReleaseArchive } from '../render/release-archive.js';
import { registerMementos } from './routes/memento.js';
import { registerPages } from './routes/pages.js';
import { resolveOptions, type ResolvedOptions, type ServeOptions } from './options.js';
import type { BackendQueries } from '../query/runners/backend.js';
import { QueryPool } from './pool/index.js';
import { sendError } from './respond.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerSparql } from './routes/sparql.js';
import { registerEditorAssets } from './routes/editor-assets.js';
import { serveQueryPage } from '../render/editor-page.js';
import { cachePages, type PageCacheStats } from '../render/page-cache.js';
import { gateConnections, type ConnectionStats } from './connection-gate.js';
import { RenderWorker, type RenderStats } from './render-worker/index.js';
import { UnsentBudget } from './unsent-budget.js';

export type { ServeOptions } from './options.js';

export interface AsmKgServer {
  app: FastifyInstance;
  /** The query processes, or with --backend what sends the queries to the store. */
  pool: QueryPool | BackendQueries;
  options: ResolvedOptions;
  /** http://host:port once listening, undefined before. */
  readonly url: string | undefined;
  /** A resource page to try, e.g. /id/statement/w2-a-1, and the folder of the current dumps. */
  samplePath: string;
  dumpsPath: string;
  /** Listens (by default on the configured port and host) and resolves to the server's URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * What the limits on memory and connections are doing: open connections, refusals, held bytes, page renders,
   * and the full collections of this thread's heap that its growth set off.
   */
  limits: { connections: ConnectionStats; unsent: UnsentBudget; pages: PageCacheStats; render: RenderStats; heap: { collections: number } };
  /** The worker thread that renders pages and documents (render-worker/). */
  renderer: RenderWorker;
  /** Stops listening, closes open connections and ends the query processes. */
  close(): Promise<void>;
}

/** Responses are built from data that does not change while the process runs; validators catch a restart. */
const CACHE_CONTROL = 'public, max-age=300';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const VOID = 'http://rdfs.org/ns/void#';

export async function createServer(serveOptions: ServeOptions = {}): Promise<AsmKgServer> {
  const options = resolveOptions(serveOptions);
  const { root, base } = options;
  const release = readRelease(root);
  const distDir = join(root, 'dist');
  const descriptions = ['void.ttl', 'dcat.ttl'].map((name) => join(distDir, name)).filter((path) => existsSync(path));
  // The pages describe resources with the built graph and the dataset descriptions (the dataset, its
  // distributions); the SPARQL dataset is the built graph only, in the query processes.
  // With --backend, the graph is a snapshot of the store's graphs and queries go to the store (backend/).
  // Imported only with --backend: its SPARQL parser and writers cost the server some 20 MB of memory otherwise.
  const backend = options.backend === '' ? undefined : await (await import('./backend/connect.js')).connectBackend({
    endpoint: options.backend, root, base, timeoutMs: options.timeoutMs, allowService: options.allowService, maxRows: options.maxRows, maxResultBytes: options.maxResultBytes, descriptions,
  });
  const graph = backend?.graph ?? await loadGraph({ root, sources: descriptions, mergeDefaultGraph: false });
  const index = new ResourceIndex(graph.store, base);
  // The dataset descriptions (VoID, DCAT) that the pages also show use three more vocabularies.
  const prefixes = { ...vocabulary(base).prefixes, void: VOID, dcat: 'http://www.w3.org/ns/dcat#', foaf: 'http://xmlns.com/foaf/0.1/' };
  const graphs = backend?.graphs ?? graph.store.getGraphs(null, null, null)
    .filter((g) => g.value.startsWith(base))
    .map((g) => ({ name: g.value, triples: graph.store.countQuads(null, null, null, g) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  // The default graph's size: the merge of the named graphs, each triple once (as the engines query it).
  const triples = mergedTripleCount(graph.store, graphs.map((g) => g.name));
  const dataset = datasetIri(graph.store, base, release);

  // A query may wait this long for a process, then run for timeoutMs; the HTTP request must outlive both.
  const queueTimeoutMs = Math.max(30_000, 3 * options.timeoutMs);
  const pool = backend?.queries ?? await QueryPool.start({
    size: options.workers,
    config: { root, base, allowService: options.allowService, maxRows: options.maxRows, maxResultBytes: options.maxResultBytes },
    timeoutMs: options.timeoutMs,
    maxQueue: options.maxQueue,
    queueTimeoutMs,
    maxHeapMb: options.maxHeapMb,
    maxMemoryMb: options.maxMemoryMb,
    spares: options.spares,
    sliceMs: options.sliceMs,
    slowLane: options.slowLane,
    // The spares are the reserve: a burst of expensive queries cannot take them (pool/client-classes.ts).
    reserve: options.spares,
    clientProcesses: options.clientQueries,
    clientQueue: options.clientQueue,
  });

  // Pages and documents are rendered in a worker thread with its own copy of the graph (render-worker/):
  // loaded as above, or with --backend given the snapshot, which it cannot fetch itself.
  let renderer: RenderWorker;
  let editorPage: string | undefined;
  try {
    renderer = await RenderWorker.start({
      root, base, descriptions, prefixes, graphs: graphs.map((g) => g.name),
      ...(backend === undefined ? {} : { snapshot: { nquads: backend.snapshot, endpoint: options.backend } }),
    }, { maxQueue: options.renderQueue, timeoutMs: options.renderTimeoutMs, maxHeapMb: options.renderMaxHeapMb });
  } catch (error) {
    await pool.close();
    throw error;
  }

  let url: string | undefined;
  const app = Fastify({
    logger: false,
    // request.ip, the client whose share of the query processes applies, is X-Forwarded-For's only behind these proxies.
    trustProxy: options.trustProxy === '' ? false : options.trustProxy,
    bodyLimit: options.maxBodyBytes,
    // Routes read their parameters from the raw URL themselves (URLSearchParams), so Fastify need not parse them.
    routerOptions: { maxParamLength: options.maxUrlLength, querystringParser: () => ({}) },
    http: { maxHeaderSize: Math.max(16 * 1024, options.maxUrlLength + 8 * 1024) },
    requestTimeout: queueTimeoutMs + options.timeoutMs + 5_000,
    keepAliveTimeout: options.idleTimeoutMs,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  const connections = gateConnections(app.server, {
    maxConnections: options.maxConnections, maxPerAddress: options.maxConnectionsPerAddress, idleTimeoutMs: options.idleTimeoutMs,
  });
  const unsent = new UnsentBudget(options.maxUnsentBytes);
  app.decorate('unsentBudget', unsent);
  let pageStats: PageCacheStats | undefined;
  const heap = { collections: 0 };
  // After the response to a large query, a full collection of this thread's heap runs if it has grown 24 MB beyond
  // what the last one kept (core/collect-garbage.ts), as in the render worker: the texts of large queries (each a
  // string in V8's large-object space, with its copies for the render worker and the query process) would
  // otherwise fill the heap, in the server's resident size.
  const collectIfGrown = collectWhenGrown();
  try {
    app.addHook('onRequest', async (request, reply) => {
      // Error messages are text/plain and may quote the request: no browser may read them as HTML.
      reply.header('X-Content-Type-Options', 'nosniff');
      if (request.raw.url !== undefined && request.raw.url.length > options.maxUrlLength) {
        return sendError(reply, 414, `the request target is longer than ${options.maxUrlLength} bytes; POST a long query as application/sparql-query instead`);
      }
      return undefined;
    });
    registerCors(app);
    registerSecurityHeaders(app);
    app.setNotFoundHandler((request, reply) => sendError(reply, 404, `no ${request.method} ${request.url.split('?')[0]} here; see / for what this server has`));
    app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, `the request body is larger than ${options.maxBodyBytes} bytes`);
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return sendError(reply, 415, `cannot read a body of type ${request.headers['content-type'] ?? '(none)'}; a query is POSTed as application/sparql-query or application/x-www-form-urlencoded`);
      }
      const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      return sendError(reply, status, status === 500 ? 'the server could not answer this request' : error.message);
    });

    registerSparql(app, {
      pool,
      cache: options.cache,
      cacheEntries: options.cacheEntries,
      cacheBytes: options.cacheBytes,
      cacheControl: CACHE_CONTROL,
      facts: { dataset, title: release.title, graphs, triples, allowService: options.allowService, timeoutMs: options.timeoutMs, maxRows: options.maxRows },
      fallbackOrigin: () => url ?? `http://${options.host}:${options.port}`,
      exampleQuery: `PREFIX asm: <${base}ontology#>\n\nSELECT ?obstacle ?text WHERE {\n  ?obstacle a asm:Obstacle ;\n    asm:text ?text .\n}\nLIMIT 10\n`,
      // YASGUI with the catalogue's queries as examples; its bundles are served under /assets/query-editor/.
      // Rendered once: it reads the catalogue's files, and names no host (the facts' endpoint is unused).
      queryPage: (facts) => (editorPage ??= serveQueryPage(facts, root, base)),
      // A large new query is parsed for its cache key in the render worker, not on this thread.
      keyOffThread: (text) => renderer.queryKeys(text),
      // Only after a large query: a collection after any response, with pages rendered for new searches filling the
      // heap, cost a cached answer's p99 under 16 clients on /search 25 ms instead of 17 (bench/hostile/render-load.ts).
      afterLargeQuery: () => { if (collectIfGrown()) heap.collections += 1; },
    });
    registerEditorAssets(app, CACHE_CONTROL);
    registerDistFiles(app, { distDir, versions: [releaseFolder(release), ...release.previousVersions], cacheControl: CACHE_CONTROL });
    registerGraphStore(app, {
      renderer, base, graphs: graphs.map((g) => g.name), cacheControl: CACHE_CONTROL, hasPage: (iri) => index.has(iri),
    });

    // The pages (src/render/pages/): home, views, lists and resource pages, the same the static site writes.
    // Every resource as each release described it, from the frozen dumps (Memento: routes/memento.ts).
    const archive = ReleaseArchive.forRelease(release, distDir, base);
    // Rendered by the render worker, which also gave their assets and paths: this thread holds no copy of the
    // pages (their search index, lists, labels); each page once per parameters, bounded in bytes (render/page-cache.ts).
    const rendered = cachePages((path, params) => renderer.page(path, params), options.pageCacheBytes);
    pageStats = rendered.cacheStats;
    registerPages(app, { assets: renderer.assets, paths: renderer.paths, rendered, cacheControl: CACHE_CONTROL });
    app.get('/.well-known/void', (_request, reply) => reply.code(303).header('Location', '/dist/void.ttl').send());
    registerMementos(app, { archive, cacheControl: CACHE_CONTROL, renderer });
    const listPaths = new Set(renderer.paths.filter((path) => path.endsWith('/') || /\/page\/\d+$/.test(path)));
    registerLinkedData(app, {
      index, base, prefixes, cacheControl: CACHE_CONTROL, pages: rendered, archive, renderer,
      // A folder's pages as listed, and any other number under it (the renderer says whether it has that page).
      isListPath: (path) => listPaths.has(path) || listPaths.has(path.replace(/page\/\d+$/, '')),
    });
    await app.ready();
  } catch (error) {
    await Promise.all([pool.close(), renderer.close()]);
    throw error;
  }

  const examples = graph.store.getObjects(DataFactory.namedNode(dataset), DataFactory.namedNode(`${VOID}exampleResource`), null)
    .map((t) => t.value).filter((iri) => index.has(iri)).sort();
  return {
    app,
    pool,
    options,
    get url() { return url; },
    limits: { connections, unsent, pages: pageStats!, render: renderer.stats, heap },
    renderer,
    samplePath: `/${(examples.find((iri) => iri.includes('/statement/')) ?? examples[0] ?? `${base}ontology`).slice(base.length)}`,
    dumpsPath: `/dist/${releaseFolder(release)}/`,
    async listen(port = options.port, host = options.host) {
      await app.listen({ port, host });
      const address = app.server.address() as AddressInfo;
      const shown = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${shown}:${address.port}`;
      return url;
    },
    async close() {
      await app.close();
      await Promise.all([pool.close(), renderer.close()]);
    },
  };
}

/** The VoID dataset of this release (…/dataset/<version>), as dist/void.ttl names it. */
function datasetIri(store: Store, base: string, release: Release): string {
  const declared = store.getSubjects(DataFactory.namedNode(RDF_TYPE), DataFactory.namedNode(`${VOID}Dataset`), null)
    .map((t) => t.value).filter((iri) => iri.startsWith(`${base}dataset/`)).sort();
  return declared[0] ?? `${base}dataset/${release.version}`;
}
