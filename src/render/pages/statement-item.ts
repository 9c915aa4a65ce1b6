/**
 * How a statement appears wherever it is listed: its list marker, its kind as a badge, its verbatim
 * text with the CAPITALISED emphasis as printed, the facilitators' bracketed items marked tentative,
 * and one line of facts (themes, addressed to, actors, what addresses it, what it addresses, which next
 * step synthesises it), the editorial ones marked as such.
 */
import type { Bases } from './bases.js';
import { KIND_LABELS, type Graph, type Kind } from './graph.js';
import { EDITORIAL, escapeHtml, link, type PageLinks } from '../layout.js';

export interface Ctx {
  g: Graph;
  links: PageLinks;
  bases: Bases;
}

/** The server path of one of our IRIs ('/id/statement/w2-a-1', '/ontology#Issue'), or undefined. */
export function pathOf(g: Graph, iri: string): string | undefined {
  return iri.startsWith(g.base) ? `/${iri.slice(g.base.length)}` : undefined;
}

/** A link to a resource by its label; a foreign IRI is linked as is when it is http(s). */
export function resourceLink(ctx: Ctx, iri: string, label = ctx.g.label(iri)): string {
  const path = pathOf(ctx.g, iri);
  if (path !== undefined) return link(ctx.links, path, label);
  return /^https?:\/\/\S+$/.test(iri) ? `<a href="${escapeHtml(iri)}">${escapeHtml(label)}</a>` : `<span class="iri">${escapeHtml(label)}</span>`;
}

export function kindBadge(kind: Kind | undefined): string {
  return kind === undefined ? '' : `<span class="badge kind-${kind}">${KIND_LABELS[kind]}</span>`;
}

