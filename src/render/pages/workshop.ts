/**
 * A workshop's report as the source lays it out: its facilitator, then each section heading and its
 * statements in document order, numbered points with their bullets (and dash items) nested under them,
 * so that a reader can check the page against the source paragraph by paragraph.
 */
import { DCTERMS, KIND_LABELS, type Kind } from './graph.js';
import { escapeHtml, type Crumb } from '../layout.js';
import { anchorOf, pathOf, resourceLink, statementItem, type Ctx } from './statement-item.js';

export interface Rendered { title: string; crumbs: Crumb[]; main: string; description?: string }

export function workshopPage(ctx: Ctx, workshop: string): Rendered {
  const { g } = ctx;
  const title = g.label(workshop);
  const heading = g.literal(workshop, g.a('heading'));
  const facilitators = g.facilitators(workshop).map((f) => resourceLink(ctx, f)).join(', ');
  const statements = g.statementsIn(workshop);
  const counts = new Map<string, number>();
  for (const s of statements) { const k = g.kind(s); if (k) counts.set(k, (counts.get(k) ?? 0) + 1); }
  const top = g.sectionsOf(workshop).filter((s) => g.iris(s, `${DCTERMS}isPartOf`).includes(workshop));
  const body = top.map((section) => sectionHtml(ctx, section, 2)).join('\n');
  const others = g.workshops().filter((w) => w !== workshop).map((w) => resourceLink(ctx, w)).join(' · ');
  const main = `<h1>${escapeHtml(title)}</h1>
${heading !== undefined && heading !== title ? `<p class="muted">Headed in the source: “${escapeHtml(heading)}”</p>\n` : ''}<dl class="facts-list">
${facilitators === '' ? '' : `<dt>Facilitator</dt><dd>${facilitators}</dd>\n`}<dt>Statements</dt><dd>${statements.length}: ${[...counts].map(([k, n]) => `${n} ${plural(KIND_LABELS[k as Kind], n)}`).join(', ')}</dd>
<dt>Other workshops</dt><dd>${others}</dd>
</dl>
<p class="muted">The report in document order, word for word. Themes, remedies and syntheses under each item are the editors' reading, marked <span class="editorial">editorial</span>.</p>
<nav aria-label="Sections of this report"><ul>${top.map((s) => `<li><a href="#${escapeHtml(sectionAnchor(s))}">${escapeHtml(g.literal(s, g.a('heading')) ?? g.label(s))}</a></li>`).join('')}</ul></nav>
${body}`;
  return { title, crumbs: [{ label: 'Workshops', path: '/id/workshop/' }, { label: title }], main, description: `${title} of the ASM learning event: its report in document order, ${statements.length} statements.` };
}

function sectionAnchor(section: string): string {
  return `sec-${section.replace(/^.*\//, '')}`;
}

/** A section: its heading, then its own statements and its subsections, interleaved in document order. */
function sectionHtml(ctx: Ctx, section: string, level: number): string {
  const { g } = ctx;
  const heading = g.literal(section, g.a('heading')) ?? g.label(section);
  const statements = g.byPosition(g.subjects(g.a('inSection'), section)).filter((s) => {
    const parent = g.parentOf(s);
    return parent === undefined || g.sectionOf(parent) !== section;
  });
  const subsections = g.byPosition(g.subjects(`${DCTERMS}isPartOf`, section).filter((s) => g.isA(s, g.a('Section'))));
  const items = g.byPosition([...statements, ...subsections]);
  const parts: string[] = [];
  let list: string[] = [];
  const flush = () => { if (list.length > 0) { parts.push(`<ol class="report">\n${list.join('\n')}\n</ol>`); list = []; } };
  for (const item of items) {
    if (subsections.includes(item)) { flush(); parts.push(sectionHtml(ctx, item, Math.min(level + 1, 4))); } else list.push(itemWithChildren(ctx, item));
  }
  flush();
  const addressed = g.iris(section, g.a('addressedTo')).map((s) => resourceLink(ctx, s)).join(', ');
  const path = pathOf(g, section)!;
  const cls = level === 2 ? 'section-heading' : 'group-heading';
  return `<section id="${escapeHtml(sectionAnchor(section))}" aria-labelledby="h-${escapeHtml(sectionAnchor(section))}">
<h${level} class="${cls}" id="h-${escapeHtml(sectionAnchor(section))}">${escapeHtml(heading)}</h${level}>
<p class="facts"><a href="${escapeHtml(ctx.links.href(path))}">section page</a>${addressed === '' ? '' : ` · addressed to ${addressed}`}</p>
${parts.join('\n')}
</section>`;
}

function itemWithChildren(ctx: Ctx, statement: string): string {
  return statementItem(ctx, statement, {
    anchor: true,
    nested: (s) => {
      const children = ctx.g.childrenOf(s);
      return children.length === 0 ? '' : `<ol class="report">\n${children.map((c) => itemWithChildren(ctx, c)).join('\n')}\n</ol>`;
    },
  });
}

export { anchorOf };

export function plural(noun: string, n: number): string {
  if (n === 1) return noun;
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}
