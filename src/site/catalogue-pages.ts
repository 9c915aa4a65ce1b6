/**
 * The catalogue's pages on the static site: for each query of queries/*.rq, what it answers, its text,
 * a link that opens it in the editor, and its answer computed when the site was built (with the same
 * engine as `asm-kg query`), so that the answers can be read without JavaScript and without a server.
 */
import type * as RDF from '@rdfjs/types';
import { escapeHtml } from '../render/html.js';
import { shortIri } from '../render/html.js';
import { frame, link, scrollBox, type PageLinks } from '../render/layout.js';
import type { CatalogueQuery } from '../query/catalogue.js';
import type { QueryResult } from '../query/types.js';
import { isPlainString } from '../serialize/sparql-results/terms.js';

export const CATALOGUE_PATH = '/queries/';

export interface CataloguePageInput {
  links: PageLinks;
  base: string;
  prefixes: ReadonlyArray<[string, string]>;
}

/** One term as HTML: our IRIs link to their pages, other web IRIs to themselves. */
function cell(term: RDF.Term | undefined, input: CataloguePageInput): string {
  if (term === undefined) return '';
  if (term.termType === 'NamedNode') {
    const shown = escapeHtml(shortIri(term.value, input.prefixes));
    if (term.value.startsWith(input.base)) return link(input.links, `/${term.value.slice(input.base.length)}`, shortIri(term.value, input.prefixes));
    return /^https?:\/\/\S+$/.test(term.value) ? `<a href="${escapeHtml(term.value)}">${shown}</a>` : `<span class="iri">${shown}</span>`;
  }
  if (term.termType === 'Literal') {
    const text = escapeHtml(term.value);
    if (term.language) return `${text} <small>@${escapeHtml(term.language)}</small>`;
    return isPlainString(term) ? text : `${text} <small>${escapeHtml(shortIri(term.datatype.value, input.prefixes))}</small>`;
  }
  return escapeHtml(term.termType === 'BlankNode' ? `_:${term.value}` : term.value);
}

function answerHtml(result: QueryResult, input: CataloguePageInput): string {
  if (result.type === 'boolean') return `<p class="boolean">The answer is <strong>${result.value}</strong>.</p>`;
  if (result.type === 'quads') {
    const rows = result.quads.map((q) => `<tr><td>${cell(q.subject, input)}</td><td>${cell(q.predicate, input)}</td><td>${cell(q.object, input)}</td></tr>`);
    return `<p>${result.quads.length} triple${result.quads.length === 1 ? '' : 's'}.</p>\n${scrollBox(`<table class="results"><thead><tr><th>subject</th><th>predicate</th><th>object</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`, 'Answer')}`;
  }
  const header = result.variables.map((v) => `<th>?${escapeHtml(v)}</th>`).join('');
  const rows = result.rows.map((row) => `<tr>${result.variables.map((v) => `<td>${cell(row[v], input)}</td>`).join('')}</tr>`);
  return `<p>${result.rows.length} row${result.rows.length === 1 ? '' : 's'}.</p>\n${result.rows.length === 0 ? '' : scrollBox(`<table class="results"><thead><tr>${header}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`, 'Answer')}`;
}

export function cataloguePage(entry: CatalogueQuery, result: QueryResult, input: CataloguePageInput, version: string): string {
  const title = entry.title ?? entry.name;
  const parameters = entry.parameters.length === 0 ? '' : `<p>Parameters: ${entry.parameters.map((p) => `<code>?${escapeHtml(p.name)}</code> (${escapeHtml(p.type)}) ${escapeHtml(p.description)}`).join('; ')}. The answer below leaves ${entry.parameters.length === 1 ? 'it' : 'them'} unbound.</p>`;
  return frame({
    title,
    links: input.links,
    crumbs: [{ label: 'Catalogue queries', path: CATALOGUE_PATH }, { label: title }],
    main: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(entry.question ?? '')}</p>
${entry.row === undefined ? '' : `<p>One row: ${escapeHtml(entry.row)}.</p>`}
${parameters}<h2>Query</h2>
<pre><code>${escapeHtml(entry.text)}</code></pre>
<p>${link(input.links, `/sparql?query=${encodeURIComponent(entry.text)}`, 'Open it in the query editor')} · <a href="${escapeHtml(input.links.href(`/queries/${entry.name}.rq`))}">${escapeHtml(entry.name)}.rq</a></p>
<h2>Answer</h2>
<p class="muted">Computed when the site was built, over release ${escapeHtml(version)}.</p>
${answerHtml(result, input)}`,
  });
}

export function catalogueIndex(entries: CatalogueQuery[], links: PageLinks): string {
  const items = entries.map((e) => `<li>${link(links, `/queries/${e.name}`, e.title ?? e.name)}<br><small>${escapeHtml(e.question ?? '')}</small></li>`);
  return frame({
    title: 'Catalogue queries',
    links,
    crumbs: [{ label: 'Catalogue queries' }],
    main: `<h1>Catalogue queries</h1>
<p>The documented questions of <code>queries/</code>, each with its answer as computed when the site was built. Queries whose name ends in <code>-violation</code> are data-quality checks: they must return no rows.</p>
<ul>
${items.join('\n')}
</ul>`,
  });
}