/** The verbatim text with every emphasis phrase (as printed, in capitals) in <strong>. */
export function textWithEmphasis(text: string, emphases: string[]): string {
  const phrases = emphases.filter((e) => e !== '' && text.includes(e)).sort((a, b) => b.length - a.length);
  if (phrases.length === 0) return escapeHtml(text);
  const pattern = new RegExp(phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let html = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    html += escapeHtml(text.slice(last, match.index)) + `<strong class="emphasis">${escapeHtml(match[0])}</strong>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

export function statementText(g: Graph, statement: string): string {
  return g.literal(statement, g.a('text')) ?? '';
}

export function isTentative(g: Graph, statement: string): boolean {
  return g.literal(statement, g.a('tentative')) === 'true';
}

/** Whether the editors read the statement as prescribing action (asm:Recommendation, when the data has it). */
export function isRecommendation(g: Graph, statement: string): boolean {
  return g.isA(statement, g.a('Recommendation'));
}

export function badges(g: Graph, statement: string): string {
  return [
    kindBadge(g.kind(statement)),
    isTentative(g, statement) ? '<span class="badge tentative" title="bracketed in the source: a tentative item">tentative</span>' : '',
    isRecommendation(g, statement) ? `<span class="badge recommendation" title="prescribes action, in the editors' reading">recommendation</span>` : '',
  ].join('');
}

/** The statement's text as HTML: emphasis marked, nothing added to the words. */
export function verbatimHtml(g: Graph, statement: string): string {
  return textWithEmphasis(statementText(g, statement), g.objects(statement, g.a('emphasis')).map((t) => t.value));
}

/** The other statements linked to this one by `predicate`, in either direction, in document order. */
export function linked(g: Graph, statement: string, predicate: string, direction: 'out' | 'in'): string[] {
  return g.byPosition(direction === 'out' ? g.iris(statement, predicate) : g.subjects(predicate, statement));
}

/** Short reference to a statement for fact lines: its workshop and marker, e.g. "W2 D 3." */
export function statementRef(ctx: Ctx, statement: string): string {
  const { g } = ctx;
  const workshop = g.workshopOf(statement);
  const short = workshop === undefined ? '' : g.label(workshop).replace(/^Workshop /, 'W').replace(/^Facilitators' workshop$/, 'Facilitators');
  const text = statementText(g, statement);
  const label = `${short}: ${text.length > 70 ? `${text.slice(0, 68).replace(/\s+\S*$/, '')}…` : text}`;
  return resourceLink(ctx, statement, label);
}

/** One line of facts under a statement in a list. */
export function factsLine(ctx: Ctx, statement: string): string {
  const { g } = ctx;
  const facts: string[] = [];
  const list = (iris: string[]) => iris.map((iri) => resourceLink(ctx, iri)).join(', ');
  const addressedTo = g.iris(statement, g.a('addressedTo'));
  if (addressedTo.length > 0) facts.push(`<span>for ${list(addressedTo)}</span>`);
  const actors = g.iris(statement, g.a('actor'));
  if (actors.length > 0) facts.push(`<span>actor: ${list(actors)}</span>`);
  const support = g.iris(statement, g.a('supportSoughtFrom'));
  if (support.length > 0) facts.push(`<span>support sought from ${list(support)}</span>`);
  const implied = g.iris(statement, g.a('impliedActor'));
  if (implied.length > 0) facts.push(`<span>implied actor: ${list(implied)} ${EDITORIAL}</span>`);
  const themes = g.themesOf(statement);
  if (themes.length > 0) facts.push(`<span>themes: ${list(themes)} ${EDITORIAL}</span>`);
  const addressedBy = linked(g, statement, g.a('addresses'), 'in');
  if (addressedBy.length > 0) facts.push(`<span>addressed by ${addressedBy.length} remed${addressedBy.length === 1 ? 'y' : 'ies'}: ${addressedBy.map((s) => statementRef(ctx, s)).join('; ')} ${EDITORIAL}</span>`);
  const addresses = linked(g, statement, g.a('addresses'), 'out');
  if (addresses.length > 0) facts.push(`<span>addresses: ${addresses.map((s) => statementRef(ctx, s)).join('; ')} ${EDITORIAL}</span>`);
  const synthesisedBy = linked(g, statement, g.a('synthesises'), 'in');
  if (synthesisedBy.length > 0) facts.push(`<span>synthesised by next step ${synthesisedBy.map((s) => statementRef(ctx, s)).join('; ')} ${EDITORIAL}</span>`);
  const synthesises = linked(g, statement, g.a('synthesises'), 'out');
  if (synthesises.length > 0) facts.push(`<span>synthesises ${synthesises.length}: ${synthesises.map((s) => statementRef(ctx, s)).join('; ')} ${EDITORIAL}</span>`);
  const echoes = echoesOf(g, statement);
  if (echoes.length > 0) facts.push(`<span>echoed by ${echoes.map((s) => statementRef(ctx, s)).join('; ')} ${EDITORIAL}</span>`);
  return facts.length === 0 ? '' : `<p class="facts">${facts.join('')}</p>`;
}

/** asm:echoes is symmetric: either direction counts. */
export function echoesOf(g: Graph, statement: string): string[] {
  return g.byPosition([...g.iris(statement, g.a('echoes')), ...g.subjects(g.a('echoes'), statement)].filter((s) => s !== statement));
}

/** A statement as a list item: marker, badges, verbatim text linked to its page, facts; children nested. */
export function statementItem(ctx: Ctx, statement: string, options: { facts?: boolean; nested?: (s: string) => string; anchor?: boolean } = {}): string {
  const { g } = ctx;
  const marker = g.literal(statement, g.a('listMarker')) ?? '';
  const path = pathOf(g, statement)!;
  const text = `<p class="statement-text"><span class="marker">${escapeHtml(marker)}</span>${badges(g, statement)}<a href="${escapeHtml(ctx.links.href(path))}">${verbatimHtml(g, statement)}</a></p>`;
  const id = options.anchor ? ` id="${escapeHtml(anchorOf(statement))}"` : '';
  return `<li class="statement"${id}>${text}${options.facts === false ? '' : factsLine(ctx, statement)}${options.nested?.(statement) ?? ''}</li>`;
}

export function anchorOf(statement: string): string {
  return `s-${statement.replace(/^.*\//, '')}`;
}
