/**
 * The query page, on serve's /sparql and on the static site: YASGUI (client/query-page.ts, bundled into
 * lib/assets/) configured from a JSON data block, with the catalogue queries as named examples, and the
 * plain form under it for browsers without JavaScript. On the static site the page also names the
 * service worker that runs the queries in the browser, and the catalogue's answers computed at build time.
 */
import { readFileSync } from 'node:fs';
import { vocabulary } from '../core/iri.js';
import { listCatalogue } from '../query/catalogue.js';
import { escapeHtml, jsonInScript } from './html.js';
import { frame, link, type PageLinks } from './layout.js';

export interface QueryExample { name: string; title: string; question: string; query: string }

export interface QueryPageInput {
  links: PageLinks;
  examples: QueryExample[];
  prefixes: Record<string, string>;
  /** The SPARQL endpoint the editor sends queries to, relative to the page or absolute. */
  endpoint: string;
  /** What the page says about the endpoint (HTML), e.g. its size and limits. */
  about: string;
  /** The static site's service worker, as a site path with its query string (e.g. /sw.js?dump=…). */
  serviceWorker?: string;
  /** Where the plain form sends the query; none on the static site, which has no server to answer it. */
  formAction?: string;
  /** The catalogue pages with answers computed at build time (the static site). */
  cataloguePath?: string;
}

export const EDITOR_SCRIPT = '/assets/query-editor/query-page.js';
export const EDITOR_STYLE = '/assets/query-editor/query-page.css';

export function queryPage(input: QueryPageInput): string {
  const { links } = input;
  const first = input.examples[0];
  const config = {
    endpoint: input.endpoint,
    examples: input.examples.map((e) => ({ name: e.name, title: e.title, query: e.query })),
    prefixes: input.prefixes,
    ...(input.serviceWorker === undefined ? {} : { serviceWorker: links.href(input.serviceWorker) }),
  };
  const options = input.examples.map((e) => `<option value="${escapeHtml(e.name)}">${escapeHtml(e.title)}</option>`).join('\n');
  const form = input.formAction === undefined
    ? `<p>Without JavaScript this page cannot run queries (the site has no server); the ${link(links, input.cataloguePath ?? '/', 'catalogue queries')} show their answers as computed when the site was built, and the ${link(links, '/dist/', 'dumps')} load into any SPARQL store.</p>`
    : `<div id="query-form">
<form method="get" action="${escapeHtml(links.href(input.formAction))}">
<label for="query">Query</label>
<textarea id="query" name="query" rows="14" spellcheck="false">${escapeHtml(first?.query ?? '')}</textarea>
<p><button type="submit">Run the query</button></p>
</form>
</div>`;
  const main = `<h1>SPARQL query</h1>
${input.about}
<p id="query-status" role="status"></p>
<p><label for="query-examples">Open a catalogue query</label>
<select id="query-examples" disabled>
<option value="">(choose one)</option>
${options}
</select>${input.cataloguePath === undefined ? '' : ` or read ${link(links, input.cataloguePath, 'their answers')}`}</p>
<div id="yasgui"></div>
${form}
<script type="application/json" id="query-config">${jsonInScript(JSON.stringify(config))}</script>`;
  return frame({
    title: 'SPARQL query',
    links,
    crumbs: [{ label: 'SPARQL' }],
    head: `<link rel="stylesheet" href="${escapeHtml(links.href(EDITOR_STYLE))}">
<script defer src="${escapeHtml(links.href(EDITOR_SCRIPT))}"></script>
`,
    main,
  });
}

const SERVER_LINKS = { href: (path: string) => path };

/** What the page says about serve's endpoint (serve/service-description.ts's ServiceFacts has them). */
export interface EndpointFacts {
  triples: number;
  graphs: ReadonlyArray<{ name: string }>;
  timeoutMs: number;
  maxRows: number;
}

/** The catalogue's queries as the editor's examples: the questions first, the data-quality checks after. */
export function catalogueExamples(root: string): QueryExample[] {
  const entries = listCatalogue(root);
  const ordered = [...entries.filter((q) => !q.name.endsWith('-violation')), ...entries.filter((q) => q.name.endsWith('-violation'))];
  return ordered.map((q) => ({ name: q.name, title: q.title ?? q.name, question: q.question ?? '', query: readFileSync(q.path, 'utf8') }));
}

/** The page a browser gets at GET /sparql (without a query). */
export function serveQueryPage(facts: EndpointFacts, root: string, base: string): string {
  return queryPage({
    links: SERVER_LINKS,
    examples: catalogueExamples(root),
    prefixes: vocabulary(base).prefixes,
    endpoint: '/sparql',
    formAction: '/sparql',
    cataloguePath: undefined,
    about: `<p>Read-only SPARQL 1.1 over the whole graph (${facts.triples} triples; the default graph is the merge of the named graphs, each triple once: ${facts.graphs.map((g) => `<code>${escapeHtml(g.name)}</code>`).join(', ')}).
A query runs for at most ${facts.timeoutMs} ms and gives at most ${facts.maxRows} rows.
Send <code>Accept: text/turtle</code> here for the service description.</p>`,
  });
}
