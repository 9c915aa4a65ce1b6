/**
 * The page of any other resource (a section, question, person, place, scheme, named graph, the dataset):
 * its label, its verbatim text or heading, every property as links, and the links that point at it,
 * editorial triples marked as such, each with its basis where the editors recorded one.
 */
import type { Quad } from 'n3';
import type { Description } from '../resource-index.js';
import { RDF_TYPE } from './graph.js';
import { EDITORIAL, escapeHtml, scrollBox } from '../layout.js';
import { basisHtml } from './statement.js';
import { resourceLink, statementItem, type Ctx } from './statement-item.js';
import type { Rendered } from './workshop.js';

const INVERSE: Record<string, string> = {
  addresses: 'Addressed by', elaborates: 'Elaborated by', synthesises: 'Synthesised by', raisedIn: 'Statements raised in it',
  inSection: 'Statements in this section', addressedTo: 'Addressed to it', actor: 'Statements naming it as actor',
  impliedActor: 'Statements implying it as actor', theme: 'Statements on this theme', answers: 'Answered by',
  asksAbout: 'Asked about by', mentionedIn: 'Mentions', isPartOf: 'Parts', broader: 'Narrower', inScheme: 'Concepts in this scheme',
  type: 'Instances',
};

export function resourcePage(ctx: Ctx, description: Description, folderLabel: string | undefined, folderPath: string | undefined): Rendered {
  const { g } = ctx;
  const iri = description.iri;
  const title = g.labelOrUndefined(iri) ?? iri.replace(/^.*\//, '');
  const own = description.outgoing.filter((q) => q.subject.value === iri);
  const text = g.literal(iri, g.a('text')) ?? g.literal(iri, g.a('heading'));
  const definition = g.literal(iri, 'http://www.w3.org/2004/02/skos/core#definition') ?? g.literal(iri, 'http://www.w3.org/2000/01/rdf-schema#comment') ?? g.literal(iri, 'http://purl.org/dc/terms/description');
  const statementsHere = g.isA(iri, g.a('Section')) ? g.byPosition(g.subjects(g.a('inSection'), iri)) : [];
  const main = `<h1>${escapeHtml(title)}</h1>
${text !== undefined && text !== title ? `<blockquote class="verbatim"><p>${escapeHtml(text)}</p></blockquote>\n` : ''}${definition !== undefined ? `<p>${escapeHtml(definition)}</p>\n` : ''}<p><code>${escapeHtml(iri)}</code></p>
${statementsHere.length > 0 ? `<h2>Statements in this section</h2>\n<ol class="report">${statementsHere.map((s) => statementItem(ctx, s)).join('\n')}</ol>\n` : ''}<h2>Properties</h2>
${propertyTable(ctx, own)}
${incoming(ctx, description)}`;
  const crumbs = [...(folderLabel !== undefined ? [{ label: folderLabel, ...(folderPath ? { path: folderPath } : {}) }] : []), { label: title }];
  return { title, crumbs, main };
}

function value(ctx: Ctx, quad: Quad, term: Quad['object'] | Quad['subject']): string {
  if (term.termType === 'NamedNode') return resourceLink(ctx, term.value);
  if (term.termType === 'Literal') {
    const suffix = term.language ? ` <small>@${escapeHtml(term.language)}</small>` : '';
    return `<span class="literal">${escapeHtml(term.value)}</span>${suffix}`;
  }
  void quad;
  return `<span class="iri">_:${escapeHtml(term.value)}</span>`;
}

function propertyTable(ctx: Ctx, quads: Quad[]): string {
  const { g } = ctx;
  if (quads.length === 0) return '<p>None.</p>';
  const groups = new Map<string, Quad[]>();
  for (const q of quads) groups.set(q.predicate.value, [...(groups.get(q.predicate.value) ?? []), q]);
  const name = (p: string) => (p === RDF_TYPE ? '' : g.label(p).toLowerCase());
  const rows = [...groups.entries()].sort(([a], [b]) => name(a).localeCompare(name(b))).map(([predicate, values]) => {
    const items = values.map((q) => `<li>${value(ctx, q, q.object)}${g.isEditorial(q) ? ` ${EDITORIAL}` : ''}${basisHtml(ctx, q)}</li>`).join('');
    return `<tr><th scope="row">${resourceLink(ctx, predicate, predicate === RDF_TYPE ? 'type' : g.label(predicate))}</th><td><ul class="values">${items}</ul></td></tr>`;
  });
  return scrollBox(`<table class="properties">\n${rows.join('\n')}\n</table>`, 'Properties');
}

function incoming(ctx: Ctx, description: Description): string {
  const { g } = ctx;
  if (description.incoming.length === 0) return '';
  const groups = new Map<string, Quad[]>();
  for (const q of description.incoming) groups.set(q.predicate.value, [...(groups.get(q.predicate.value) ?? []), q]);
  const blocks = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([predicate, quads]) => {
    const heading = INVERSE[predicate.replace(/^.*[#/]/, '')] ?? `Is “${g.label(predicate)}” of`;
    const subjects = g.byPosition(quads.map((q) => q.subject.value));
    const items = subjects.map((s) => {
      const q = quads.find((x) => x.subject.value === s)!;
      return `<li>${resourceLink(ctx, s)}${g.isEditorial(q) ? ` ${EDITORIAL}` : ''}${basisHtml(ctx, q)}</li>`;
    });
    return `<h3>${escapeHtml(heading)} <small>(${escapeHtml(g.label(predicate))}, ${subjects.length})</small></h3>\n<ul>\n${items.join('\n')}\n</ul>`;
  });
  const more = description.incomingTruncated ? `<p>Only the first ${description.incoming.length} links are shown; the SPARQL endpoint has them all.</p>` : '';
  return `<h2>Incoming links</h2>\n${blocks.join('\n')}\n${more}`;
}
