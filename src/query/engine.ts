/**
 * query: runs SPARQL over a loaded graph with Comunica and collects the answer as typed values.
 *
 * The engine is @comunica/query-sparql-rdfjs-lite over the N3 Store, built once per process and loaded
 * only when the first query runs (loading Comunica is most of a query command's start-up). When the graph
 * has SPARQL endpoints among its sources, the full @comunica/query-sparql engine, which can talk to them,
 * is loaded instead, and only then. Both query the store's own default graph, which loadGraph fills with
 * the merge of the named graphs, each triple once (src/query/default-graph.ts): not Comunica's
 * `unionDefaultGraph`, which matches a triple once per named graph holding it.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { QueryError, QueryParameterError, QueryTimeoutError } from '../core/errors.js';
import { quadKey } from '../core/term-key.js';
import type { ComunicaEngine, ComunicaResult, ResultStream } from './comunica-types.js';

type Engine = ComunicaEngine;
import { deferComunicaRunner } from './defer-runner.js';
import { bindParameters } from './params.js';
import { QueryRun } from './query-run.js';
import { isParseError, toQuerySyntaxError } from './syntax-error.js';
import type { BindingRow, QueryGraph, QueryOptions, QueryResult } from './types.js';

let liteEngine: Promise<unknown> | undefined;
let fullEngine: Promise<unknown> | undefined;

/**
 * This process's Comunica engine, built on first use: the rdfjs-lite engine, or for federation (SPARQL
 * endpoints, SERVICE) the full one. Either way @comunica/runner, which an engine built in code never uses,
 * is deferred. `Q` is what the caller passes as the query: text, or an algebra it parsed itself.
 */
export function comunicaEngine<Q = string>(federated: boolean): Promise<ComunicaEngine<Q>> {
  if (!federated) {
    liteEngine ??= (async () => {
      deferComunicaRunner('@comunica/query-sparql-rdfjs-lite');
      const { QueryEngine } = await import('@comunica/query-sparql-rdfjs-lite');
      return new QueryEngine();
    })();
    return liteEngine as Promise<ComunicaEngine<Q>>;
  }
  fullEngine ??= (async () => {
    deferComunicaRunner('@comunica/query-sparql');
    const { QueryEngine } = await import('@comunica/query-sparql');
    return new QueryEngine();
  })();
  return fullEngine as Promise<ComunicaEngine<Q>>;
}

const engineFor = (graph: QueryGraph): Promise<Engine> => comunicaEngine(graph.endpoints.length > 0);

/** Bindings as Comunica wants them for `initialBindings` (its own immutable.js-backed class). */
async function initialBindings(terms: Array<[string, RDF.Term]>): Promise<RDF.Bindings> {
  const { BindingsFactory } = await import('@comunica/utils-bindings-factory');
  const factory = new BindingsFactory(DataFactory as unknown as ConstructorParameters<typeof BindingsFactory>[0]);
  return factory.bindings(terms.map(([name, term]) => [DataFactory.variable(name), term]));
}

/**
 * Runs `sparql` over `graph`. Parameters are bound as RDF terms through Comunica's initialBindings (the
 * variables are replaced by the terms in the parsed query, never in its text). Throws QuerySyntaxError,
 * QueryParameterError, QueryTimeoutError or QueryError.
 */
export async function query(graph: QueryGraph, sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
  const name = options.name ?? 'query';
  const bound = bindParameters(name, sparql, options.params ?? {});
  const engine = await engineFor(graph);
  const run = new QueryRun();
  const context: Record<string, unknown> = {
    sources: [run.source(graph.store), ...graph.endpoints.map((url) => ({ type: 'sparql', value: url }))],
    httpAbortSignal: run.signal,
  };
  if (bound.length > 0) context.initialBindings = await initialBindings(bound);

  // The time limit counts from here: loading the engine is start-up, not the query.
  const work = evaluate(engine, sparql, context, name, run);
  if (options.timeoutMs === undefined) return work;
  const timeoutMs = options.timeoutMs;
  return new Promise<QueryResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      run.stop();
      reject(new QueryTimeoutError(name, timeoutMs));
    }, timeoutMs);
    work.then(
      (result) => { clearTimeout(timer); resolve(result); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

async function evaluate(engine: Engine, sparql: string, context: Record<string, unknown>, name: string, run: QueryRun): Promise<QueryResult> {
  let result: ComunicaResult;
  try {
    result = await engine.query(sparql, context);
  } catch (error) {
    throw translateError(error, sparql, name);
  }
  try {
    switch (result.resultType) {
      case 'bindings': {
        const variables = (await result.metadata()).variables.map((v) => ('variable' in v ? v.variable : v));
        const rows = await collect(run.watch(await result.execute()), toRow);
        return { type: 'bindings', variables: variables.map((v) => v.value), rows };
      }
      case 'quads': {
        // A CONSTRUCT gives its template once per solution; the answer is a graph, so each triple once.
        const quads = new Map<string, RDF.Quad>();
        await collect(run.watch(await result.execute()), (q) => { quads.set(quadKey(q), q); });
        return { type: 'quads', quads: [...quads.values()] };
      }
      case 'boolean':
        return { type: 'boolean', value: await result.execute() };
      default:
        throw new QueryError(`${name}: SPARQL Update is not supported; the graph is read-only`);
    }
  } catch (error) {
    throw run.stopped ? error : translateError(error, sparql, name);
  }
}

function collect<T, R>(stream: ResultStream<T>, map: (item: T) => R): Promise<R[]> {
  return new Promise((resolve, reject) => {
    const items: R[] = [];
    stream.on('data', (item) => { items.push(map(item)); });
    stream.on('error', reject);
    stream.on('end', () => resolve(items));
  });
}

function toRow(bindings: RDF.Bindings): BindingRow {
  const row: BindingRow = {};
  for (const [variable, term] of bindings) row[variable.value] = term;
  return row;
}

function translateError(error: unknown, sparql: string, name: string): Error {
  if (error instanceof QueryError || error instanceof QueryParameterError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // initialBindings refuses a parameter the query assigns itself (checked first: it happens while parsing).
  const assigned = /^Tried to bind (?:variable )?\?(\S+) in an? (.+?)\.$/.exec(message);
  if (assigned) {
    return new QueryParameterError(`parameter ${assigned[1]}: ${name} assigns ?${assigned[1]} itself (in ${assigned[2]!.replace(/ (operator|aggregate)$/, '')}), so it cannot be given a value`);
  }
  if (isParseError(error)) return toQuerySyntaxError(error, sparql, name);
  return new QueryError(`${name}: ${message}`);
}
