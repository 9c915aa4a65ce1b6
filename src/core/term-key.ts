/**
 * The one key of an RDF term, a triple and a quad: equal keys for equal terms, and a different key for any
 * two terms that differ. A term is keyed in its N-Triples form (an IRI in angle brackets, a blank node by
 * its label, a literal as a quoted string with its language or datatype), so that a key can also be shown
 * in a message. The literal's text is quoted by JSON.stringify: a quote or a space inside it cannot make
 * two different literals read alike.
 *
 * Every module that dedupes or compares terms uses these. The dumps' sort order (src/serialize/order.ts)
 * and the shapes' blank-node signatures (src/build/publish.ts) keep keys of their own: those keys order,
 * and changing them would change the published bytes.
 */
import type * as RDF from '@rdfjs/types';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

export interface TermKeyOptions {
  /**
   * Every blank node reads "_:b": for comparing two engines' answers, whose blank-node labels are each
   * engine's own (src/query/engine-check.ts).
   */
  anonymousBlankNodes?: boolean;
  /**
   * Language tags in lower case: for comparing with engines that do not keep a tag's case
   * (test/differential/engines.ts). The build's own checks compare tags as written.
   */
  foldLanguageCase?: boolean;
}

/** A term in N-Triples form: `<iri>`, `_:label`, `"text"`, `"text"@lang`, `"text"^^<datatype>`, `?variable`; the default graph is "". */
export function termKey(term: RDF.Term, { anonymousBlankNodes = false, foldLanguageCase = false }: TermKeyOptions = {}): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return anonymousBlankNodes ? '_:b' : `_:${term.value}`;
    case 'Literal': {
      const text = JSON.stringify(term.value);
      if (term.language) return `${text}@${foldLanguageCase ? term.language.toLowerCase() : term.language}`;
      return term.datatype.value === XSD_STRING ? text : `${text}^^<${term.datatype.value}>`;
    }
    case 'Variable': return `?${term.value}`;
    case 'DefaultGraph': return '';
    default: return `<<${termKey(term.subject)} ${termKey(term.predicate)} ${termKey(term.object)}>>`;
  }
}

/** A triple's identity, its graph left out: the same triple in two graphs has one key. */
export function tripleKey(q: RDF.Quad, options: TermKeyOptions = {}): string {
  return `${termKey(q.subject, options)} ${termKey(q.predicate, options)} ${termKey(q.object, options)}`;
}

/** A quad's identity: its triple and its graph (a triple moved between graphs is another quad). */
export function quadKey(q: RDF.Quad): string {
  return `${tripleKey(q)} ${termKey(q.graph)}`;
}
