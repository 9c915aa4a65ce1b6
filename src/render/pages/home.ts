/**
 * The home page: what the dataset is, the four workshop reports, the views across them, the stakeholder
 * groups and themes, a search box, the catalogue's questions (each a link that runs it), and downloads.
 */
import type { Release } from '../../core/release.js';
import { citeSection } from './cite.js';
import { EDITORIAL, escapeHtml, link, scrollBox } from '../layout.js';

const VOID = 'http://rdfs.org/ns/void#';
const DCAT = 'http://www.w3.org/ns/dcat#';
import type { Folder } from './lists.js';
import { resourceLink, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

export interface HomeInput {
  release: Release;
  catalogue: Array<{ name: string; title: string; question: string; text: string }>;
  folders: Folder[];
  /** Whether the site has the recipes page (/recipes), to link it. */
  recipes?: boolean;
  /** Whether the site has the documentation page (/docs), to link it. */
  docs?: boolean;
}

export function homePage(ctx: Ctx, input: HomeInput): Rendered {
  const { g, links } = ctx;
  const { release } = input;
  const workshops = g.workshops().map((w) => {
    const facilitators = g.facilitators(w).map((f) => g.label(f)).join(', ');
    return `<li>${resourceLink(ctx, w)} <small>(${g.statementsIn(w).length} statements${facilitators ? `; facilitator ${escapeHtml(facilitators)}` : ''})</small></li>`;
  }).join('\n');
  const groups = g.groups().map((s) => `<li>${resourceLink(ctx, s)}</li>`).join('');
  const queries = input.catalogue.map((q) => `<li>${link(links, `/sparql?query=${encodeURIComponent(q.text)}`, q.title)}<br><small>${escapeHtml(q.question)}</small></li>`).join('\n');
  // Where to start (the VoID description's root and example resources) and the files of this release (DCAT).
  const dataset = `${g.base}dataset/${release.version}`;
  const examples = g.byLabel([...g.iris(dataset, `${VOID}rootResource`), ...g.iris(dataset, `${VOID}exampleResource`)].filter((iri) => iri.startsWith(g.base)))
    .map((iri) => `<li>${resourceLink(ctx, iri)}</li>`).join('');
  const downloads = g.iris(dataset, `${DCAT}distribution`).map((d) => ({
    url: g.iris(d, `${DCAT}downloadURL`)[0], type: g.literal(d, `${DCAT}mediaType`) ?? g.iris(d, `${DCAT}mediaType`)[0], bytes: g.literal(d, `${DCAT}byteSize`), title: g.literal(d, 'http://purl.org/dc/terms/title'),
  })).filter((d) => d.url !== undefined && d.url.startsWith(g.base) && !d.url.endsWith('.gz')).sort((a, b) => a.url!.localeCompare(b.url!))
    .map((d) => `<tr><td>${link(links, `/${d.url!.slice(g.base.length)}`, d.url!.replace(/^.*\//, ''))}</td><td>${escapeHtml(d.title ?? '')}</td><td>${d.bytes ? `${escapeHtml(d.bytes)} bytes` : ''}</td></tr>`);
  const folders = input.folders.slice().sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => `<li>${link(links, f.path, f.label)} <small>(${f.members.length})</small></li>`).join('');
  const main = `<h1>${escapeHtml(release.title)}</h1>
<p>${escapeHtml(release.description)}</p>
<p class="muted">Version ${escapeHtml(release.version)} of ${escapeHtml(release.modified)}.</p>
<form class="search" method="get" action="${escapeHtml(links.href('/search'))}" role="search">
<label for="home-q">Search the ${g.statements().length} statements</label>
<input type="search" id="home-q" name="q" placeholder="e.g. mercury">
<button type="submit">Search</button>
</form>
<h2>The workshop reports</h2>
<ul>
${workshops}
</ul>
<h2>Across the workshops</h2>
<ul>
<li>${link(links, '/consensus', 'Consensus')}: on which themes the workshops agree ${EDITORIAL}</li>
<li>${link(links, '/remedies', 'Obstacles and remedies')}: what was proposed against each obstacle, and who should act ${EDITORIAL}</li>
<li>What each stakeholder group is told and asked: <ul>${groups}</ul></li>
<li>${link(links, '/id/theme/', 'Themes')} ${EDITORIAL}</li>
</ul>
${examples === '' ? '' : `<h2>Start from</h2>\n<ul>${examples}</ul>\n`}<h2>Everything, by kind</h2>
<ul>${folders}</ul>
<h2>For developers</h2>
<ul>
<li>${link(links, '/ontology', 'The ontology')}: classes, properties, shapes</li>
<li>${link(links, '/sparql', 'SPARQL endpoint')} (read-only, SPARQL 1.1 Protocol)</li>
<li>${link(links, '/dist/', 'Downloads')}: the whole graph in Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, CSV</li>
${input.recipes ? `<li>${link(links, '/recipes', 'Recipes for Python and R')}: the data in pandas and R data frames, from the endpoint or the files</li>
` : ''}${input.docs ? `<li>${link(links, '/docs', 'Documentation')}: querying, serving, publishing, the model in full, and what was measured</li>
` : ''}</ul>
<h2>The catalogue's questions, answered</h2>
<ul>
${queries}
</ul>
<h2>Download</h2>
${downloads.length === 0 ? '' : scrollBox(`<table><thead><tr><th scope="col">file</th><th scope="col">what</th><th scope="col">size</th></tr></thead><tbody>\n${downloads.join('\n')}\n</tbody></table>`, 'Downloads')}
<p>Every file: ${link(links, '/dist/', '/dist/')}; the dataset described in ${link(links, '/dist/void.ttl', 'VoID')} and ${link(links, '/dist/dcat.ttl', 'DCAT')}.</p>
${citeSection(release, g.base, links)}`;
  return { title: release.title, crumbs: [], main, description: release.description };
}
