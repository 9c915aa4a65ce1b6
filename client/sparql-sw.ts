/**
 * The SPARQL endpoint of the static site, as a service worker: it answers the query page's requests to
 * `<site>/sparql` (GET ?query=, POST form or application/sparql-query, as the SPARQL 1.1 Protocol says)
 * by running the query in the browser with Comunica (rdfjs-lite) over the release's N-Quads dump
 * (client/sparql-answer.ts), so that YASGUI, or any client in the page, works as it does against
 * `asm-kg serve`.
 *
 * Its scope is `<site>/sparql` (client/engine-client.ts): the query page and the endpoint, nothing else,
 * so that no other page of the site starts it. Once active (or at once, when an installed worker is
 * started again for a visit) it downloads the dump, builds the engine and parses the dump, so that the
 * visitor's first query finds them ready. A worker that stays alive between visits keeps them.
 *
 * The script URL says where the dump is (relative to the site) and the graph's prefixes:
 * sw.js?dump=dist/<version>/asm-kg.nq&prefixes={…}.
 */
import { Parser, Store } from 'n3';
import { addMergedDefaultGraph } from '../src/query/default-graph.js';
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite';
import { errorAnswer, toResponse } from './answers.js';
import { answer, type Endpoint } from './sparql-answer.js';

declare const self: ServiceWorkerGlobalScope;

performance.mark('asm:sw-script');
const SCRIPT = new URL(self.location.href);
const SITE = new URL('./', SCRIPT);
const ENDPOINT = new URL('sparql', SITE).pathname;
const DUMP = new URL(SCRIPT.searchParams.get('dump') ?? 'dist/asm-kg.nq', SITE).href;
const PREFIXES = JSON.parse(SCRIPT.searchParams.get('prefixes') ?? '{}') as Record<string, string>;

let engine: QueryEngine | undefined;
let dumpText: Promise<string> | undefined;
let store: Promise<Store> | undefined;

/** The dump's text; a failed download is tried again by the next query. */
function download(): Promise<string> {
  dumpText ??= (async () => {
    const response = await fetch(DUMP);
    if (!response.ok) throw new Error(`could not load the graph: ${DUMP} answered ${response.status}`);
    const text = await response.text();
    performance.mark('asm:dump-received');
    return text;
  })();
  dumpText.catch(() => { dumpText = undefined; });
  return dumpText;
}

/** The dump, parsed once per worker into an N3 store. */
function graph(): Promise<Store> {
  store ??= download().then((text) => {
    const parsed = new Store(new Parser({ format: 'N-Quads' }).parse(text));
    // The default graph the queries see: the named graphs' triples, each once (as on every engine).
    addMergedDefaultGraph(parsed);
    performance.mark('asm:dump-parsed');
    return parsed;
  });
  store.catch(() => { store = undefined; });
  return store;
}

function queryEngine(): QueryEngine {
  if (engine === undefined) {
    engine = new QueryEngine();
    performance.mark('asm:engine-built');
  }
  return engine;
}

const ENDPOINT_PARTS: Endpoint = { engine: queryEngine, graph, prefixes: PREFIXES };

/** Downloads the dump, builds the engine meanwhile, and parses the dump. */
async function warmUp(): Promise<void> {
  const parsed = graph();
  queryEngine();
  await parsed;
}
// In a task of its own, so that an event waiting to be dispatched (activation) goes first.
const warmUpSoon = () => setTimeout(() => { warmUp().catch(() => { /* the visitor's query will say what is wrong */ }); }, 0);

// Not at once when the script first runs: measured (bench/site.ts), a download started while the worker
// installs put the first result 0.4 s later.
if (self.serviceWorker?.state === 'activated') warmUpSoon();

self.addEventListener('install', (event) => { performance.mark('asm:sw-install'); event.waitUntil(self.skipWaiting()); });
// Take over the open query page at once (no reload), so that its first query already reaches the worker;
// then warm up (not inside waitUntil: fetch events wait for activation to end).
self.addEventListener('activate', (event) => {
  performance.mark('asm:sw-activate');
  event.waitUntil(self.clients.claim());
  warmUpSoon();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== SITE.origin || url.pathname !== ENDPOINT) return;
  const { method } = event.request;
  if (method === 'GET' && !url.searchParams.has('query')) return; // the static host's own answer
  event.respondWith(answer(event.request, url, ENDPOINT_PARTS)
    .catch((error: unknown) => errorAnswer(500, error instanceof Error ? error.message : String(error)))
    .then((reply) => { performance.mark('asm:query-answered'); return toResponse(reply); }));
});
