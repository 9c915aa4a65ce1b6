/**
 * The page's side of the static site's SPARQL endpoint, for client/query-page.ts: it registers the
 * service worker (client/sparql-sw.ts) and resolves once the worker controls the page, so that the page's
 * requests to `sparql` reach it.
 *
 * When: client/query-page.ts registers it as its script starts, and builds YASGUI meanwhile. Measured
 * (bench/site.ts, two cores), registering earlier, from a small script in the page's head, made the
 * first result later, not sooner (1.53 s against 1.09 s): the worker's install, when Chromium compiles
 * its whole 1.5 MB script, then competes with YASGUI's compile. Running Comunica in a dedicated worker of
 * the page instead, with a service worker of a few lines that passes the requests on, gave the same
 * first result (1.14 s) and lost the engine that a service worker keeps between visits (0.85 s warm
 * against 0.58 s).
 *
 * The worker's scope is `<site>/sparql`: the query page (sparql.html) and the endpoint, nothing else, so
 * that no other page of the site starts it (a worker is started for every page in its scope).
 */

export async function startEngine(script: string): Promise<void> {
  if (!('serviceWorker' in navigator)) throw new Error('this browser cannot run the query engine (no service workers)');
  const container = navigator.serviceWorker;
  const controlled = container.controller !== null ? Promise.resolve()
    : new Promise<void>((resolve) => container.addEventListener('controllerchange', () => resolve(), { once: true }));
  const url = new URL(script, document.baseURI);
  performance.mark('asm:sw-register');
  await container.register(url.href, { scope: new URL('sparql', url).href });
  await controlled;
  performance.mark('asm:sw-controlling');
}
