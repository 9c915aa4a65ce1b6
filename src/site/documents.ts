/**
 * The description documents of a resource, written beside its page in the static site: Turtle,
 * N-Triples, JSON-LD, RDF/XML, N-Quads and TriG (the RDF formats core/dereference.ts offers a thing in)
 * of what serve's ResourceIndex says about it (the triples about it and its fragments, the links to it,
 * the labels of what it links to), with the project's serialisers.
 */
import type * as RDF from '@rdfjs/types';
import type { Quad } from 'n3';
import { quadsToJsonLd, quadsToNQuads, quadsToNTriples, quadsToTriG, quadsToTurtle } from '../query/format/quads.js';
import { turtleTerm } from '../query/format/terms.js';
import { toRdfXml } from '../serialize/rdfxml.js';
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

/** The RDF documents of one resource: suffix → text. */
export async function rdfDocuments(index: ResourceIndex, iri: string, prefixes: Record<string, string>): Promise<Record<string, string>> {
  const description = index.describe(iri);
  if (description === undefined) throw new Error(`nothing is known about ${iri}`);
  const quads = ResourceIndex.quadsOf(description);
  const sorted = [...quads].sort((a, b) => compare(tripleKey(a), tripleKey(b)));
  // N-Quads and TriG say each triple's named graph, as serve's documents do (linked-data.ts).
  const named = index.documentQuads(description);
  return {
    ttl: quadsToTurtle(quads, prefixes),
    nt: quadsToNTriples(quads),
    jsonld: await quadsToJsonLd(quads, prefixes),
    rdf: await toRdfXml(sorted, prefixes),
    nq: quadsToNQuads(named),
    trig: quadsToTriG(named, prefixes),
  };
}

const tripleKey = (q: Quad) => `${turtleTerm(q.subject)} ${turtleTerm(q.predicate)} ${turtleTerm(q.object)}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
