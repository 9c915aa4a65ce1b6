/**
 * The page's side of the static site's SPARQL endpoint, shared by client/start-engine.ts (which runs it
 * early, from the page's head) and client/query-page.ts (which waits for it): it registers the service
 * worker (client/sparql-sw.ts), starts the engine (client/sparql-engine.ts, a dedicated worker),
 * downloads the dump for it, and passes on to it the requests that the service worker hands the page.
 * It runs once per page, whichever script comes first.
 *
 * The service worker's scope is `<site>/sparql`: the query page (sparql.html) and the endpoint, nothing
 * else, so that no other page of the site starts it.
 */
import { errorAnswer, isEngineRequest, type EngineDump } from './engine-protocol.js';

/** What the query page's head says (the script element's data-* attributes), URLs relative to the page. */
export interface EngineConfig {
  serviceWorker: string;
  engine: string;
  dump: string;
  prefixes: Record<string, string>;
}

/** The script element that carries the configuration: <script data-service-worker=… data-engine=… data-dump=… data-prefixes=…>. */
export function engineConfig(element: HTMLElement | null): EngineConfig | undefined {
  const data = element?.dataset;
  if (data?.serviceWorker === undefined || data.engine === undefined || data.dump === undefined) return undefined;
  return { serviceWorker: data.serviceWorker, engine: data.engine, dump: data.dump, prefixes: JSON.parse(data.prefixes ?? '{}') as Record<string, string> };
}

const STARTED = Symbol.for('asm-kg:engine');
type Started = { [STARTED]?: Promise<void> };

/** Starts everything (once per page); resolves when the service worker controls the page, so queries reach the engine. */
export function startEngine(config: EngineConfig): Promise<void> {
  const global = window as unknown as Started;
  global[STARTED] ??= start(config);
  return global[STARTED];
}

async function start(config: EngineConfig): Promise<void> {
  if (!('serviceWorker' in navigator)) throw new Error('this browser cannot run the query engine (no service workers)');
  const container = navigator.serviceWorker;
  const controlled = container.controller !== null ? Promise.resolve()
    : new Promise<void>((resolve) => container.addEventListener('controllerchange', () => resolve(), { once: true }));
  const worker = new URL(config.serviceWorker, document.baseURI);
  const registered = container.register(worker.href, { scope: new URL('sparql', worker).href });
  performance.mark('asm:sw-register');

  const engine = new Worker(new URL(config.engine, document.baseURI));
  let failure: string | undefined;
  engine.addEventListener('error', (event) => { failure = event.message || `${config.engine} could not be loaded`; });
  const dump = new URL(config.dump, document.baseURI).href;
  fetch(dump)
    .then(async (response) => {
      if (!response.ok) throw new Error(`answered ${response.status}`);
      const bytes = await response.arrayBuffer();
      const message: EngineDump = { type: 'asm-kg:dump', url: dump, bytes, prefixes: config.prefixes };
      engine.postMessage(message, [bytes]);
    })
    .catch((error: unknown) => {
      const message: EngineDump = { type: 'asm-kg:dump', url: dump, error: error instanceof Error ? error.message : String(error), prefixes: config.prefixes };
      engine.postMessage(message);
    });

  // A request from the service worker goes to the engine with its port; the engine answers on the port.
  container.addEventListener('message', (event) => {
    const port = event.ports[0];
    if (!isEngineRequest(event.data) || port === undefined) return;
    if (failure !== undefined) { port.postMessage(errorAnswer(500, `the query engine could not start: ${failure}`)); return; }
    engine.postMessage(event.data, [port]);
  });
  container.startMessages();

  await registered;
  await controlled;
  performance.mark('asm:sw-controlling');
}
