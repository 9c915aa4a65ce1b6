/**
 * Writes a query result in one of the output formats: the W3C result formats (JSON, XML, CSV, TSV) and a
 * text table for SELECT and ASK, an RDF syntax for the graph of a CONSTRUCT or DESCRIBE.
 */
import { formatsFor } from '../../core/formats.js';
import { UsageError } from '../../core/errors.js';
import type { QueryResult } from './result-types.js';
import { bindingsToTable } from './results-table.js';
import { prefixList } from './terms.js';
import { booleanText, graphText, solutionsText } from './write-answer.js';

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

/** The media type of a CLI format (core/formats.ts): the answer is written as the server writes that type. */
const MEDIA_TYPES: Record<string, string> = Object.fromEntries(formatsFor('cli').map((f) => [f.cliName!, f.mediaType]));

/**
 * `prefixes` shorten IRIs in the table, Turtle and JSON-LD. Every format but the table is written by the
 * answer writer the server and the static site use (write-answer.ts), in the format's media type.
 */
export async function formatResult(result: QueryResult, format: ResultFormat, prefixes: Record<string, string>): Promise<string> {
  const graphFormat = (GRAPH_FORMATS as readonly string[]).includes(format);
  if (result.type === 'quads') {
    if (!graphFormat) throw new UsageError(`a CONSTRUCT or DESCRIBE gives a graph: choose --format ${GRAPH_FORMATS.join(', ')}, not ${format}`);
    return graphText(result.quads, MEDIA_TYPES[format]!, prefixes);
  }
  if (graphFormat) {
    throw new UsageError(result.type === 'boolean'
      ? `an ASK gives true or false: choose --format ${SOLUTION_FORMATS.join(', ')}, not ${format}`
      : `a SELECT gives a table of solutions: choose --format ${SOLUTION_FORMATS.join(', ')}, not ${format}`);
  }
  if (result.type === 'boolean') {
    // The CSV/TSV recommendation covers SELECT only; a bare "true" or "false" is what scripts test.
    return format === 'json' || format === 'xml' ? booleanText(MEDIA_TYPES[format]!, result.value) : `${result.value}\n`;
  }
  if (format === 'table') return bindingsToTable(result.variables, result.rows, prefixList(prefixes));
  return solutionsText(MEDIA_TYPES[format]!, result.variables, result.rows);
}
