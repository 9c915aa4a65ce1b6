/**
 * The consensus view: the theme × workshop matrix. Each row is a theme, ranked and counted exactly as
 * queries/theme-consensus.rq ranks and counts it (workshops with a statement on it, stakeholder groups its
 * statements are addressed to or ask to act, statements); each cell says how many statements that
 * workshop made on the theme and opens them. A heatmap of the same numbers is drawn on the server with
 * Observable Plot into inline SVG, so it needs no script.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Graph } from './graph.js';
import { EDITORIAL, escapeHtml, link, scrollBox } from '../layout.js';
import type { Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

export interface ConsensusRow {
  theme: string;
  label: string;
  /** Simultaneous workshops with a statement on the theme. */
  workshops: number;
  /** The four stakeholder groups its statements are addressed to or ask to act (narrower actors under their group). */
  groups: number;
  /** Statements on it, the facilitators' included. */
  statements: number;
  /** Statements per workshop (every workshop, the facilitators' included), by workshop IRI. */
  perWorkshop: Map<string, number>;
  /** Echoes (asm:Echo: near-identical statements of different workshops) whose two statements are both on the theme. */
  echoes: number;
}

/** The rows of theme-consensus.rq, computed from the graph with the query's own definitions and order. */
export function consensusRows(g: Graph): ConsensusRow[] {
  const groupsOfActor = new Map<string, string[]>();
  const groupsOf = (actor: string) => {
    if (!groupsOfActor.has(actor)) groupsOfActor.set(actor, g.groupsOf(actor));
    return groupsOfActor.get(actor)!;
  };
  const rows = g.instances(g.a('Theme')).filter((t) => g.literal(t, 'http://www.w3.org/2004/02/skos/core#prefLabel') !== undefined && !g.isDeprecated(t)).map((theme) => {
    const statements = g.subjects(g.a('theme'), theme).filter((s) => g.isA(s, g.a('Statement'))
      || g.iris(s, g.a('raisedIn')).some((w) => g.isSimultaneous(w)) || g.iris(s, g.a('addressedTo')).length > 0
      || [...g.iris(s, g.a('actor')), ...g.iris(s, g.a('impliedActor'))].some((a) => groupsOf(a).length > 0));
    const workshops = new Set<string>();
    const groups = new Set<string>();
    const perWorkshop = new Map<string, number>();
    for (const s of statements) {
      for (const w of g.iris(s, g.a('raisedIn'))) {
        if (g.isSimultaneous(w)) workshops.add(w);
        perWorkshop.set(w, (perWorkshop.get(w) ?? 0) + 1);
      }
      for (const group of g.iris(s, g.a('addressedTo'))) groups.add(group);
      for (const actor of [...g.iris(s, g.a('actor')), ...g.iris(s, g.a('impliedActor'))]) for (const group of groupsOf(actor)) groups.add(group);
    }
    // An echo counts when both its statements are on the theme (asm:Echo records, as the query reads them).
    const onTheme = new Set(statements);
    const echoes = new Set(statements.flatMap((s) => g.subjects(g.a('echoBetween'), s))
      // A withdrawn echo (owl:deprecated, since 0.3.0) keeps its record but no longer counts.
      .filter((echo) => g.literal(echo, 'http://www.w3.org/2002/07/owl#deprecated') !== 'true')
      .filter((echo) => g.iris(echo, g.a('echoBetween')).filter((s) => onTheme.has(s)).length >= 2)).size;
    return { theme, label: g.literal(theme, 'http://www.w3.org/2004/02/skos/core#prefLabel')!, workshops: workshops.size, groups: groups.size, statements: statements.length, perWorkshop, echoes };
  });
  // ORDER BY DESC(?workshops) DESC(?echoes) DESC(?groups) DESC(?statements) ?theme
  return rows.sort((a, b) => b.workshops - a.workshops || b.echoes - a.echoes || b.groups - a.groups || b.statements - a.statements || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0));
}

