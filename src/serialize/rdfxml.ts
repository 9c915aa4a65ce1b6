/**
 * RDF/XML with rdflib.js, the well-kept JS writer of that format. rdflib is loaded only when a build
 * writes RDF/XML (it is large); terms are copied over from N3.js quads one by one, not re-parsed.
 */
import type { Quad } from 'n3';

export async function toRdfXml(sortedTriples: Quad[], prefixes: Record<string, string>): Promise<string> {
  const rdflib = await import('rdflib');
  const store = rdflib.graph();
  for (const [prefix, iri] of Object.entries(prefixes)) store.setPrefixForURI(prefix, iri);
  const node = (term: Quad['subject'] | Quad['object']) => {
    if (term.termType === 'Literal') {
      return term.language ? rdflib.lit(term.value, term.language) : rdflib.lit(term.value, undefined, rdflib.sym(term.datatype.value));
    }
    if (term.termType === 'BlankNode') return rdflib.blankNode(term.value);
    return rdflib.sym(term.value);
  };
  for (const q of sortedTriples) {
    store.add(node(q.subject) as never, rdflib.sym(q.predicate.value), node(q.object) as never);
  }
  // No base: every IRI is written absolute, so the file means the same wherever it is downloaded to.
  const text = rdflib.serialize(null, store, undefined, 'application/rdf+xml');
  if (text === undefined) throw new Error('rdflib wrote no RDF/XML');
  return text.endsWith('\n') ? text : `${text}\n`;
}
