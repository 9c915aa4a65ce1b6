/**
 * Writes a query result in one of the output formats: the W3C result formats (JSON, XML, CSV, TSV) and a
 * text table for SELECT and ASK, an RDF syntax for the graph of a CONSTRUCT or DESCRIBE.
 */
import { formatsFor } from '../../core/formats.js';
import { UsageError } from '../../errors.js';
import type { QueryResult } from '../../query/types.js';
import { quadsToJsonLd, quadsToNTriples, quadsToTurtle } from '../quads.js';
import { bindingsToCsv, bindingsToTsv } from './results-csv.js';
import { bindingsToJson, booleanToJson } from './results-json.js';
import { bindingsToTable } from './results-table.js';
import { bindingsToXml, booleanToXml } from './results-xml.js';
import { prefixList } from './terms.js';

export const SOLUTION_FORMATS = ['table', 'csv', 'tsv', 'json', 'xml'] as const;
export const GRAPH_FORMATS = ['turtle', 'ntriples', 'jsonld'] as const;
export type ResultFormat = (typeof SOLUTION_FORMATS)[number] | (typeof GRAPH_FORMATS)[number];

export function isResultFormat(name: string): name is ResultFormat {
  return (SOLUTION_FORMATS as readonly string[]).includes(name) || (GRAPH_FORMATS as readonly string[]).includes(name);
}

/**
 * Extension → format, from the format table (core/formats.ts): each CLI format's suffix and other
 * extensions, the first format in the table taking an extension two share (.json: SPARQL JSON, not JSON-LD).
 */
const BY_EXTENSION: Record<string, ResultFormat> = {};
for (const format of formatsFor('cli')) {
  for (const extension of [format.suffix, ...(format.extensions ?? [])]) {
    if (extension !== undefined && BY_EXTENSION[extension] === undefined) BY_EXTENSION[extension] = format.cliName as ResultFormat;
  }
}

/** The format a file name asks for by its extension, if any. */
export function formatFromFileName(path: string): ResultFormat | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/**
 * The format when none is asked for: a table on a terminal; TSV when the output goes to a pipe or a file
 * (one solution per line, every term in full, ready for cut, sort and awk); Turtle for a graph.
 */
export function defaultFormat(result: QueryResult, terminal: boolean): ResultFormat {
  if (result.type === 'quads') return 'turtle';
  return terminal ? 'table' : 'tsv';
}

/** `prefixes` shorten IRIs in the table, Turtle and JSON-LD. */
export async function formatResult(result: QueryResult, format: ResultFormat, prefixes: Record<string, string>): Promise<string> {
  if (result.type === 'quads') {
    switch (format) {
      case 'turtle': return quadsToTurtle(result.quads, prefixes);
      case 'ntriples': return quadsToNTriples(result.quads);
      case 'jsonld': return quadsToJsonLd(result.quads, prefixes);
      default: throw new UsageError(`a CONSTRUCT or DESCRIBE gives a graph: choose --format ${GRAPH_FORMATS.join(', ')}, not ${format}`);
    }
  }
  if (result.type === 'boolean') {
    switch (format) {
      case 'json': return booleanToJson(result.value);
      case 'xml': return booleanToXml(result.value);
      // The CSV/TSV recommendation covers SELECT only; a bare "true" or "false" is what scripts test.
      case 'table': case 'csv': case 'tsv': return `${result.value}\n`;
      default: throw new UsageError(`an ASK gives true or false: choose --format ${SOLUTION_FORMATS.join(', ')}, not ${format}`);
    }
  }
  const { variables, rows } = result;
  switch (format) {
    case 'table': return bindingsToTable(variables, rows, prefixList(prefixes));
    case 'csv': return bindingsToCsv(variables, rows);
    case 'tsv': return bindingsToTsv(variables, rows);
    case 'json': return bindingsToJson(variables, rows);
    case 'xml': return bindingsToXml(variables, rows);
    default: throw new UsageError(`a SELECT gives a table of solutions: choose --format ${SOLUTION_FORMATS.join(', ')}, not ${format}`);
  }
}
