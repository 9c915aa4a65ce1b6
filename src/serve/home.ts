/**
 * The home page: what the dataset is, where to start browsing, the catalogue queries as links that run
 * them, and the downloads.
 */
import type { CatalogueEntry } from '../query/catalogue.js';
import { escapeHtml, page } from './html.js';

export interface HomeFacts {
  title: string;
  description: string;
  version: string;
  modified: string;
  triples: number;
  /** Resources to start from: server path and label. */
  examples: Array<{ path: string; label: string }>;
  queries: CatalogueEntry[];
  /** Files of dist/<version>/ and of dist/ itself: name (relative to dist/), bytes, media type. */
  files: Array<{ name: string; bytes: number; mediaType: string }>;
}

export function homePage(facts: HomeFacts, queryText: (entry: CatalogueEntry) => string): string {
  const examples = facts.examples.map((e) => `<li><a href="${escapeHtml(e.path)}">${escapeHtml(e.label)}</a> <small><code>${escapeHtml(e.path)}</code></small></li>`).join('\n');
  const queries = facts.queries.filter((q) => !q.name.endsWith('-violation')).map((q) => {
    const href = `/sparql?query=${encodeURIComponent(queryText(q))}`;
    const parameters = q.parameters.length === 0 ? '' : ` <small>(run without its parameter${q.parameters.length === 1 ? '' : 's'}: ${q.parameters.map((p) => escapeHtml(p.name)).join(', ')})</small>`;
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(q.title ?? q.name)}</a>${parameters}<br><small>${escapeHtml(q.question ?? '')}</small></li>`;
  }).join('\n');
  const files = facts.files.map((f) => `<tr><td><a href="/dist/${escapeHtml(f.name)}">${escapeHtml(f.name)}</a></td><td>${escapeHtml(f.mediaType)}</td><td>${f.bytes} bytes</td></tr>`).join('\n');
  return page({
    title: facts.title,
    head: '<link rel="describedby" type="text/turtle" href="/dist/void.ttl">\n',
    main: `<h1>${escapeHtml(facts.title)}</h1>
<p>${escapeHtml(facts.description)}</p>
<p>Version ${escapeHtml(facts.version)} of ${escapeHtml(facts.modified)}, ${facts.triples} triples. Every IRI of the dataset resolves here: its page links to what it says and to what points at it.</p>
<h2>Start from</h2>
<ul>
${examples}
<li><a href="/ontology">The ontology</a></li>
</ul>
<h2>Query</h2>
<p>The <a href="/sparql">SPARQL endpoint</a> is at <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). The catalogue's questions, answered:</p>
<ul>
${queries}
</ul>
<h2>Download</h2>
<table>
<tr><th>file</th><th>media type</th><th>size</th></tr>
${files}
</table>
<p>All files: <a href="/dist/">/dist/</a>. The data is published under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>`,
  });
}
