/**
 * The graph a CONSTRUCT or DESCRIBE gives, as Turtle (prefixed), N-Triples, JSON-LD (compacted with the
 * prefixes) or RDF/XML, triples in a stable order so that the same answer prints the same text; and as
 * N-Quads or TriG, which keep each quad's graph (a CONSTRUCT's are in the default graph).
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, type Quad as N3Quad } from 'n3';
import { toTurtle, triGBytes, writeQuads } from './rdf-text.js';
import { toRdfXml } from './rdfxml.js';
import { turtleTerm } from './sparql-results/terms.js';

/** The triples (graph names dropped, each triple once), sorted by their N-Triples text. */
function sortedTriples(quads: RDF.Quad[]): N3Quad[] {
  const byKey = new Map<string, N3Quad>();
  for (const q of quads) {
    const key = `${turtleTerm(q.subject)} ${turtleTerm(q.predicate)} ${turtleTerm(q.object)}`;
    const [subject, predicate, object] = [q.subject, q.predicate, q.object] as unknown as [N3Quad['subject'], N3Quad['predicate'], N3Quad['object']];
    byKey.set(key, DataFactory.quad(subject, predicate, object));
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, q]) => q);
}

/** The quads (each once), graph names kept, sorted by their N-Quads text. */
function sortedQuads(quads: RDF.Quad[]): N3Quad[] {
  const byKey = new Map<string, N3Quad>();
  for (const q of quads) {
    const graph = q.graph.termType === 'DefaultGraph' ? '' : ` ${turtleTerm(q.graph)}`;
    byKey.set(`${turtleTerm(q.subject)} ${turtleTerm(q.predicate)} ${turtleTerm(q.object)}${graph}`, q as unknown as N3Quad);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, q]) => q);
}

/** Turtle as the dumps are written (serialize/rdf-text.ts): the prefixes used, a blank line between subjects. */
export function quadsToTurtle(quads: RDF.Quad[], prefixes: Record<string, string>): string {
  return toTurtle(sortedTriples(quads), prefixes);
}

export function quadsToNTriples(quads: RDF.Quad[]): string {
  return writeQuads(sortedTriples(quads), { format: 'N-Triples' });
}

export async function quadsToJsonLd(quads: RDF.Quad[], prefixes: Record<string, string>): Promise<string> {
  const { default: jsonld } = await import('jsonld');
  // From quad objects, not N-Quads text: jsonld.js's N-Quads reader is quadratic on large input.
  const expanded = await jsonld.fromRDF(sortedTriples(quads) as unknown as object, { useNativeTypes: false });
  const compacted = await jsonld.compact(expanded, prefixes as unknown as Record<string, string>);
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

/** RDF/XML with the writer of the RDF/XML dump (src/serialize/rdfxml.ts); graph names dropped. */
export function quadsToRdfXml(quads: RDF.Quad[], prefixes: Record<string, string>): Promise<string> {
  return toRdfXml(sortedTriples(quads), prefixes);
}

export function quadsToNQuads(quads: RDF.Quad[]): string {
  return writeQuads(sortedQuads(quads), { format: 'N-Quads' });
}

/** TriG: the default graph's triples, then one block per named graph. */
export function quadsToTriG(quads: RDF.Quad[], prefixes: Record<string, string>): string {
  const sorted = sortedQuads(quads);
  const graphs = new Set(sorted.map((q) => q.graph.value));
  // Grouped by graph (the writer opens a block whenever the graph changes), each graph's triples in order.
  const ordered = [...graphs].sort().flatMap((graph) => sorted.filter((q) => q.graph.value === graph));
  return Buffer.concat([...triGBytes(ordered, prefixes)]).toString('utf8');
}

/** The quads in a graph media type of the server (core/formats.ts GRAPH_TYPES and DOCUMENT_TYPES, but HTML). */
export async function quadsToMediaType(quads: RDF.Quad[], mediaType: string, prefixes: Record<string, string>): Promise<string> {
  switch (mediaType) {
    case 'text/turtle': return quadsToTurtle(quads, prefixes);
    case 'application/n-triples': return quadsToNTriples(quads);
    case 'application/ld+json': return quadsToJsonLd(quads, prefixes);
    case 'application/rdf+xml': return quadsToRdfXml(quads, prefixes);
    case 'application/n-quads': return quadsToNQuads(quads);
    case 'application/trig': return quadsToTriG(quads, prefixes);
    default: throw new Error(`no RDF writer for ${mediaType}`);
  }
}
