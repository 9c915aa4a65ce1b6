/**
 * How one RDF term is written in the text result formats: N-Triples/Turtle syntax (TSV) and a short
 * form for people (the table).
 */
import type * as RDF from '@rdfjs/types';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/** Turtle's abbreviated forms, usable when the lexical form matches them exactly. */
const ABBREVIATED: Record<string, RegExp> = {
  [`${XSD}integer`]: /^[+-]?\d+$/,
  [`${XSD}decimal`]: /^[+-]?\d*\.\d+$/,
  [`${XSD}double`]: /^[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+$/,
  [`${XSD}boolean`]: /^(?:true|false)$/,
};

export function escapeString(value: string): string {
  return value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

/** The term in N-Triples syntax, numbers and booleans abbreviated as Turtle allows (SPARQL TSV). */
export function turtleTerm(term: RDF.Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal': {
      if (term.language) return `"${escapeString(term.value)}"@${term.language}`;
      const datatype = term.datatype.value;
      if (datatype === XSD_STRING || datatype === RDF_LANG_STRING) return `"${escapeString(term.value)}"`;
      if (ABBREVIATED[datatype]?.test(term.value)) return term.value;
      return `"${escapeString(term.value)}"^^<${datatype}>`;
    }
    case 'Quad': return `<<( ${turtleTerm(term.subject)} ${turtleTerm(term.predicate)} ${turtleTerm(term.object)} )>>`;
    default: return `?${term.value}`;
  }
}

/** Compact, for reading: an IRI as a prefixed name where a prefix fits, a literal as its text. */
export function shortTerm(term: RDF.Term, prefixes: Array<[string, string]>): string {
  switch (term.termType) {
    case 'NamedNode': {
      for (const [prefix, namespace] of prefixes) {
        const local = term.value.slice(namespace.length);
        if (term.value.startsWith(namespace) && /^[\w.-]*$/.test(local)) return `${prefix}:${local}`;
      }
      return `<${term.value}>`;
    }
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal': return term.value;
    case 'Quad': return `<< ${shortTerm(term.subject, prefixes)} ${shortTerm(term.predicate, prefixes)} ${shortTerm(term.object, prefixes)} >>`;
    default: return `?${term.value}`;
  }
}

/** Prefixes longest namespace first, so that the most specific one wins. */
export function prefixList(prefixes: Record<string, string>): Array<[string, string]> {
  return Object.entries(prefixes).sort(([, a], [, b]) => b.length - a.length);
}

export function isPlainString(term: RDF.Literal): boolean {
  return !term.language && (term.datatype.value === XSD_STRING || term.datatype.value === RDF_LANG_STRING);
}

/** Whether the literal is written with its datatype (not a language-tagged or a plain string). */
export function hasDatatype(term: RDF.Literal): boolean {
  return !term.language && term.datatype.value !== XSD_STRING && term.datatype.value !== RDF_LANG_STRING;
}
