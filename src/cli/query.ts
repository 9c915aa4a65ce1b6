/**
 * The `query` and `queries` commands: argv to options, options to a query over the loaded graph, the
 * answer to text. They return what to print; src/cli/main.ts prints it and sets the exit code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Term } from '@rdfjs/types';
import { QueryParameterError, QueryTimeoutError, UsageError } from '../core/errors.js';
import { decodeUtf8 } from '../rdf/parse.js';
import { vocabulary } from '../core/iri.js';
import { listCatalogue, readCatalogueQuery, type CatalogueParameter } from '../query/catalogue.js';
import { query } from '../query/engine.js';
import { defaultFormat, formatFromFileName, formatResult, isResultFormat, GRAPH_FORMATS, SOLUTION_FORMATS, type ResultFormat } from '../serialize/sparql-results/format-result.js';
import { DEFAULT_MAX_SOURCE_BYTES, loadGraph } from '../query/load-graph.js';
import { parameterTerm } from '../query/params.js';
import type { QueryResult } from '../query/types.js';
import { writeFileAtomic } from '../core/write-atomic.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export const QUERY_HELP = `Usage:
  asm-kg query NAME | FILE.rq | - [options]
                          run a catalogue query (queries/NAME.rq), a query file, or a query read from stdin
  asm-kg queries          list the catalogue

Options of query:
  --param NAME=VALUE      bind ?NAME to VALUE (repeatable): <IRI>, a prefixed name (stk:government), "text"@en,
                          "5"^^xsd:integer; anything else is a plain string literal
  --source SOURCE         query this source too (repeatable): a file (.ttl .nt .nq .trig .n3 .jsonld .json .rdf
                          .owl .xml), an http(s) URL of an RDF document, or sparql:URL of a SPARQL endpoint
  --no-default            query only the --source sources, not the built graph
  --format FORMAT         table, csv, tsv, json, xml (SELECT, ASK); turtle, ntriples, jsonld (CONSTRUCT, DESCRIBE).
                          Default: a table on a terminal, otherwise TSV; Turtle for a graph; from --output's
                          extension (.csv .tsv .json .srj .xml .srx .txt .ttl .nt .jsonld) when it has one
  --output FILE           write the answer to FILE (atomically) instead of stdout
  --timeout MS            stop after MS milliseconds, loading the sources included (default ${DEFAULT_TIMEOUT_MS}; 0: no limit)
  --max-source-bytes N    refuse a --source larger than N bytes, and stop reading an endless one there
                          (default ${DEFAULT_MAX_SOURCE_BYTES}, 128 MiB); a source must be a regular file or a URL
  --root DIR              project folder holding dist/ and queries/ (default: this package)
`;

export interface CommandInput {
  /** Reads the query text when the query is "-". */
  readStdin: () => Promise<string>;
  /** Whether stdout is a terminal (the default format is then a table). */
  terminal: boolean;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

export async function queryCommand(argv: string[], input: CommandInput): Promise<CommandOutput> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      param: { type: 'string', multiple: true },
      source: { type: 'string', multiple: true },
      'no-default': { type: 'boolean' },
      format: { type: 'string' },
      output: { type: 'string' },
      timeout: { type: 'string' },
      'max-source-bytes': { type: 'string' },
      root: { type: 'string' },
    },
  });
  if (values.help) return { stdout: QUERY_HELP, stderr: '' };
  if (positionals.length !== 1) throw new UsageError('query needs one query: a catalogue name, a .rq file or - for stdin (try --help)');
  const [target] = positionals as [string];
  const root = values.root === undefined ? undefined : resolve(values.root);
  const format = checkFormat(values.format);
  const timeoutMs = checkTimeout(values.timeout);
  const maxSourceBytes = checkMaxSourceBytes(values['max-source-bytes']);
  const sources = values.source ?? [];
  if (values['no-default'] && sources.length === 0) throw new UsageError('--no-default needs at least one --source');

  const { name, text, declared } = await readQuery(target, root, input);
  const params = parseParams(values.param ?? [], name, declared);

  // One time limit for the sources and the query: what loading the sources used is not left for the query.
  const graph = await loadGraph({ sources, root, includeBuilt: !values['no-default'], timeoutMs, maxSourceBytes });
  const remainingMs = timeoutMs === undefined ? undefined : Math.floor(timeoutMs - (graph.sourcesMs ?? 0));
  if (remainingMs !== undefined && remainingMs <= 0) throw new QueryTimeoutError(name, timeoutMs!);
  const result = await query(graph, text, { params, name, timeoutMs: remainingMs }).catch((error: unknown) => {
    // The limit the user gave, not what was left of it.
    throw error instanceof QueryTimeoutError ? new QueryTimeoutError(name, timeoutMs!) : error;
  });

  const chosen = format ?? (values.output === undefined ? undefined : formatFromFileName(values.output))
    ?? defaultFormat(result, values.output === undefined && input.terminal);
  const output = await formatResult(result, chosen, { ...vocabulary().prefixes, ...declaredPrefixes(text) });
  if (values.output === undefined) return { stdout: output, stderr: '' };
  try {
    writeFileAtomic(values.output, output);
  } catch (error) {
    throw new UsageError(`--output ${values.output}: cannot write it: ${(error as Error).message}`);
  }
  return { stdout: '', stderr: `Wrote ${describe(result)} to ${values.output} (${chosen}).\n` };
}

