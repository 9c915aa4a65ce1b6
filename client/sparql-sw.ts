/**
 * The SPARQL endpoint of the static site, as a service worker: it answers the page's requests to
 * `<site>/sparql` (GET ?query=, POST form or application/sparql-query, as the SPARQL 1.1 Protocol says)
 * by running the query in the browser with Comunica (rdfjs-lite) over the release's N-Quads dump, so that
 * YASGUI, or any client in the page, works as it does against `asm-kg serve`. The dump is fetched once,
 * on the first query (the browser's cache keeps it), and parsed into an N3 store.
 *
 * Its answers are those of serve: the same engine and context (the default graph is the union of the
 * named graphs), the same result writers (src/query/format), the same syntax-error messages.
 * The dump's path comes from the script URL: sw.js?dump=dist/<version>/asm-kg.nq (relative to the site).
 */
import type * as RDF from '@rdfjs/types';
import { Parser, Store } from 'n3';
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite';
import { negotiate } from '../src/serve/accept.js';
import { bindingsToCsv, bindingsToTsv } from '../src/query/format/results-csv.js';
import { bindingsToJson, booleanToJson } from '../src/query/format/results-json.js';
import { bindingsToXml, booleanToXml } from '../src/query/format/results-xml.js';
import { quadsToNTriples, quadsToTurtle } from '../src/query/format/quads.js';
import { toQuerySyntaxError } from '../src/query/syntax-error.js';
import type { BindingRow } from '../src/query/types.js';

declare const self: ServiceWorkerGlobalScope;

const SCRIPT = new URL(self.location.href);
const SITE = new URL('./', SCRIPT);
const ENDPOINT = new URL('sparql', SITE).pathname;
const DUMP = new URL(SCRIPT.searchParams.get('dump') ?? 'dist/asm-kg.nq', SITE).href;

const SELECT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json', 'application/xml'];
const ASK_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'application/json', 'application/xml'];
/** JSON-LD is left out: its writer (jsonld.js) would double the worker's size for one rarely asked format. */
const GRAPH_TYPES = ['text/turtle', 'application/n-triples'];

let engine: QueryEngine | undefined;
let store: Promise<Store> | undefined;

/** The dump, parsed once per worker; a failed download is retried on the next query. */
function graph(): Promise<Store> {
  store ??= (async () => {
    const response = await fetch(DUMP);
    if (!response.ok) throw new Error(`could not load the graph: ${DUMP} answered ${response.status}`);
    const text = await response.text();
    return new Store(new Parser({ format: 'N-Quads' }).parse(text));
  })();
  store.catch(() => { store = undefined; });
  return store;
}

/** Loads the dump and builds the engine ahead of the first query, while the page is still starting. */
function warmUp(): void {
  graph().catch(() => { /* reported by the query that needs it */ });
  engine ??= new QueryEngine();
}

self.addEventListener('install', (event) => { event.waitUntil(self.skipWaiting()); });
// Take over the open query page at once, so that its first query already reaches the worker; then warm up
// (not inside waitUntil: fetch events wait for activation to end).
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
  setTimeout(warmUp, 0);
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== SITE.origin || url.pathname !== ENDPOINT) return;
  const { method } = event.request;
  if (method === 'GET' && !url.searchParams.has('query')) return; // the static host's own answer
  event.respondWith(answer(event.request, url).catch((error: unknown) => text(500, error instanceof Error ? error.message : String(error))));
});

/** The reason phrases serve's errors carry (src/serve/respond.ts). */
const REASONS: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 405: 'Method Not Allowed', 406: 'Not Acceptable', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
};

