/**
 * The HTML page of a resource: its label, verbatim text, kind and workshop, every property as links,
 * the links that point at it (what addresses this obstacle, what elaborates this point, what synthesises
 * it), its other formats, and its description as JSON-LD in the page. Editorial triples (from the
 * editorial and links graphs) are marked as such, as the dataset keeps them apart.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, type Quad } from 'n3';
import type { Description } from './describe.js';
import { escapeHtml, jsonInScript, page, shortIri, termHtml, type TermContext } from './html.js';
import { DOCUMENT_TYPES, TYPE_SUFFIXES } from '../core/formats.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const namedNode = (value: string): RDF.NamedNode => DataFactory.namedNode(value);

/** How the links pointing at a resource are headed, by their property (asm: ones relative to the base). */
function inverseHeadings(base: string): Record<string, string> {
  const asm = `${base}ontology#`;
  return {
    [`${asm}addresses`]: 'Addressed by',
    [`${asm}elaborates`]: 'Elaborated by',
    [`${asm}synthesises`]: 'Synthesised by',
    [`${asm}raisedIn`]: 'Statements raised in it',
    [`${asm}inSection`]: 'Statements in this section',
    [`${asm}addressedTo`]: 'Addressed to it',
    [`${asm}actor`]: 'Statements naming it as actor',
    [`${asm}impliedActor`]: 'Statements implying it as actor',
    [`${asm}theme`]: 'Statements on this theme',
    [`${asm}answers`]: 'Answered by',
    [`${asm}asksAbout`]: 'Asked about by',
    [`${asm}mentionedIn`]: 'Mentions',
    'http://purl.org/dc/terms/isPartOf': 'Parts',
    'http://www.w3.org/2004/02/skos/core#broader': 'Narrower',
    'http://www.w3.org/2004/02/skos/core#inScheme': 'Concepts in this scheme',
    [RDF_TYPE]: 'Instances',
  };
}

export interface ResourcePageInput {
  description: Description;
  /** The most specific types of the resource (ResourceIndex.specificTypes). */
  kinds: string[];
  /** The description as JSON-LD, for the <script> element. */
  jsonld: string;
  /** The server path of the resource (e.g. /id/statement/w2-a-1); its documents add a suffix. */
  path: string;
  base: string;
  context: Omit<TermContext, 'labels'>;
}

export function resourcePage(input: ResourcePageInput): string {
  const { description, base, path } = input;
  const context: TermContext = { ...input.context, labels: description.labels };
  const asm = `${base}ontology#`;
  const editorialGraphs = new Set([`${base}graph/editorial`, `${base}graph/links`]);
  const own = description.outgoing.filter((q) => q.subject.value === description.iri);
  const title = description.labels.get(description.iri) ?? shortIri(description.iri, context.prefixes);
  const text = own.find((q) => q.predicate.value === `${asm}text`)?.object;
  const workshop = own.find((q) => q.predicate.value === `${asm}raisedIn`)?.object;

  const summary: string[] = [`<tr><th>IRI</th><td><code>${escapeHtml(description.iri)}</code></td></tr>`];
  if (input.kinds.length > 0) summary.push(`<tr><th>Kind</th><td>${input.kinds.map((k) => termHtml(namedNode(k), context)).join(', ')}</td></tr>`);
  if (workshop) summary.push(`<tr><th>Workshop</th><td>${termHtml(workshop, context)}</td></tr>`);

  const alternates = DOCUMENT_TYPES.map((type) => ({ type, href: `${path}.${TYPE_SUFFIXES[type]}` }));
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    text ? `<blockquote class="verbatim" cite="${escapeHtml(description.iri)}">${escapeHtml(text.value)}</blockquote>` : '',
    `<table class="summary">\n${summary.join('\n')}\n</table>`,
    '<h2>Properties</h2>',
    propertyTable(own, context, editorialGraphs),
    ...description.fragments.map((fragment) => fragmentSection(fragment, description.outgoing.filter((q) => q.subject.value === fragment), context, editorialGraphs)),
    incomingSection(description, context, inverseHeadings(base), editorialGraphs),
    '<h2>Other formats</h2>',
    `<ul>${alternates.map((a) => `<li><a href="${escapeHtml(a.href)}" type="${a.type}">${a.type}</a></li>`).join('')}</ul>`,
  ];
  return page({
    title,
    head: `${alternates.map((a) => `<link rel="alternate" type="${a.type}" href="${escapeHtml(a.href)}">`).join('\n')}
<script type="application/ld+json">${jsonInScript(input.jsonld)}</script>
`,
    main: sections.filter((s) => s !== '').join('\n'),
  });
}

function editorialMark(quad: Quad, editorialGraphs: Set<string>): string {
  return editorialGraphs.has(quad.graph.value) ? ' <span class="editorial" title="an interpretation by the editors, not the source\'s words">editorial</span>' : '';
}

/** Properties in a stable order: rdf:type first, then by label. */
function groupByPredicate(quads: Quad[], key: (q: Quad) => string, context: TermContext): Array<[string, Quad[]]> {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) groups.set(key(q), [...(groups.get(key(q)) ?? []), q]);
  const name = (iri: string) => (iri === RDF_TYPE ? '' : (context.labels.get(iri) ?? shortIri(iri, context.prefixes)).toLowerCase());
  return [...groups.entries()].sort(([a], [b]) => name(a).localeCompare(name(b)));
}

function propertyTable(quads: Quad[], context: TermContext, editorialGraphs: Set<string>): string {
  if (quads.length === 0) return '<p>None.</p>';
  const rows = groupByPredicate(quads, (q) => q.predicate.value, context).map(([predicate, values]) => {
    const items = values.map((q) => `<li>${termHtml(q.object, context)}${editorialMark(q, editorialGraphs)}</li>`).join('');
    return `<tr><th>${termHtml(namedNode(predicate), context)}</th><td><ul class="values">${items}</ul></td></tr>`;
  });
  return `<table class="properties">\n${rows.join('\n')}\n</table>`;
}

/** A term of a hash namespace (ontology#Obstacle), under an anchor so that the fragment finds it. */
function fragmentSection(fragment: string, quads: Quad[], context: TermContext, editorialGraphs: Set<string>): string {
  const id = fragment.slice(fragment.indexOf('#') + 1);
  const label = context.labels.get(fragment) ?? shortIri(fragment, context.prefixes);
  return `<section id="${escapeHtml(id)}">\n<h2>${escapeHtml(label)} <small><code>${escapeHtml(shortIri(fragment, context.prefixes))}</code></small></h2>\n${propertyTable(quads, context, editorialGraphs)}\n</section>`;
}

function incomingSection(description: Description, context: TermContext, headings: Record<string, string>, editorialGraphs: Set<string>): string {
  if (description.incoming.length === 0) return '';
  const groups = groupByPredicate(description.incoming, (q) => q.predicate.value, context).map(([predicate, quads]) => {
    const heading = headings[predicate] ?? `Is “${context.labels.get(predicate) ?? shortIri(predicate, context.prefixes)}” of`;
    const items = quads.map((q) => `<li>${termHtml(q.subject, context)}${editorialMark(q, editorialGraphs)}</li>`).join('\n');
    return `<h3>${escapeHtml(heading)} <small>(${termHtml(namedNode(predicate), context)})</small></h3>\n<ul class="incoming">\n${items}\n</ul>`;
  });
  const more = description.incomingTruncated ? `<p>Only the first ${description.incoming.length} links are shown; query the <a href="/sparql">SPARQL endpoint</a> for all.</p>` : '';
  return `<h2>Incoming links</h2>\n${groups.join('\n')}\n${more}`;
}
