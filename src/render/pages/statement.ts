/**
 * A statement's page: the verbatim quote first; where it stands (workshop › section › the point it
 * elaborates, with the previous and next statements); what the source says about it; and, apart and
 * clearly marked, what the editors add (themes, what it addresses, syntheses, implied actors, echoes,
 * recommendation), each link with the basis the editors recorded beside it.
 */
import type { Quad } from 'n3';
import { KIND_LABELS, RDF_TYPE } from './graph.js';
import { EDITORIAL, escapeHtml, link } from '../layout.js';
import { badges, pathOf, resourceLink, statementText, verbatimHtml, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

/** How the editorial links of a statement are headed, by property and direction. */
function editorialHeadings(asm: string): Record<string, [string, string]> {
  return {
    [`${asm}theme`]: ['Themes', 'Statements on this theme'],
    [`${asm}addresses`]: ['Addresses (the obstacles and issues this remedy answers)', 'Addressed by (remedies that answer it)'],
    [`${asm}synthesises`]: ['Synthesises (workshop statements this next step draws together)', 'Synthesised by (the facilitators’ next steps that draw on it)'],
    [`${asm}impliedActor`]: ['Implied actor (who should act, where the words name no one)', 'Implied actor of'],
    [`${asm}echoes`]: ['Echoes (near-identical statements of other workshops)', 'Echoed by'],
    [`${asm}supportSoughtFrom`]: ['Support sought from', 'Asked for support by'],
    [`${asm}mentionedIn`]: ['Mentioned in', 'Names'],
    [RDF_TYPE]: ['Read as', 'Instances'],
  };
}

export function statementPage(ctx: Ctx, statement: string): Rendered {
  const { g } = ctx;
  const text = statementText(g, statement);
  const workshop = g.workshopOf(statement);
  const section = g.sectionOf(statement);
  const parent = g.parentOf(statement);
  const kind = g.kind(statement);
  const marker = g.literal(statement, g.a('listMarker')) ?? '';
  const title = `${marker} ${text}`.trim();

  // Where it stands: the workshop, the chain of sections, the point it elaborates.
  const chain: string[] = [];
  for (let s = section; s !== undefined; s = g.parentSection(s)) chain.unshift(s);
  const where = [
    ...(workshop ? [resourceLink(ctx, workshop)] : []),
    ...chain.map((s) => resourceLink(ctx, s, g.literal(s, g.a('heading')) ?? g.label(s))),
    ...(parent ? [resourceLink(ctx, parent, `${g.literal(parent, g.a('listMarker')) ?? ''} ${g.label(parent)}`.trim())] : []),
  ];
  const siblings = workshop === undefined ? [] : g.statementsIn(workshop);
  const index = siblings.indexOf(statement);
  const previous = index > 0 ? siblings[index - 1] : undefined;
  const next = index >= 0 && index < siblings.length - 1 ? siblings[index + 1] : undefined;
  const prevNext = `<nav class="prevnext" aria-label="Previous and next statements">
<span>${previous ? `← previous: ${resourceLink(ctx, previous, shortText(statementText(g, previous)))}` : 'first statement of the workshop'}</span>
<span>${next ? `next: ${resourceLink(ctx, next, shortText(statementText(g, next)))} →` : 'last statement of the workshop'}</span>
</nav>`;

  // What the source says.
  const source: string[] = [];
  const dd = (term: string, value: string) => source.push(`<dt>${term}</dt><dd>${value}</dd>`);
  if (kind) dd('Kind', `${badges(g, statement)} <span class="muted">${escapeHtml(KIND_LABELS[kind])}, from the section it stands in</span>`);
  dd('List marker', `<code>${escapeHtml(marker)}</code>, position ${g.position(statement)} in the document`);
  const emphasis = g.objects(statement, g.a('emphasis')).map((t) => `<strong class="emphasis">${escapeHtml(t.value)}</strong>`);
  if (emphasis.length > 0) dd('Printed in capitals', emphasis.join(', '));
  if (g.literal(statement, g.a('tentative')) === 'true') dd('Tentative', 'bracketed in the source: the facilitators put it forward tentatively');
  const addressedTo = g.iris(statement, g.a('addressedTo'));
  if (addressedTo.length > 0) dd('Addressed to', `${addressedTo.map((s) => resourceLink(ctx, s)).join(', ')} <span class="muted">(the heading it stands under)</span>`);
  const actors = g.quads(statement, g.a('actor'), null);
  if (actors.length > 0) dd('Actor named', actors.map((q) => `${resourceLink(ctx, q.object.value)}${basisHtml(ctx, q, 'the words that name it')}`).join('<br>'));
  const support = g.quads(statement, g.a('supportSoughtFrom'), null).filter((q) => !g.isEditorial(q));
  if (support.length > 0) dd('Support sought from', support.map((q) => `${resourceLink(ctx, q.object.value)}${basisHtml(ctx, q, 'the words that name it')}`).join('<br>'));
  const children = g.childrenOf(statement);
  if (children.length > 0) dd('Elaborated by', `<ol class="report">${children.map((c) => `<li>${resourceLink(ctx, c, `${g.literal(c, g.a('listMarker')) ?? ''} ${g.label(c)}`.trim())}</li>`).join('')}</ol>`);
  const quoted = g.iris(statement, 'http://www.w3.org/ns/prov#wasQuotedFrom');
  if (quoted.length > 0) dd('Quoted from', quoted.map((s) => resourceLink(ctx, s)).join(', '));
  dd('IRI', `<code>${escapeHtml(statement)}</code>`);

  const editors = editorsReading(ctx, statement);
  const kindName = kind ? KIND_LABELS[kind] : 'statement';
  const main = `<h1 class="statement-title"><span class="marker">${escapeHtml(marker)}</span> ${escapeHtml(kindName[0]!.toUpperCase() + kindName.slice(1))}${workshop ? ` of ${escapeHtml(g.label(workshop))}` : ''}${section ? `, ${escapeHtml(g.literal(chain[0]!, g.a('heading')) ?? g.label(chain[0]!))}` : ''}</h1>
<blockquote class="verbatim" cite="${escapeHtml(statement)}"><p>${verbatimHtml(g, statement)}</p></blockquote>
<p>Where it stands: ${where.join(' › ')}</p>
${prevNext}
<section class="source" aria-labelledby="h-source">
<h2 id="h-source">What the source says</h2>
<dl class="facts-list">
${source.join('\n')}
</dl>
</section>
${editors}`;
  const crumbs = [
    { label: 'Workshops', path: '/id/workshop/' },
    ...(workshop ? [{ label: g.label(workshop), path: pathOf(g, workshop)! }] : []),
    { label: `${marker} ${shortText(text, 40)}`.trim() },
  ];
  return { title, crumbs, main, description: text };
}

function shortText(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 2).replace(/\s+\S*$/, '')}…`;
}


/** The editorial triples about a statement (either direction), grouped by property, each with its basis. */
function editorsReading(ctx: Ctx, statement: string): string {
  const { g } = ctx;
  const headings = editorialHeadings(g.asm);
  const editorial = [
    ...g.quads(statement, null, null).filter((q) => g.isEditorial(q) && !isBasisTriple(g, q, true)).map((q) => ({ q, out: true })),
    ...g.quads(null, null, statement).filter((q) => g.isEditorial(q) && !isBasisTriple(g, q, false)).map((q) => ({ q, out: false })),
  ];
  const groups = new Map<string, Array<{ q: Quad; out: boolean }>>();
  for (const item of editorial) {
    const key = `${item.out ? 'out' : 'in'} ${item.q.predicate.value}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const order = (key: string) => { const p = key.slice(key.indexOf(' ') + 1); const i = Object.keys(headings).indexOf(p); return i < 0 ? 99 : i; };
  const blocks = [...groups.entries()].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b)).map(([key, items]) => {
    const predicate = key.slice(key.indexOf(' ') + 1);
    const out = key.startsWith('out');
    const heading = headings[predicate]?.[out ? 0 : 1] ?? `${out ? '' : 'is '}${g.label(predicate)}${out ? '' : ' of'}`;
    const values = items.map(({ q }) => {
      const other = out ? q.object : q.subject;
      const label = other.termType === 'NamedNode' && g.isA(other.value, g.a('Statement'))
        ? `${g.label(g.workshopOf(other.value) ?? '')}: ${g.label(other.value)}` : other.termType === 'NamedNode' ? g.label(other.value) : other.value;
      const value = other.termType === 'NamedNode' ? resourceLink(ctx, other.value, label) : escapeHtml(other.value);
      return `<li>${value}${basisHtml(ctx, q)}</li>`;
    });
    const method = ctx.bases.methodsOf(predicate)[0];
    const methodNote = method === undefined ? '' : `<p class="basis">Method (<code>${escapeHtml(method.file)}</code>): ${escapeHtml(shortText(method.text.replace(/^.*?Method:\s*/, ''), 400))}</p>`;
    return `<h3>${escapeHtml(heading)} <small>(${link(ctx.links, `/ontology#${predicate.replace(/^.*#/, '')}`, predicate.startsWith(g.asm) ? `asm:${predicate.slice(g.asm.length)}` : g.label(predicate))})</small></h3>
<ul>${values.join('\n')}</ul>
${methodNote}`;
  });
  const body = blocks.length === 0 ? '<p>The editors add nothing to this statement.</p>' : blocks.join('\n');
  return `<section class="editors" aria-labelledby="h-editors">
<h2 id="h-editors">The editors’ reading ${EDITORIAL}</h2>
<p class="muted">Interpretations by the asm-kg editors, kept apart from the source: the source lists its statements and never links them. Each link shows the basis the editors recorded beside it.</p>
${body}
</section>`;
}

/**
 * The basis of one editorial triple: what the graph records for it (asm:recommendationBasis,
 * asm:impliedActorBasis, the asm:basis and asm:similarity of the asm:Echo of a pair), else the comment the
 * editors wrote beside it in their file, if any.
 */
export function basisHtml(ctx: Ctx, quad: Quad, what = 'basis'): string {
  const { g } = ctx;
  const s = quad.subject.value;
  const p = quad.predicate.value;
  const o = quad.object.value;
  const inGraph: string[] = [];
  const readings = readingsOf(ctx, s, p, o);
  if (readings.length > 0) return ` <span class="basis">— ${escapeHtml(what)}: ${readings.join('; ')}</span>`;
  if (p === RDF_TYPE && o === g.a('Recommendation')) {
    inGraph.push(...g.objects(s, g.a('recommendationBasis')).map((t) => `prescribing words: “${escapeHtml(t.value)}”`));
  } else if (p === g.a('impliedActor')) {
    inGraph.push(...g.objects(s, g.a('impliedActorBasis')).map((t) => escapeHtml(t.value)));
  } else if (p === g.a('echoes')) {
    for (const echo of g.subjects(g.a('echoBetween'), s).filter((e) => g.has(e, g.a('echoBetween'), o))) {
      const similarity = g.literal(echo, g.a('similarity'));
      inGraph.push(...g.objects(echo, g.a('basis')).map((t) => `${escapeHtml(t.value)}${similarity === undefined ? '' : ` <small>(text similarity ${escapeHtml(similarity)})</small>`}${ruleAndReviewHtml(ctx, echo)}`));
    }
  }
  if (inGraph.length > 0) return ` <span class="basis">— ${escapeHtml(what)}: ${inGraph.join('; ')}</span>`;
  const basis = ctx.bases.get(s, p, o);
  if (basis === undefined) return '';
  return ` <span class="basis">— ${escapeHtml(what)}: “${escapeHtml(basis.text)}” <small>(<code>${escapeHtml(basis.file)}:${basis.line}</code>)</small></span>`;
}

/**
 * The current records (asm:Reading, not withdrawn) of one editorial triple: each reading's basis, the words
 * of the statement it quotes, the rule it applies and the domain reviews that passed it.
 */
function readingsOf(ctx: Ctx, s: string, p: string, o: string): string[] {
  const { g } = ctx;
  return g.subjects(g.a('readingOf'), s)
    .filter((r) => g.has(r, g.a('readingProperty'), p) && g.has(r, g.a('readingValue'), o))
    .filter((r) => g.literal(r, `${OWL}deprecated`) !== 'true')
    .map((r) => {
      const basis = g.objects(r, g.a('basis')).map((t) => escapeHtml(t.value)).join('; ');
      const quotes = g.objects(r, g.a('quotes')).map((t) => `“${escapeHtml(t.value)}”`);
      return `${basis}${quotes.length === 0 ? '' : ` <small>(the words: ${quotes.join(', ')})</small>`}${ruleAndReviewHtml(ctx, r)}`;
    });
}

/** The rule a record applies (linked to its text on the ontology page) and whether a domain review passed it. */
function ruleAndReviewHtml(ctx: Ctx, record: string): string {
  const { g } = ctx;
  const rules = g.objects(record, g.a('appliesRule')).map((t) => link(ctx.links, `/ontology#${t.value.replace(/^.*#/, '')}`, g.label(t.value)));
  const reviews = g.objects(record, g.a('passedReview')).map((t) => resourceLink(ctx, t.value));
  const rule = rules.length === 0 ? '' : ` · rule: ${rules.join(', ')}`;
  const review = reviews.length === 0 ? ' · passed no domain review' : ` · passed: ${reviews.join(', ')}`;
  return ` <small class="reading">${rule}${review}</small>`;
}

const OWL = 'http://www.w3.org/2002/07/owl#';

/** Editorial triples shown with the link they explain, not on their own. */
export function isBasisTriple(g: { a(local: string): string }, quad: Quad, out: boolean): boolean {
  const p = quad.predicate.value;
  return (out && (p === g.a('recommendationBasis') || p === g.a('impliedActorBasis')))
    || (!out && (p === g.a('echoBetween') || p === g.a('readingOf') || p === g.a('readingValue')));
}
