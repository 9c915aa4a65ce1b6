/**
 * SPARQL Query Results XML Format, second edition (https://www.w3.org/TR/rdf-sparql-XMLres/).
 */
import type * as RDF from '@rdfjs/types';
import type { BindingRow } from '../types.js';
import { isPlainString } from './terms.js';

const NAMESPACE = 'http://www.w3.org/2005/sparql-results#';

/** Escapes text and attribute values; a CR is written as a character reference so that parsers keep it. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;' })[c]!);
}

function xmlTerm(term: RDF.Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<uri>${escapeXml(term.value)}</uri>`;
    case 'BlankNode': return `<bnode>${escapeXml(term.value)}</bnode>`;
    case 'Literal': {
      if (term.language) return `<literal xml:lang="${escapeXml(term.language)}">${escapeXml(term.value)}</literal>`;
      if (isPlainString(term)) return `<literal>${escapeXml(term.value)}</literal>`;
      return `<literal datatype="${escapeXml(term.datatype.value)}">${escapeXml(term.value)}</literal>`;
    }
    case 'Quad':
      return `<triple><subject>${xmlTerm(term.subject)}</subject><predicate>${xmlTerm(term.predicate)}</predicate><object>${xmlTerm(term.object)}</object></triple>`;
    default: throw new Error(`a ${term.termType} cannot be a result value`);
  }
}

export function bindingsToXml(variables: string[], rows: BindingRow[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<sparql xmlns="${NAMESPACE}">`, '  <head>'];
  for (const variable of variables) lines.push(`    <variable name="${escapeXml(variable)}"/>`);
  lines.push('  </head>', '  <results>');
  for (const row of rows) {
    lines.push('    <result>');
    for (const variable of variables) {
      const term = row[variable];
      if (term) lines.push(`      <binding name="${escapeXml(variable)}">${xmlTerm(term)}</binding>`);
    }
    lines.push('    </result>');
  }
  lines.push('  </results>', '</sparql>', '');
  return lines.join('\n');
}

export function booleanToXml(value: boolean): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<sparql xmlns="${NAMESPACE}">`, '  <head/>', `  <boolean>${value}</boolean>`, '</sparql>', ''].join('\n');
}