/** `asm-kg queries`: the catalogue, one query a line with its title and parameters. */
export function queriesCommand(argv: string[]): CommandOutput {
  const { values } = parseArgs({ args: argv, options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return { stdout: QUERY_HELP, stderr: '' };
  const entries = listCatalogue(values.root === undefined ? undefined : resolve(values.root));
  if (entries.length === 0) return { stdout: 'The catalogue (queries/*.rq) is empty.\n', stderr: '' };
  const width = Math.max(...entries.map((e) => e.name.length));
  const lines = ['Queries (run one with: asm-kg query NAME [--param NAME=VALUE]):'];
  for (const entry of entries) {
    lines.push(`  ${entry.name.padEnd(width)}  ${entry.title ?? '(no title)'}`);
    for (const p of entry.parameters) lines.push(`  ${''.padEnd(width)}    --param ${p.name}=${p.type ? `(${p.type})` : 'VALUE'}`);
  }
  return { stdout: `${lines.join('\n')}\n`, stderr: '' };
}

interface QueryText {
  name: string;
  text: string;
  /** The parameters a catalogue query's header declares; undefined for other queries. */
  declared: CatalogueParameter[] | undefined;
}

async function readQuery(target: string, root: string | undefined, input: CommandInput): Promise<QueryText> {
  if (target === '-') return { name: '<stdin>', text: await input.readStdin(), declared: undefined };
  if (/\.(rq|sparql)$/i.test(target) || /[\\/]/.test(target)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' ? `no query file ${target}` : `cannot read the query file ${target} (${code ?? (error as Error).message})`);
    }
    // As the build reads its sources: invalid UTF-8 is an error at file:line:column, never a silent U+FFFD.
    return { name: target, text: decodeUtf8(bytes, target), declared: undefined };
  }
  const entry = readCatalogueQuery(target, root);
  return { name: entry.name, text: entry.text, declared: entry.parameters };
}

function parseParams(pairs: string[], queryName: string, declared: CatalogueParameter[] | undefined): Record<string, Term> {
  const params: Record<string, Term> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--param "${pair}": write NAME=VALUE`);
    const name = pair.slice(0, equals).replace(/^[?$]/, '');
    if (name in params) throw new UsageError(`--param ${name} is given twice`);
    const term = parameterTerm(name, pair.slice(equals + 1));
    if (declared !== undefined) checkDeclared(queryName, declared, name, term);
    params[name] = term;
  }
  return params;
}

/** A catalogue query takes the parameters its header declares, an IRI where the header says IRI. */
function checkDeclared(queryName: string, declared: CatalogueParameter[], name: string, term: Term): void {
  const parameter = declared.find((p) => p.name === name);
  if (parameter === undefined) {
    const takes = declared.length === 0 ? 'takes no parameters' : `takes ${declared.map((p) => p.name).join(', ')}`;
    throw new QueryParameterError(`parameter ${name}: ${queryName} ${takes}`);
  }
  if (/^IRI\b/i.test(parameter.type) && term.termType !== 'NamedNode') {
    throw new QueryParameterError(`parameter ${name}: ${queryName} needs an IRI (${parameter.type}), written <…> or as a prefixed name; "${term.value}" is not one`);
  }
}

function checkFormat(format: string | undefined): ResultFormat | undefined {
  if (format === undefined) return undefined;
  if (!isResultFormat(format)) throw new UsageError(`--format ${format}: choose one of ${[...SOLUTION_FORMATS, ...GRAPH_FORMATS].join(', ')}`);
  return format;
}

function checkTimeout(timeout: string | undefined): number | undefined {
  if (timeout === undefined) return DEFAULT_TIMEOUT_MS;
  if (!/^\d+$/.test(timeout)) throw new UsageError(`--timeout ${timeout}: give a whole number of milliseconds`);
  return Number(timeout) === 0 ? undefined : Number(timeout);
}

function checkMaxSourceBytes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_SOURCE_BYTES;
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--max-source-bytes ${value}: give a whole number of bytes, at least 1`);
  return Number(value);
}

/** The query's own PREFIX declarations, to shorten IRIs in the output as the query does. */
function declaredPrefixes(text: string): Record<string, string> {
  const prefixes: Record<string, string> = {};
  for (const m of text.matchAll(/^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>/gim)) prefixes[m[1] ?? ''] = m[2]!;
  return prefixes;
}

function describe(result: QueryResult): string {
  switch (result.type) {
    case 'bindings': return `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`;
    case 'boolean': return `the answer (${result.value})`;
    case 'quads': return `${result.quads.length} triple${result.quads.length === 1 ? '' : 's'}`;
  }
}
