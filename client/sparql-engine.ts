/**
 * The SPARQL engine of the static site, as a dedicated worker of the query page (started by
 * client/engine-client.ts): Comunica (rdfjs-lite) over the release's N-Quads dump, which the page
 * downloads and hands over. It answers the SPARQL 1.1 Protocol requests (GET ?query=, POST form or
 * application/sparql-query) that the service worker (client/sparql-sw.ts) receives at `<site>/sparql`
 * and passes on through the page, so that YASGUI, or any client in the page, works as it does against
 * `asm-kg serve`.
 *
 * Why not in the service worker itself: Chromium compiles a service worker's whole script eagerly when it
 * installs (to cache the code), and for Comunica's 1.4 MB that took longer than the rest of the start;
 * a dedicated worker compiles only what runs. The service worker is a few lines that pass requests on.
 *
 * Its answers are those of serve: the same engine and context (the default graph is the union of the
 * named graphs), the same result writers (src/query/format), the same syntax-error messages, and the same
 * graph formats but RDF/XML (whose writer needs rdflib); JSON-LD's writer (jsonld.js, as big as the rest)
 * is loaded only when a graph is asked for as JSON-LD.
 */
import type * as RDF from '@rdfjs/types';
import { Parser, Store } from 'n3';
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite';
import { negotiate } from '../src/serve/accept.js';
import { contentType } from '../src/serve/media-types.js';
import { bindingsToCsv, bindingsToTsv } from '../src/query/format/results-csv.js';
import { bindingsToJson, booleanToJson } from '../src/query/format/results-json.js';
import { bindingsToXml, booleanToXml } from '../src/query/format/results-xml.js';
import { quadsToJsonLd, quadsToNQuads, quadsToNTriples, quadsToTriG, quadsToTurtle } from '../src/query/format/quads.js';
import { toQuerySyntaxError } from '../src/query/syntax-error.js';
import type { BindingRow } from '../src/query/types.js';
import { errorAnswer, isEngineRequest, type EngineAnswer, type EngineDump } from './engine-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

performance.mark('asm:engine-script');

const SELECT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json', 'application/xml'];
const ASK_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'application/json', 'application/xml'];
/** serve's graph formats (src/serve/media-types.ts GRAPH_TYPES) but RDF/XML. */
const GRAPH_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/n-quads', 'application/trig'];

// Built at once, while the page is still downloading the dump.
const engine = new QueryEngine();
performance.mark('asm:engine-built');

let prefixes: Record<string, string> = {};
let resolveGraph: (store: Store) => void;
let rejectGraph: (error: Error) => void;
/** The dump, parsed into an N3 store when the page hands it over. */
const graph = new Promise<Store>((resolve, reject) => { resolveGraph = resolve; rejectGraph = reject; });
graph.catch(() => { /* each query reports it */ });

function load(message: EngineDump): void {
  prefixes = message.prefixes;
  if (message.bytes === undefined) {
    rejectGraph(new Error(`could not load the graph: ${message.url}: ${message.error ?? 'no answer'}`));
    return;
  }
  performance.mark('asm:dump-received');
  const text = new TextDecoder().decode(message.bytes);
  resolveGraph(new Store(new Parser({ format: 'N-Quads' }).parse(text)));
  performance.mark('asm:dump-parsed');
  setTimeout(() => { warmUp().catch(() => { /* the visitor's query will say what is wrong */ }); }, 0);
}

/**
 * A small query of the catalogue's shape (a join and a filter; LIMIT keeps it to a few milliseconds), run
 * once before the visitor's: a fresh Comunica is slower over its first query than over the next (its
 * code is compiled, and its actors set up, as it goes).
 */
const WARM_UP = 'SELECT ?s ?o WHERE { ?s a ?type ; ?p ?o . FILTER(isLiteral(?o)) } LIMIT 2';

async function warmUp(): Promise<void> {
  performance.mark('asm:warm-up');
  await (await engine.queryBindings(WARM_UP, { sources: [await graph], unionDefaultGraph: true })).toArray();
  performance.mark('asm:warm');
}

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as EngineDump | undefined;
  if (data?.type === 'asm-kg:dump') { load(data); return; }
  const port = event.ports[0];
  if (!isEngineRequest(event.data) || port === undefined) return;
  const { method, url, headers, body } = event.data;
  const request = new Request(url, { method, headers, ...(body === null ? {} : { body }) });
  answer(request, new URL(url))
    .catch((error: unknown) => errorAnswer(500, error instanceof Error ? error.message : String(error)))
    .then((reply) => { port.postMessage(reply); performance.mark('asm:query-answered'); });
});

