/**
 * SPARQL Query Results XML Format, second edition (https://www.w3.org/TR/rdf-sparql-XMLres/).
 *
 * The document is always well-formed XML 1.0. XML 1.0 cannot carry U+0000–U+0008, U+000B, U+000C,
 * U+000E–U+001F, U+FFFE, U+FFFF or a lone surrogate at all, not even as a character reference, while an
 * RDF literal may hold them. Such a character is written as U+FFFD (the replacement character), and the
 * document then begins with a comment saying how many were replaced and that the JSON, CSV and TSV formats
 * give the exact values. (XML 1.1 could carry them as references, but few parsers read XML 1.1: Python's
 * expat, libxml2 and browsers' DOMParser do not.)
 */
import type * as RDF from '@rdfjs/types';
import type { BindingRow } from './result-types.js';
import { isPlainString } from './terms.js';

const NAMESPACE = 'http://www.w3.org/2005/sparql-results#';

/** Characters that are not XML 1.0 `Char`s (https://www.w3.org/TR/xml/#charsets). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Counts the characters replaced in one document. */
interface Replacements { count: number }

/**
 * Escapes text and attribute values; a CR is written as a character reference so that parsers keep it,
 * and a character XML 1.0 cannot carry becomes U+FFFD (counted in `replaced`).
 */
export function escapeXml(text: string, replaced: Replacements = { count: 0 }): string {
  return text
    .replace(NOT_XML_CHAR, () => { replaced.count++; return '\uFFFD'; })
    .replace(/[&<>"\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;' })[c]!);
}

function xmlTerm(term: RDF.Term, replaced: Replacements): string {
  const text = (value: string) => escapeXml(value, replaced);
  switch (term.termType) {
    case 'NamedNode': return `<uri>${text(term.value)}</uri>`;
    case 'BlankNode': return `<bnode>${text(term.value)}</bnode>`;
    case 'Literal': {
      if (term.language) return `<literal xml:lang="${text(term.language)}">${text(term.value)}</literal>`;
      if (isPlainString(term)) return `<literal>${text(term.value)}</literal>`;
      return `<literal datatype="${text(term.datatype.value)}">${text(term.value)}</literal>`;
    }
    case 'Quad':
      return `<triple><subject>${xmlTerm(term.subject, replaced)}</subject><predicate>${xmlTerm(term.predicate, replaced)}</predicate><object>${xmlTerm(term.object, replaced)}</object></triple>`;
    default: throw new Error(`a ${term.termType} cannot be a result value`);
  }
}

export function bindingsToXml(variables: string[], rows: BindingRow[]): string {
  const replaced: Replacements = { count: 0 };
  const lines = [`<sparql xmlns="${NAMESPACE}">`, '  <head>'];
  for (const variable of variables) lines.push(`    <variable name="${escapeXml(variable, replaced)}"/>`);
  lines.push('  </head>', '  <results>');
  for (const row of rows) {
    lines.push('    <result>');
    for (const variable of variables) {
      const term = row[variable];
      if (term) lines.push(`      <binding name="${escapeXml(variable, replaced)}">${xmlTerm(term, replaced)}</binding>`);
    }
    lines.push('    </result>');
  }
  lines.push('  </results>', '</sparql>', '');
  const note = replaced.count === 0 ? [] : [`<!-- ${replaced.count} character${replaced.count === 1 ? '' : 's'} that XML 1.0 cannot carry `
    + `(control characters) ${replaced.count === 1 ? 'was' : 'were'} replaced by U+FFFD; the JSON, CSV and TSV results give the exact values. -->`];
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...note, ...lines].join('\n');
}

export function booleanToXml(value: boolean): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<sparql xmlns="${NAMESPACE}">`, '  <head/>', `  <boolean>${value}</boolean>`, '</sparql>', ''].join('\n');
}
