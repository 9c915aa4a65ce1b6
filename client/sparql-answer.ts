/**
 * One SPARQL 1.1 Protocol request answered (GET ?query=, POST form or application/sparql-query), for the
 * static site's service worker (client/sparql-sw.ts): the query run by Comunica over the graph, the
 * answer written as serve writes it. The same engine and context as serve (the default graph is the
 * store's own, which the worker fills with the merge of the named graphs: src/query/default-graph.ts), the same answer writer (src/serialize/sparql-results/write-answer.ts) and offers (src/core/formats.ts), the same syntax-error messages, the
 * same graph formats but RDF/XML (whose writer needs rdflib).
 */
import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import type { QueryEngine } from '@comunica/query-sparql-rdfjs-lite';
import { negotiate } from '../src/serve/accept.js';
import { contentType, formatsFor, type FormatUse } from '../src/core/formats.js';
import { booleanText, graphText, solutionsText } from '../src/serialize/sparql-results/write-answer.js';
import { toQuerySyntaxError } from '../src/query/syntax-error.js';
import type { BindingRow } from '../src/serialize/sparql-results/result-types.js';
import { errorAnswer, type Answer } from './answers.js';

/** serve's offers for a kind of answer (src/core/formats.ts), those the worker writes: no HTML, no RDF/XML (its writer needs rdflib). */
const workerOffers = (use: FormatUse): string[] => formatsFor(use).filter((f) => f.offeredFor.includes('worker')).map((f) => f.mediaType);
export const SELECT_TYPES = workerOffers('select');
export const ASK_TYPES = workerOffers('ask');
export const GRAPH_TYPES = workerOffers('graph');

/** What a query runs on: the engine, the graph (when loaded) and its prefixes (for Turtle, TriG, JSON-LD). */
export interface Endpoint { engine: () => QueryEngine; graph: () => Promise<Store>; prefixes: Record<string, string> }

async function readQuery(request: Request, url: URL): Promise<string | Answer> {
  if (request.method === 'GET') return url.searchParams.get('query') ?? '';
  if (request.method !== 'POST') return errorAnswer(405, 'this endpoint is read-only: queries are sent by GET or POST');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(await request.text());
    if (params.has('update')) return errorAnswer(403, 'this endpoint is read-only: SPARQL Update is not accepted');
    return params.get('query') ?? '';
  }
  if (type === 'application/sparql-query') return request.text();
  return errorAnswer(415, `a query is POSTed as application/sparql-query or application/x-www-form-urlencoded, not ${type || 'a body without Content-Type'}`);
}

export async function answer(request: Request, url: URL, endpoint: Endpoint): Promise<Answer> {
  const query = await readQuery(request, url);
  if (typeof query !== 'string') return query;
  if (query.trim() === '') return errorAnswer(400, 'the "query" parameter is empty');
  const accept = request.headers.get('accept') ?? undefined;
  performance.mark('asm:query-start');
  const started = performance.now();
  const sources = await endpoint.graph();
  let result;
  try {
    result = await endpoint.engine().query(query, { sources: [sources] });
  } catch (error) {
    return errorAnswer(400, syntaxMessage(error, query));
  }
  const ok = (type: string, body: string): Answer => ({
    status: 200, statusText: 'OK', body,
    headers: [['Content-Type', contentType(type)], ['Server-Timing', `query;dur=${(performance.now() - started).toFixed(1)}`]],
  });
  switch (result.resultType) {
    case 'bindings': {
      const type = negotiate(accept, SELECT_TYPES);
      if (type === undefined) return errorAnswer(406, `query results can be had as ${SELECT_TYPES.join(', ')}`);
      // Comunica gives { variable, canBeUndef } (older versions the variable itself).
      const metadata = (await result.metadata()) as { variables: Array<{ variable: RDF.Variable } | RDF.Variable> };
      const variables = metadata.variables.map((v) => ('variable' in v ? v.variable : v).value);
      const rows: BindingRow[] = [];
      for await (const bindings of (await result.execute()) as AsyncIterable<RDF.Bindings>) {
        const row: BindingRow = {};
        for (const [variable, term] of bindings) row[variable.value] = term;
        rows.push(row);
      }
      return ok(type, solutionsText(type, variables, rows));
    }
    case 'boolean': {
      const type = negotiate(accept, ASK_TYPES);
      if (type === undefined) return errorAnswer(406, `an ASK answer can be had as ${ASK_TYPES.join(', ')}`);
      const value = await result.execute();
      return ok(type, booleanText(type, value));
    }
    case 'quads': {
      const type = negotiate(accept, GRAPH_TYPES);
      if (type === undefined) return errorAnswer(406, `a graph can be had as ${GRAPH_TYPES.join(', ')}`);
      const quads: RDF.Quad[] = [];
      for await (const quad of (await result.execute()) as AsyncIterable<RDF.Quad>) quads.push(quad);
      return ok(type, await graphText(quads, type, endpoint.prefixes));
    }
    default:
      return errorAnswer(403, 'this endpoint is read-only: SPARQL Update is not accepted');
  }
}

/** A parse error as serve words it (src/query/runners/comunica.ts): "syntax error at line L, column C: what was expected". */
function syntaxMessage(error: unknown, query: string): string {
  if (error instanceof Error && /^(?:Parse error|unexpected character)/.test(error.message)) {
    const syntax = toQuerySyntaxError(error, query, 'query');
    const where = syntax.line === undefined ? '' : ` at line ${syntax.line}, column ${syntax.column ?? 1}`;
    return `syntax error${where}: ${syntax.reason}`;
  }
  return error instanceof Error ? error.message : String(error);
}