async function readQuery(request: Request, url: URL): Promise<string | EngineAnswer> {
  if (request.method === 'GET') return url.searchParams.get('query') ?? '';
  if (request.method !== 'POST') return errorAnswer(405, 'this endpoint is read-only: queries are sent by GET or POST');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(await request.text());
    if (params.has('update')) return errorAnswer(403, 'this endpoint is read-only: SPARQL Update is not accepted');
    return params.get('query') ?? '';
  }
  if (type === 'application/sparql-query') return request.text();
  return errorAnswer(415, `a query is POSTed as application/sparql-query or application/x-www-form-urlencoded, not ${type || 'a body without Content-Type'}`);
}

async function answer(request: Request, url: URL): Promise<EngineAnswer> {
  const query = await readQuery(request, url);
  if (typeof query !== 'string') return query;
  if (query.trim() === '') return errorAnswer(400, 'the "query" parameter is empty');
  const accept = request.headers.get('accept') ?? undefined;
  performance.mark('asm:query-start');
  const started = performance.now();
  const sources = await graph;
  let result;
  try {
    result = await engine.query(query, { sources: [sources], unionDefaultGraph: true });
  } catch (error) {
    return errorAnswer(400, syntaxMessage(error, query));
  }
  const ok = (type: string, body: string): EngineAnswer => ({
    status: 200, statusText: 'OK', body,
    headers: [['Content-Type', contentType(type)], ['Server-Timing', `query;dur=${(performance.now() - started).toFixed(1)}`]],
  });
  switch (result.resultType) {
    case 'bindings': {
      const type = negotiate(accept, SELECT_TYPES);
      if (type === undefined) return errorAnswer(406, `query results can be had as ${SELECT_TYPES.join(', ')}`);
      // Comunica gives { variable, canBeUndef } (older versions the variable itself).
      const metadata = (await result.metadata()) as { variables: Array<{ variable: RDF.Variable } | RDF.Variable> };
      const variables = metadata.variables.map((v) => ('variable' in v ? v.variable : v).value);
      const rows: BindingRow[] = [];
      for await (const bindings of (await result.execute()) as AsyncIterable<RDF.Bindings>) {
        const row: BindingRow = {};
        for (const [variable, term] of bindings) row[variable.value] = term;
        rows.push(row);
      }
      return ok(type, type.endsWith('json') ? bindingsToJson(variables, rows) : type.endsWith('xml') ? bindingsToXml(variables, rows)
        : type === 'text/csv' ? bindingsToCsv(variables, rows) : bindingsToTsv(variables, rows));
    }
    case 'boolean': {
      const type = negotiate(accept, ASK_TYPES);
      if (type === undefined) return errorAnswer(406, `an ASK answer can be had as ${ASK_TYPES.join(', ')}`);
      const value = await result.execute();
      return ok(type, type.endsWith('json') ? booleanToJson(value) : booleanToXml(value));
    }
    case 'quads': {
      const type = negotiate(accept, GRAPH_TYPES);
      if (type === undefined) return errorAnswer(406, `a graph can be had as ${GRAPH_TYPES.join(', ')}`);
      const quads: RDF.Quad[] = [];
      for await (const quad of (await result.execute()) as AsyncIterable<RDF.Quad>) quads.push(quad);
      return ok(type, await writeGraph(quads, type));
    }
    default:
      return errorAnswer(403, 'this endpoint is read-only: SPARQL Update is not accepted');
  }
}

function writeGraph(quads: RDF.Quad[], type: string): Promise<string> | string {
  switch (type) {
    case 'application/n-triples': return quadsToNTriples(quads);
    case 'application/ld+json': return quadsToJsonLd(quads, prefixes);
    case 'application/n-quads': return quadsToNQuads(quads);
    case 'application/trig': return quadsToTriG(quads, prefixes);
    default: return quadsToTurtle(quads, prefixes);
  }
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