export function consensusPage(ctx: Ctx, queryText: string | undefined): Rendered {
  const { g } = ctx;
  const rows = consensusRows(g);
  const workshops = g.workshops();
  const max = Math.max(1, ...rows.flatMap((r) => [...r.perWorkshop.values()]));
  const heat = (n: number) => (n === 0 ? 0 : Math.min(5, 1 + Math.floor((4 * n) / max)));
  const anyEchoes = rows.some((r) => r.echoes > 0);
  const header = `<tr><th scope="col">#</th><th scope="col">Theme ${EDITORIAL}</th>${workshops.map((w) => `<th scope="col">${link(ctx.links, `/${w.slice(g.base.length)}`, g.label(w))}</th>`).join('')}<th scope="col">Workshops (of 3)</th><th scope="col">Groups (of 4)</th><th scope="col">Statements</th>${anyEchoes ? '<th scope="col">Echoes</th>' : ''}</tr>`;
  const body = rows.map((row, i) => {
    const themePath = `/${row.theme.slice(g.base.length)}`;
    const cells = workshops.map((w) => {
      const n = row.perWorkshop.get(w) ?? 0;
      const cell = n === 0 ? '<span class="muted">0</span>' : `<a href="${escapeHtml(ctx.links.href(themePath))}#${escapeHtml(workshopAnchor(w))}" aria-label="${n} statement${n === 1 ? '' : 's'} of ${escapeHtml(g.label(w))} on ${escapeHtml(row.label)}">${n}</a>`;
      return `<td class="heat-${heat(n)}">${cell}</td>`;
    }).join('');
    return `<tr><td>${i + 1}</td><th scope="row">${link(ctx.links, themePath, row.label)}</th>${cells}<td>${row.workshops}</td><td>${row.groups}</td><td>${row.statements}</td>${anyEchoes ? `<td>${row.echoes}</td>` : ''}</tr>`;
  }).join('\n');
  const table = `<table class="matrix">\n<caption>Themes ranked by how many workshops raised them, then by echoes, then by stakeholder groups concerned, then by statements</caption>\n<thead>${header}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  const main = `<h1>On which themes do the workshops agree?</h1>
<p>Each row is a theme ${EDITORIAL}; each cell counts the statements that workshop made on it, and opens them. <em>Workshops</em> counts the three simultaneous workshops with a statement on the theme (the facilitators' workshop synthesises them, so it is not counted); <em>Groups</em> counts the four stakeholder groups its statements are addressed to or ask to act (named or implied actors, narrower actors under their group); <em>Statements</em> counts all, the facilitators' included. The numbers are those of the catalogue query ${queryText === undefined ? '<code>theme-consensus</code>' : link(ctx.links, `/sparql?query=${encodeURIComponent(queryText)}`, 'theme-consensus')} (<code>queries/theme-consensus.rq</code>), in its order.${anyEchoes ? ' <em>Echoes</em> counts the pairs of statements of different workshops that say the same thing, both on the theme (asm:Echo, editorial).' : ''}</p>
<figure>
${heatmap(g, rows, workshops)}
<figcaption>Statements per theme and workshop (darker: more).</figcaption>
</figure>
${scrollBox(table, 'Theme by workshop matrix')}`;
  return { title: 'Consensus across workshops', crumbs: [{ label: 'Consensus' }], main, description: 'Themes × workshops: where the ASM workshops agree.' };
}

export function workshopAnchor(workshop: string): string {
  return `w-${workshop.replace(/^.*\//, '')}`;
}

/** The heatmap as inline SVG, drawn by Observable Plot in a server-side DOM; its <style> element is dropped (CSP). */
function heatmap(g: Graph, rows: ConsensusRow[], workshops: string[]): string {
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  const data = rows.flatMap((row) => workshops.map((w) => ({ theme: row.label, workshop: g.label(w), n: row.perWorkshop.get(w) ?? 0 })));
  const max = Math.max(1, ...data.map((d) => d.n));
  const svg = Plot.plot({
    document: document as unknown as Document,
    width: 640,
    height: 30 + rows.length * 18,
    marginLeft: 250,
    marginTop: 24,
    x: { label: null, axis: 'top', domain: workshops.map((w) => g.label(w)) },
    y: { label: null, domain: rows.map((r) => r.label) },
    color: { type: 'linear', domain: [0, max], range: ['#ffffff', '#8c4a0a'] },
    marks: [
      Plot.cell(data, { x: 'workshop', y: 'theme', fill: 'n', inset: 0.5 }),
      Plot.text(data, { x: 'workshop', y: 'theme', text: (d: { n: number }) => String(d.n), fill: (d: { n: number }) => (d.n > max / 2 ? '#ffffff' : '#1d1d1d') }),
    ],
  }) as unknown as { outerHTML: string };
  // Plot labels its groups with aria-label, which ARIA forbids on a <g> without a role; the figure has its own label.
  return svg.outerHTML
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/(<g\b[^>]*?) aria-label="[^"]*"/g, '$1')
    .replace(/class="plot-[^"]*"/, 'class="plot" role="img" aria-label="Heatmap of statements per theme and workshop"');
}
