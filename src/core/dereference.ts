/**
 * How an IRI of the dataset dereferences: the one table that `asm-kg serve` (linked-data.ts,
 * graph-store.ts) and the w3id.org rules (site/htaccess.ts, in front of the static site) are both made
 * from, so that the two cannot answer differently.
 *
 * Two kinds of IRI answer 303 See Other by content negotiation:
 *
 *  - a thing (a statement, a workshop, a dataset and its versions and distributions, the ontology and so
 *    its terms): to the document that describes it, `{path}.ttl`, `.nt`, `.jsonld`, `.rdf`, `.nq`, `.trig`
 *    or `.html`;
 *  - a named graph (`graph/links`): to the graph itself, its triples in the format asked for
 *    (`{path}.content.ttl` and the like, what the Graph Store gives for `?graph={iri}`), or for a browser
 *    to its page `{path}.html`. A graph IRI names the graph: the SPARQL 1.1 Graph Store Protocol
 *    identifies a graph's content by its IRI, and an engine that meets `FROM <graph>` without a store
 *    dereferences the IRI to read the graph. Its description (what it holds, where it comes from) stays at
 *    `{path}.ttl`, …, like any thing's, and its page shows both.
 *
 * The paths are relative to the root where the dataset is served (no leading slash), the same on a
 * server and on the static site, so the targets are the same addresses on both.
 */
import { DOCUMENT_TYPES, GRAPH_TYPES, HTML, TYPE_SUFFIXES } from './formats.js';

export type IriKind = 'thing' | 'graph';

/** The media types each kind of IRI is offered in, the server's preference first (what `*\/*` gets). */
export const OFFERS: Readonly<Record<IriKind, readonly string[]>> = {
  thing: DOCUMENT_TYPES,
  // The graph's page last: only a browser asks for HTML.
  graph: [...GRAPH_TYPES, HTML],
};

/** Every media type any IRI is offered in, in the one order of preference all kinds follow. */
export const ALL_OFFERS: readonly string[] = DOCUMENT_TYPES;

// Each kind's offers follow ALL_OFFERS' order, so one ranking of the formats serves every kind (htaccess.ts).
for (const offers of Object.values(OFFERS)) {
  const positions = offers.map((type) => ALL_OFFERS.indexOf(type));
  if (positions.some((p, i) => p < 0 || (i > 0 && p < positions[i - 1]!))) throw new Error(`the offers ${offers.join(', ')} do not follow ${ALL_OFFERS.join(', ')}`);
}

/** The suffix of a media type's documents (ttl, nt, jsonld, rdf, nq, trig, html). */
export function suffixOf(mediaType: string): string {
  const suffix = TYPE_SUFFIXES[mediaType];
  if (suffix === undefined) throw new Error(`no document suffix for ${mediaType}`);
  return suffix;
}

/** The document of a named graph's content (its triples, not its description) in one RDF media type. */
export function graphContentPath(path: string, mediaType: string): string {
  return `${path}.content.${suffixOf(mediaType)}`;
}

/**
 * Where a 303 See Other sends an IRI of a kind, for the media type negotiation chose: a path relative to
 * the root (`path` is the IRI's, relative to the base: `id/workshop/2`, `graph/links`).
 */
export function seeOther(kind: IriKind, path: string, mediaType: string): string {
  if (!OFFERS[kind].includes(mediaType)) throw new Error(`a ${kind} is not offered as ${mediaType}`);
  return kind === 'graph' && mediaType !== HTML ? graphContentPath(path, mediaType) : `${path}.${suffixOf(mediaType)}`;
}
