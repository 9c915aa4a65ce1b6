/**
 * SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/), one binding per line.
 */
import type * as RDF from '@rdfjs/types';
import type { BindingRow } from './result-types.js';
import { isPlainString } from './terms.js';

type JsonTerm =
  | { type: 'uri' | 'bnode'; value: string }
  | { type: 'literal'; value: string; 'xml:lang'?: string; datatype?: string }
  | { type: 'triple'; value: { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm } };

export function jsonTerm(term: RDF.Term): JsonTerm {
  switch (term.termType) {
    case 'NamedNode': return { type: 'uri', value: term.value };
    case 'BlankNode': return { type: 'bnode', value: term.value };
    case 'Literal':
      if (term.language) return { type: 'literal', value: term.value, 'xml:lang': term.language };
      return isPlainString(term) ? { type: 'literal', value: term.value } : { type: 'literal', value: term.value, datatype: term.datatype.value };
    case 'Quad': return { type: 'triple', value: { subject: jsonTerm(term.subject), predicate: jsonTerm(term.predicate), object: jsonTerm(term.object) } };
    default: throw new Error(`a ${term.termType} cannot be a result value`);
  }
}

export function bindingsToJson(variables: string[], rows: BindingRow[]): string {
  const bindings = rows.map((row) => {
    const binding: Record<string, JsonTerm> = {};
    for (const variable of variables) if (row[variable]) binding[variable] = jsonTerm(row[variable]!);
    return `    ${JSON.stringify(binding)}`;
  });
  const list = bindings.length === 0 ? '[]' : `[\n${bindings.join(',\n')}\n  ]`;
  return `{\n  "head": { "vars": ${JSON.stringify(variables)} },\n  "results": { "bindings": ${list} }\n}\n`;
}

export function booleanToJson(value: boolean): string {
  return `{\n  "head": {},\n  "boolean": ${value}\n}\n`;
}
