/**
 * A resource's description as HTML: its properties, the terms of its hash namespace, and the links that
 * point at it (what addresses this obstacle, what elaborates this point, what synthesises it), grouped by
 * property. Editorial triples (from the editorial and links graphs) are marked as such, as the dataset
 * keeps them apart. A versioned page (versioned-page.ts) shows a release's description with it.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, type Quad } from 'n3';
import { escapeHtml, shortIri, termHtml, type TermContext } from './html.js';
import type { Description } from './resource-index.js';

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

/** A description's properties, its fragments and the links that point at it, in sections of a page. */
export function descriptionHtml(description: Description, base: string, context: TermContext): string {
  const editorialGraphs = new Set([`${base}graph/editorial`, `${base}graph/links`]);
  const own = description.outgoing.filter((q) => q.subject.value === description.iri);
  return [
    '<h2>Properties</h2>',
    propertyTable(own, context, editorialGraphs),
    ...description.fragments.map((fragment) => fragmentSection(fragment, description.outgoing.filter((q) => q.subject.value === fragment), context, editorialGraphs)),
    incomingSection(description, context, inverseHeadings(base), editorialGraphs),
  ].filter((s) => s !== '').join('\n');
}
