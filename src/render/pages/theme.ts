/**
 * A theme's page: its definition, the SDG targets and other datasets it is linked to (editorial links
 * with their evidence), and every statement on it grouped by workshop and kind.
 */
import { SKOS } from './graph.js';
import { EDITORIAL, escapeHtml } from '../layout.js';
import { basisHtml } from './statement.js';
import { resourceLink, type Ctx } from './statement-item.js';
import { byWorkshopAndKind } from './stakeholder.js';
import type { Rendered } from './workshop.js';

export function themePage(ctx: Ctx, theme: string): Rendered {
  const { g } = ctx;
  const title = g.label(theme);
  const statements = g.byPosition(g.subjects(g.a('theme'), theme));
  const definition = g.literal(theme, `${SKOS}definition`);
  const workshops = new Set(statements.map((s) => g.workshopOf(s)).filter((w) => w !== undefined && g.isSimultaneous(w)));
  const external = (predicate: string, heading: string) => {
    const quads = g.quads(theme, predicate, null).filter((q) => q.object.termType === 'NamedNode');
    if (quads.length === 0) return '';
    return `<h2>${heading} ${EDITORIAL}</h2>\n<ul>${quads.map((q) => `<li>${resourceLink(ctx, q.object.value, sdgLabel(ctx, q.object.value))}${basisHtml(ctx, q, 'evidence')}</li>`).join('\n')}</ul>`;
  };
  const replacedBy = g.iris(theme, 'http://purl.org/dc/terms/isReplacedBy');
  const deprecated = !g.isDeprecated(theme) ? '' : `<p class="note">This theme is deprecated${replacedBy.length > 0 ? `, replaced by ${replacedBy.map((t) => resourceLink(ctx, t)).join(' and ')}` : ''}. ${escapeHtml(g.literal(theme, `${SKOS}historyNote`) ?? '')}</p>\n`;
  const main = `<h1>${escapeHtml(title)} ${EDITORIAL}</h1>
${deprecated}${definition ? `<p>${escapeHtml(definition)}</p>\n` : ''}<p>${statements.length} statement${statements.length === 1 ? '' : 's'} on this theme, from ${workshops.size} of the three simultaneous workshops. Which statement is on which theme is the editors' reading.</p>
${external(`${SKOS}relatedMatch`, 'UN Sustainable Development Goal targets')}
${external('http://www.w3.org/2000/01/rdf-schema#seeAlso', 'See also')}
<h2>Statements on this theme</h2>
${byWorkshopAndKind(ctx, statements, 3, 'statement', true)}`;
  return { title, crumbs: [{ label: 'Themes', path: '/id/theme/' }, { label: title }], main, description: `Statements of the ASM workshops on ${title}.` };
}

function sdgLabel(ctx: Ctx, iri: string): string {
  const sdg = /^http:\/\/metadata\.un\.org\/sdg\/([\d.]+)$/.exec(iri);
  const label = ctx.g.labelOrUndefined(iri);
  if (sdg) return `SDG target ${sdg[1]}${label ? `: ${label}` : ''}`;
  return label ?? iri;
}
