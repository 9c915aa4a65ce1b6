/**
 * SPARQL 1.1 Query Results CSV and TSV Formats (https://www.w3.org/TR/sparql11-results-csv-tsv/).
 * CSV gives values only (IRIs, lexical forms, _:labels), lines ending in CRLF as RFC 4180 says; TSV gives
 * every term in Turtle syntax, so it loses nothing.
 */
import type * as RDF from '@rdfjs/types';
import type { BindingRow } from './result-types.js';
import { turtleTerm } from './terms.js';

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvValue(term: RDF.Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.termType === 'Quad' ? turtleTerm(term) : term.value;
}

export function bindingsToCsv(variables: string[], rows: BindingRow[]): string {
  const lines = [variables.map(csvField).join(',')];
  for (const row of rows) lines.push(variables.map((v) => (row[v] ? csvField(csvValue(row[v]!)) : '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function bindingsToTsv(variables: string[], rows: BindingRow[]): string {
  const lines = [variables.map((v) => `?${v}`).join('\t')];
  for (const row of rows) lines.push(variables.map((v) => (row[v] ? turtleTerm(row[v]!) : '')).join('\t'));
  return `${lines.join('\n')}\n`;
}
