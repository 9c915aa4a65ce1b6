/**
 * JSON-LD: the graph compacted with our context. Built from quad objects: jsonld.fromRDF on an
 * N-Quads string is quadratic (197 s for 100k triples here), on RDF/JS quads it takes well under a second.
 */
import jsonld from 'jsonld';
import type { Quad } from 'n3';
import { naturalCompare } from './order.js';

type NodeObject = Record<string, unknown> & { id?: string };

/** Compacts `sortedTriples` with `context` (embedded, so the file stands on its own). */
export async function toJsonLd(sortedTriples: Quad[], context: Record<string, unknown>): Promise<string> {
  // useNativeTypes turns xsd:integer and xsd:boolean into JSON numbers and booleans; toRDF gives them back.
  const expanded = await jsonld.fromRDF(sortedTriples as unknown as object, { useNativeTypes: true });
  dropStringDatatype(expanded);
  const compacted = (await jsonld.compact(expanded, context['@context'] as jsonld.ContextDefinition)) as Record<string, unknown>;
  const nodes = (compacted['@graph'] as NodeObject[] | undefined) ?? [stripContext(compacted)];
  nodes.sort((a, b) => naturalCompare(a.id ?? '', b.id ?? ''));
  return `${JSON.stringify({ '@context': context['@context'], '@graph': nodes }, null, 2)}\n`;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/**
 * jsonld.js (9.0) keeps "@type": xsd:string on plain strings when useNativeTypes is on; a JSON-LD
 * string value already means xsd:string, so the type is dropped to let the strings compact plainly.
 */
function dropStringDatatype(value: unknown): void {
  if (Array.isArray(value)) { value.forEach(dropStringDatatype); return; }
  if (value === null || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  if ('@value' in node && node['@type'] === XSD_STRING) { delete node['@type']; return; }
  Object.values(node).forEach(dropStringDatatype);
}

function stripContext(node: Record<string, unknown>): NodeObject {
  const { '@context': _context, ...rest } = node;
  return rest;
}
