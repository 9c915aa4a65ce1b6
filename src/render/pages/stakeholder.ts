/**
 * A stakeholder's page (one of the four groups, or a narrower actor): what it is told (statements
 * addressed to it) and what it is asked to do (statements naming it, or implying it, as actor), each
 * grouped by workshop and kind; the remedies that name it; its broader group and narrower actors.
 * A group gathers its narrower actors' statements too, as the theme-consensus query counts them.
 */
import { KINDS, KIND_LABELS } from './graph.js';
import { EDITORIAL, escapeHtml } from '../layout.js';
import { resourceLink, statementItem, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

/** Statements grouped by workshop (document order), then kind, as nested HTML; empty groups left out. */
export function byWorkshopAndKind(ctx: Ctx, statements: string[], level = 3, noun = 'statement', anchors = false): string {
  const { g } = ctx;
  if (statements.length === 0) return `<p>None.</p>`;
  const parts: string[] = [];
  for (const workshop of g.workshops()) {
    const here = g.byPosition(statements.filter((s) => g.workshopOf(s) === workshop));
    if (here.length === 0) continue;
    const id = anchors ? ` id="w-${escapeHtml(workshop.replace(/^.*\//, ''))}"` : '';
    parts.push(`<h${level}${id}>${resourceLink(ctx, workshop)} <small>(${here.length} ${noun}${here.length === 1 ? '' : 's'})</small></h${level}>`);
    for (const kind of KINDS) {
      const ofKind = here.filter((s) => g.kind(s) === kind);
      if (ofKind.length === 0) continue;
      parts.push(`<h${level + 1}>${escapeHtml(KIND_LABELS[kind][0]!.toUpperCase() + KIND_LABELS[kind].slice(1))}s <small>(${ofKind.length})</small></h${level + 1}>`);
      parts.push(`<ol class="report">\n${ofKind.map((s) => statementItem(ctx, s)).join('\n')}\n</ol>`);
    }
  }
  return parts.join('\n');
}

export function stakeholderPage(ctx: Ctx, stakeholder: string): Rendered {
  const { g } = ctx;
  const title = g.label(stakeholder);
  const scope = g.narrowerTransitive(stakeholder);
  const collect = (predicate: string) => g.byPosition(scope.flatMap((s) => g.subjects(predicate, s)));
  const told = collect(g.a('addressedTo'));
  const named = collect(g.a('actor'));
  const implied = collect(g.a('impliedActor')).filter((s) => !named.includes(s));
  const remedies = g.byPosition([...named, ...implied].filter((s) => g.isA(s, g.a('Remedy'))));
  const definition = g.literal(stakeholder, 'http://www.w3.org/2004/02/skos/core#definition');
  const altLabels = g.objects(stakeholder, 'http://www.w3.org/2004/02/skos/core#altLabel').map((t) => `“${escapeHtml(t.value)}”`);
  const broader = g.broader(stakeholder);
  const narrower = g.narrower(stakeholder);
  const tree = (concept: string): string => {
    const children = g.narrower(concept);
    return `<li>${resourceLink(ctx, concept)}${children.length === 0 ? '' : `<ul>${children.map(tree).join('')}</ul>`}</li>`;
  };
  const main = `<h1>${escapeHtml(title)}</h1>
${definition ? `<p>${escapeHtml(definition)}</p>\n` : ''}<dl class="facts-list">
${altLabels.length > 0 ? `<dt>The source calls it</dt><dd>${altLabels.join(', ')}</dd>\n` : ''}${broader.length > 0 ? `<dt>Under</dt><dd>${broader.map((b) => resourceLink(ctx, b)).join(', ')} ${EDITORIAL}</dd>\n` : '<dt>Group</dt><dd>one of the four stakeholder groups of the workshop questions</dd>\n'}<dt>Told</dt><dd>${told.length} statement${told.length === 1 ? '' : 's'} addressed to it</dd>
<dt>Asked to act</dt><dd>${named.length} naming it${scope.length > 1 ? ' or a narrower actor' : ''}, ${implied.length} more implying it ${EDITORIAL}</dd>
<dt>Remedies naming it</dt><dd>${remedies.length}</dd>
</dl>
${narrower.length > 0 ? `<h2>Narrower actors ${EDITORIAL}</h2>\n<ul>${narrower.map(tree).join('')}</ul>\n` : ''}<h2 id="told">What it is told</h2>
<p class="muted">Lessons and opportunities the source lists under a heading for this group.</p>
${byWorkshopAndKind(ctx, told)}
<h2 id="asked">What it is asked to do</h2>
<p class="muted">Statements whose own words name it${scope.length > 1 ? ' (or one of its narrower actors)' : ''} as the one to act.</p>
${byWorkshopAndKind(ctx, named)}
<h3>Implied actor ${EDITORIAL}</h3>
<p class="muted">Statements that name no actor, where the heading or the wording implies this one, in the editors' reading.</p>
${byWorkshopAndKind(ctx, implied, 4)}
<h2 id="remedies">Remedies that name it</h2>
<p class="muted">Opportunities and specific steps with it as actor (named or implied), and the obstacles they address.</p>
${remedies.length === 0 ? '<p>None.</p>' : `<ol class="report">\n${remedies.map((s) => statementItem(ctx, s)).join('\n')}\n</ol>`}`;
  const crumbs = [{ label: 'Stakeholders', path: '/id/stakeholder/' }, ...broader.slice(0, 1).map((b) => ({ label: g.label(b), path: `/${b.slice(g.base.length)}` })), { label: title }];
  return { title, crumbs, main, description: `What the ASM workshops told ${title} and asked of it.` };
}
