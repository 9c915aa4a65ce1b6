/**
 * The JSON-LD data block of a page: the resource's triples as flattened JSON-LD (one node object per
 * subject, values as explicit @id / @value objects), with the prefixes as its @context. Written directly
 * and synchronously, so that rendering a page needs no asynchronous JSON-LD processor; any JSON-LD
 * processor expands it back to exactly these triples.
 */
import type { Quad } from 'n3';
import { RDF_TYPE } from './graph.js';

export function quadsToJsonLdBlock(quads: Quad[], prefixes: Record<string, string>): string {
  const entries = Object.entries(prefixes).sort(([, a], [, b]) => b.length - a.length);
  const compact = (iri: string): string => {
    for (const [prefix, namespace] of entries) {
      const rest = iri.slice(namespace.length);
      // Only where the local part cannot be read as an IRI scheme or a blank node label.
      if (iri.startsWith(namespace) && /^[A-Za-z0-9_][\w.-]*$/.test(rest)) return `${prefix}:${rest}`;
    }
    return iri;
  };
  const id = (term: Quad['subject'] | Quad['object']): string => (term.termType === 'BlankNode' ? `_:${term.value}` : compact(term.value));
  const nodes = new Map<string, Record<string, unknown>>();
  const seen = new Set<string>();
  for (const quad of quads) {
    const key = `${quad.subject.value} ${quad.predicate.value} ${quad.object.termType} ${quad.object.value} ${quad.object.termType === 'Literal' ? `${quad.object.language}^^${quad.object.datatype.value}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const subject = id(quad.subject);
    const node = nodes.get(subject) ?? { '@id': subject };
    nodes.set(subject, node);
    if (quad.predicate.value === RDF_TYPE && quad.object.termType === 'NamedNode') {
      node['@type'] = [...((node['@type'] as string[] | undefined) ?? []), compact(quad.object.value)];
      continue;
    }
    const predicate = compact(quad.predicate.value);
    const object = quad.object;
    const value = object.termType === 'Literal'
      ? (object.language ? { '@value': object.value, '@language': object.language }
        : object.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? { '@value': object.value } : { '@value': object.value, '@type': compact(object.datatype.value) })
      : { '@id': id(object) };
    node[predicate] = [...((node[predicate] as unknown[] | undefined) ?? []), value];
  }
  const context = Object.fromEntries(Object.entries(prefixes).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ '@context': context, '@graph': [...nodes.values()] }, null, 1);
}
