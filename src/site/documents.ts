/**
 * The description documents of a resource, written beside its page in the static site: Turtle,
 * N-Triples, JSON-LD, RDF/XML, N-Quads and TriG (the RDF formats core/dereference.ts offers a thing in)
 * of what serve's ResourceIndex says about it (the triples about it and its fragments, the links to it,
 * the labels of what it links to), with the project's serialisers.
 */
import type * as RDF from '@rdfjs/types';
import { DOCUMENT_TYPES, HTML, TYPE_SUFFIXES } from '../core/formats.js';
import { quadsToMediaType } from '../serialize/quads.js';
import { ResourceIndex } from '../render/resource-index.js';

/** Every IRI the index can describe: the resources under the base that the graph names (hash IRIs by their document). */
export function describedResources(index: ResourceIndex, quads: Iterable<RDF.Quad>): string[] {
  const found = new Set<string>();
  for (const q of quads) {
    for (const term of [q.subject, q.object, q.graph]) {
      if (term.termType !== 'NamedNode' || !term.value.startsWith(index.base)) continue;
      const hash = term.value.indexOf('#');
      const iri = hash < 0 ? term.value : term.value.slice(0, hash);
      if (!found.has(iri) && index.has(iri)) found.add(iri);
    }
  }
  return [...found].sort();
}

/**
 * The RDF documents of one resource: suffix → text, one for each RDF format a thing is offered in
 * (core/formats.ts), written as serve writes them (linked-data.ts): N-Quads and TriG say each triple's
 * named graph.
 */
export async function rdfDocuments(index: ResourceIndex, iri: string, prefixes: Record<string, string>): Promise<Record<string, string>> {
  const description = index.describe(iri);
  if (description === undefined) throw new Error(`nothing is known about ${iri}`);
  const quads = index.documentQuads(description);
  const documents: Record<string, string> = {};
  for (const type of DOCUMENT_TYPES) {
    if (type !== HTML) documents[TYPE_SUFFIXES[type]!] = await quadsToMediaType(quads, type, prefixes);
  }
  return documents;
}
