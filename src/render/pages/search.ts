/**
 * /search: full-text search over the statements with facets (workshop, kind, stakeholder group, theme,
 * editorial links on or off). The server answers ?q= itself, so the page works without script; every
 * statement is in the page, those that do not match hidden, so that the script can filter live.
 */
import { KINDS, KIND_LABELS, localName } from './graph.js';
import { EDITORIAL, escapeHtml } from '../layout.js';
import type { Facets, SearchIndex } from './search-index.js';
import { badges, verbatimHtml, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

export function searchPage(ctx: Ctx, index: SearchIndex, params: URLSearchParams): { rendered: Rendered; status: number } {
  const { g, links } = ctx;
  const options = {
    workshop: g.workshops().map((w) => [localName(w), g.label(w)] as const),
    kind: KINDS.map((k) => [k, KIND_LABELS[k]] as const),
    group: g.groups().map((s) => [localName(s), g.label(s)] as const),
    theme: g.themes().map((t) => [localName(t), g.label(t)] as const),
  };
  const errors: string[] = [];
  const facet = (name: keyof typeof options): string | undefined => {
    const value = params.get(name)?.trim();
    if (value === undefined || value === '') return undefined;
    if (!options[name].some(([v]) => v === value)) { errors.push(`unknown ${name} "${value}": one of ${options[name].map(([v]) => v).join(', ')}`); return undefined; }
    return value;
  };
  const editorialParam = params.get('editorial') ?? 'on';
  if (editorialParam !== 'on' && editorialParam !== 'off') errors.push(`editorial is "on" or "off", not "${editorialParam}"`);
  const facets: Facets = { q: (params.get('q') ?? '').slice(0, 200), editorial: editorialParam !== 'off' };
  for (const name of ['workshop', 'kind', 'group', 'theme'] as const) { const v = facet(name); if (v !== undefined) facets[name] = v; }
  const found = errors.length > 0 ? [] : index.search(facets);
  const foundIds = new Set(found.map((d) => d.id));
  const ordered = [...found, ...index.docs.filter((d) => !foundIds.has(d.id))];

  const select = (name: keyof typeof options, label: string) => `<label>${label}<br><select name="${name}"><option value="">any</option>${options[name]
    .map(([value, text]) => `<option value="${escapeHtml(value)}"${facets[name] === value ? ' selected' : ''}>${escapeHtml(text)}</option>`).join('')}</select></label>`;
  const items = ordered.map((d) => {
    const iri = g.base + d.id.slice(1);
    return `<li data-id="${escapeHtml(d.id)}"${foundIds.has(d.id) ? '' : ' hidden'}>${badges(g, iri)}<a href="${escapeHtml(links.href(d.id))}">${verbatimHtml(g, iri)}</a> <small>(${escapeHtml(g.label(g.workshopOf(iri) ?? ''))})</small></li>`;
  });
  const summary = errors.length > 0 ? errors.join('; ')
    : `${found.length} statement${found.length === 1 ? '' : 's'}${facets.q.trim() === '' ? '' : ` match${found.length === 1 ? 'es' : ''} “${facets.q}”`}`;
  const main = `<h1>Search the statements</h1>
<form class="search" method="get" action="${escapeHtml(links.href('/search'))}" role="search" data-live-search>
<label for="q">Words</label>
<input type="search" id="q" name="q" value="${escapeHtml(facets.q)}" placeholder="e.g. mercury, licensing, women">
${select('workshop', 'Workshop')}
${select('kind', 'Kind')}
${select('group', 'Stakeholder group')}
${select('theme', 'Theme')}
<label>Editorial links ${EDITORIAL}<br><select name="editorial"><option value="on"${facets.editorial ? ' selected' : ''}>on: themes, implied actors</option><option value="off"${facets.editorial ? '' : ' selected'}>off: the source's words only</option></select></label>
<button type="submit">Search</button>
</form>
<p id="result-count" aria-live="polite"${errors.length > 0 ? ' class="error-message" role="alert"' : ''}>${escapeHtml(summary)}</p>
<ol id="results" class="results">
${items.join('\n')}
</ol>`;
  return { rendered: { title: facets.q.trim() === '' ? 'Search' : `Search: ${facets.q}`, crumbs: [{ label: 'Search' }], main }, status: errors.length > 0 ? 400 : 200 };
}