/** An error as serve words it: "400 Bad Request: …", plain text. */
function text(status: number, message: string): Response {
  const reason = REASONS[status] ?? '';
  return new Response(`${status} ${reason}: ${message}\n`, { status, statusText: reason, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function readQuery(request: Request, url: URL): Promise<string | Response> {
  if (request.method === 'GET') return url.searchParams.get('query') ?? '';
  if (request.method !== 'POST') return text(405, 'this endpoint is read-only: queries are sent by GET or POST');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(await request.text());
    if (params.has('update')) return text(403, 'this endpoint is read-only: SPARQL Update is not accepted');
    return params.get('query') ?? '';
  }
  if (type === 'application/sparql-query') return request.text();
  return text(415, `a query is POSTed as application/sparql-query or application/x-www-form-urlencoded, not ${type || 'a body without Content-Type'}`);
}

async function answer(request: Request, url: URL): Promise<Response> {
  const query = await readQuery(request, url);
  if (query instanceof Response) return query;
  if (query.trim() === '') return text(400, 'the "query" parameter is empty');
  const accept = request.headers.get('accept') ?? undefined;
  const started = performance.now();
  const [sources] = await Promise.all([graph()]);
  engine ??= new QueryEngine();
  let result;
  try {
    result = await engine.query(query, { sources: [sources], unionDefaultGraph: true });
  } catch (error) {
    return text(400, syntaxMessage(error, query));
  }
  const timing = () => ({ 'Server-Timing': `query;dur=${(performance.now() - started).toFixed(1)}` });
  switch (result.resultType) {
    case 'bindings': {
      const type = negotiate(accept, SELECT_TYPES);
      if (type === undefined) return text(406, `query results can be had as ${SELECT_TYPES.join(', ')}`);
      // Comunica gives { variable, canBeUndef } (older versions the variable itself).
      const metadata = (await result.metadata()) as { variables: Array<{ variable: RDF.Variable } | RDF.Variable> };
      const variables = metadata.variables.map((v) => ('variable' in v ? v.variable : v).value);
      const rows: BindingRow[] = [];
      for await (const bindings of (await result.execute()) as AsyncIterable<RDF.Bindings>) {
        const row: BindingRow = {};
        for (const [variable, term] of bindings) row[variable.value] = term;
        rows.push(row);
      }
      const body = type.endsWith('json') ? bindingsToJson(variables, rows) : type.endsWith('xml') ? bindingsToXml(variables, rows)
        : type === 'text/csv' ? bindingsToCsv(variables, rows) : bindingsToTsv(variables, rows);
      return new Response(body, { headers: { 'Content-Type': contentType(type), ...timing() } });
    }
    case 'boolean': {
      const type = negotiate(accept, ASK_TYPES);
      if (type === undefined) return text(406, `an ASK answer can be had as ${ASK_TYPES.join(', ')}`);
      const value = await result.execute();
      return new Response(type.endsWith('json') ? booleanToJson(value) : booleanToXml(value), { headers: { 'Content-Type': contentType(type), ...timing() } });
    }
    case 'quads': {
      const type = negotiate(accept, GRAPH_TYPES) ?? 'text/turtle';
      const quads: RDF.Quad[] = [];
      for await (const quad of (await result.execute()) as AsyncIterable<RDF.Quad>) quads.push(quad);
      const prefixes = Object.fromEntries(Object.entries(PREFIXES));
      const body = type === 'text/turtle' ? quadsToTurtle(quads, prefixes) : quadsToNTriples(quads);
      return new Response(body, { headers: { 'Content-Type': contentType(type), ...timing() } });
    }
    default:
      return text(403, 'this endpoint is read-only: SPARQL Update is not accepted');
  }
}

/** The prefixes of the graph, for Turtle answers; the page's configuration repeats them for the editor. */
const PREFIXES: Record<string, string> = JSON.parse(SCRIPT.searchParams.get('prefixes') ?? '{}') as Record<string, string>;

function contentType(type: string): string {
  return type.startsWith('text/') || type === 'application/n-triples' ? `${type}; charset=utf-8` : type;
}

/** A parse error as serve words it (src/serve/run-query.ts): "syntax error at line L, column C: what was expected". */
function syntaxMessage(error: unknown, query: string): string {
  if (error instanceof Error && /^(?:Parse error|unexpected character)/.test(error.message)) {
    const syntax = toQuerySyntaxError(error, query, 'query');
    const where = syntax.line === undefined ? '' : ` at line ${syntax.line}, column ${syntax.column ?? 1}`;
    return `syntax error${where}: ${syntax.reason}`;
  }
  return error instanceof Error ? error.message : String(error);
}
