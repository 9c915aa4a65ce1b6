/**
 * The SPARQL endpoint of the static site, as a service worker: it takes the query page's requests to
 * `<site>/sparql` (GET ?query=, POST form or application/sparql-query, as the SPARQL 1.1 Protocol says)
 * and passes each, with a MessagePort for the answer, to the page that sent it, whose engine (a dedicated
 * worker, client/sparql-engine.ts, started by client/engine-client.ts) runs it. So YASGUI, or any client
 * in the page, queries `sparql` as it would query `asm-kg serve`.
 *
 * It is kept this small on purpose: Chromium compiles a service worker's script eagerly when it installs,
 * so the engine's 1.4 MB in here would hold up taking control of the page. Its scope is `<site>/sparql`
 * (client/engine-client.ts), so no other page of the site starts it.
 *
 * A browser that opens `sparql?query=…` itself (a navigation: no page, so no engine, to ask) is sent to
 * the query page with that query in its editor.
 */
import { errorAnswer, type EngineAnswer, type EngineRequest } from './engine-protocol.js';

declare const self: ServiceWorkerGlobalScope;

const SITE = new URL('./', self.location.href);
const ENDPOINT = new URL('sparql', SITE).pathname;

self.addEventListener('install', (event) => { event.waitUntil(self.skipWaiting()); });
// Take over the open query page at once (no reload), so that its first query already reaches the worker.
self.addEventListener('activate', (event) => { event.waitUntil(self.clients.claim()); });

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== SITE.origin || url.pathname !== ENDPOINT) return;
  const { method, mode } = event.request;
  if (method === 'GET' && !url.searchParams.has('query')) return; // the static host's own answer
  if (mode === 'navigate') {
    event.respondWith(Response.redirect(new URL(`sparql.html${method === 'GET' ? url.search : ''}`, SITE).href, 303));
    return;
  }
  event.respondWith(relay(event).catch((error: unknown) => response(errorAnswer(500, error instanceof Error ? error.message : String(error)))));
});

async function relay(event: FetchEvent): Promise<Response> {
  const client = event.clientId === '' ? undefined : await self.clients.get(event.clientId);
  if (client === undefined) return response(errorAnswer(503, 'the query engine runs in the query page (sparql.html): send queries from there'));
  const { request } = event;
  const message: EngineRequest = {
    type: 'asm-kg:sparql', method: request.method, url: request.url, headers: [...request.headers],
    body: request.method === 'GET' || request.method === 'HEAD' ? null : await request.text(),
  };
  const channel = new MessageChannel();
  const answered = new Promise<EngineAnswer>((resolve) => { channel.port1.onmessage = (reply) => resolve(reply.data as EngineAnswer); });
  client.postMessage(message, [channel.port2]);
  return response(await answered);
}

function response(answer: EngineAnswer): Response {
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}
