/**
 * The query page's script: YASGUI (the editor of the Wikidata Query Service family) in place of the plain
 * form, which stays in the page for browsers without JavaScript. Everything it needs comes from a JSON
 * data block the page carries (no inline script, so a strict Content-Security-Policy holds):
 *
 *   <script type="application/json" id="query-config">{ "endpoint": …, "examples": […], "prefixes": {…},
 *     "serviceWorker": "sw.js?dump=…" (the static site only) }</script>
 *
 * The catalogue queries are the named examples (a list above the editor opens one in a new tab); prefix
 * completion offers our prefixes only, so that nothing is fetched from another host.
 */
import Yasgui from '@zazuko/yasgui';
import './query-page.css';
import { startEngine } from './engine-client.js';

interface Example { name: string; title: string; query: string }
interface QueryConfig {
  endpoint: string;
  examples: Example[];
  prefixes: Record<string, string>;
  /** The static site's service worker (the SPARQL engine in the browser), relative to the page. */
  serviceWorker?: string;
}

/**
 * YASR's column resizer adds its rules as an inline <style> element, which a Content-Security-Policy
 * without 'unsafe-inline' refuses (a console error); the same rules are in query-page.css, so the element
 * (recognisable by the `gripid` the resizer gives it) is not added at all.
 */
function dropResizerStyles(): void {
  const append = Node.prototype.appendChild;
  HTMLHeadElement.prototype.appendChild = function appendChild<T extends Node>(this: HTMLHeadElement, node: T): T {
    if (node instanceof HTMLStyleElement && 'gripid' in node) return node;
    return append.call(this, node) as T;
  };
}

function readConfig(): QueryConfig | undefined {
  const element = document.getElementById('query-config');
  return element?.textContent ? (JSON.parse(element.textContent) as QueryConfig) : undefined;
}

function status(message: string): void {
  const element = document.getElementById('query-status');
  if (element) element.textContent = message;
}

async function main(): Promise<void> {
  performance.mark('asm:script-start');
  dropResizerStyles();
  const config = readConfig();
  const root = document.getElementById('yasgui');
  if (config === undefined || root === null) return;
  // The service worker starts (download, Comunica's set-up) while the editor is built on the page's own
  // thread; queries can be run once both are done (query-page.css hides the run button until then).
  let worker: Promise<void> = Promise.resolve();
  if (config.serviceWorker !== undefined) {
    status('Starting the query engine in this browser…');
    worker = startEngine(config.serviceWorker);
    // No server answers a plain GET of the query here: YASR's "try query in a new window" link is hidden.
    document.documentElement.dataset.queryEngine = 'browser';
  }
  const prefixList = Object.entries(config.prefixes).map(([prefix, namespace]) => `${prefix}: <${namespace}>`).sort();
  Yasgui.Yasqe.forkAutocompleter('prefixes', { name: 'asm-prefixes', get: () => Promise.resolve(prefixList), persistenceId: null } as never, false);
  const endpoint = new URL(config.endpoint, document.baseURI).href;
  // A link to the page may carry a query (?query=…, as the catalogue pages' links do): it opens first.
  const first = new URLSearchParams(window.location.search).get('query') ?? config.examples[0]?.query ?? '';
  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint, method: 'POST' },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint }] },
    yasqe: { autocompleters: ['asm-prefixes', 'variables'], value: first, persistenceId: null, resizeable: true } as never,
    yasr: { prefixes: config.prefixes, pluginOrder: ['table', 'response'], persistenceId: null } as never,
    tabName: config.examples.find((e) => e.query === first)?.title ?? 'Query',
  });
  // A fresh editor shows the first example; the list opens any other in a tab of its own.
  yasgui.getTab()?.setQuery(first);
  const picker = document.getElementById('query-examples') as HTMLSelectElement | null;
  if (picker) {
    picker.disabled = false;
    picker.addEventListener('change', () => {
      const example = config.examples.find((e) => e.name === picker.value);
      if (example === undefined) return;
      const tab = yasgui.addTab(true, { name: example.title, yasqe: { value: example.query } } as never);
      tab.setQuery(example.query);
      picker.value = '';
    });
  }
  document.getElementById('query-form')?.setAttribute('hidden', '');
  performance.mark('asm:editor-built');
  await worker;
  performance.mark('asm:ready');
  document.documentElement.dataset.queryEditor = 'ready';
  status('');
}

main().catch((error: unknown) => {
  status(`The query editor could not start: ${error instanceof Error ? error.message : String(error)}. The form below still works where a server answers.`);
  document.documentElement.dataset.queryEditor = 'failed';
});
