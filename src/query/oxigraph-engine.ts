/**
 * Oxigraph (the `oxigraph` npm package, Rust compiled to WebAssembly) as an in-process engine for the built
 * graph: the N-Quads dump loaded into an Oxigraph store, queried with the same dataset the Comunica set-up
 * gives (src/query/engine.ts, src/query/runners/comunica.ts): without a FROM or a request dataset, the default
 * graph is the store's own, which fromNQuads fills with the merge of the named graphs, each triple once
 * (src/query/default-graph.ts; not `use_default_graph_as_union`, which matches a triple once per named
 * graph holding it); a request's default-graph-uri / named-graph-uri replace the query's own FROM / FROM
 * NAMED, as the SPARQL protocol says.
 *
 * It answers what it can, whole (the package returns complete results, it does not stream); the caller
 * keeps Comunica for the rest: SERVICE (federation), DESCRIBE (Comunica's DESCRIBE is what the server
 * promises), and anything Oxigraph refuses to parse. Results come back in the query API's shapes
 * (QueryResult), with N3 copies of Oxigraph's terms, or (querySerialised) as Oxigraph writes them itself.
 *
 * A WebAssembly trap (`RuntimeError: unreachable`: the Rust code aborted, on a failed allocation when the
 * memory reached its cap, or on a panic) comes back as OxigraphTrapError. After one the store is no longer
 * sound (measured: `ASK { ?s ?p ?o }` then answers false), so whoever catches it must stop using this engine.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import * as oxigraph from 'oxigraph';
import { MERGE_INTO_DEFAULT_GRAPH } from './default-graph.js';
import type { BindingRow, QueryResult } from './types.js';

export interface OxigraphDataset {
  defaultGraphs: string[];
  namedGraphs: string[];
}

export interface OxigraphQueryOptions {
  baseIri: string;
  /** The query's form (an empty CONSTRUCT and an empty SELECT both come back as []). */
  form: 'SELECT' | 'ASK' | 'CONSTRUCT';
  /** The variables a SELECT projects, in order (the caller parsed the query; Oxigraph's rows are maps). */
  variables?: string[];
  /** The request's dataset, replacing the query's FROM / FROM NAMED. */
  dataset?: OxigraphDataset;
}

/** Oxigraph's WebAssembly code aborted: the engine is unusable from now on (see the module comment). */
export class OxigraphTrapError extends Error {
  /** The Rust panic message Oxigraph printed before the trap, if any; none means a failed allocation. */
  readonly panic: string | undefined;
  constructor(trap: Error, panic: string | undefined) {
    super(panic === undefined ? `Oxigraph ran out of memory (WebAssembly ${trap.name}: ${trap.message})` : `Oxigraph failed: ${panic}`);
    this.name = 'OxigraphTrapError';
    this.panic = panic;
  }
}

export class OxigraphEngine {
  private constructor(private readonly store: oxigraph.Store) {}

  /**
   * A store holding the quads of an N-Quads document (the release's dump). `lenient` skips the checks of
   * each term (the dump is ours and valid). In one transaction, not with `no_transaction`: the bulk loader
   * that option selects grows the WebAssembly memory to 165 MB for our 0.9 MB dump, the transaction to 4.6 MB,
   * at the same speed (measured with the oxigraph package 0.5.11).
   *
   * The default graph is then filled with the merge of the named graphs, what the queries see as the
   * default graph; `mergeDefaultGraph: false` keeps the store as the document has it (the build's check
   * that terms come back as written reads every quad back).
   */
  static fromNQuads(nquads: string, { mergeDefaultGraph = true }: { mergeDefaultGraph?: boolean } = {}): OxigraphEngine {
    const store = new oxigraph.Store();
    store.load(nquads, { format: 'application/n-quads', lenient: true });
    if (mergeDefaultGraph) trapped(() => store.update(MERGE_INTO_DEFAULT_GRAPH));
    return new OxigraphEngine(store);
  }

  get size(): number {
    return this.store.size;
  }

  /** Every object of (subject, predicate) in any graph: what an HTML results page needs for labels. */
  objects(subject: string, predicate: string): RDF.Term[] {
    return trapped(() => this.store.match(oxigraph.namedNode(subject), oxigraph.namedNode(predicate), null, null).map((q) => q.object as RDF.Term));
  }

  /**
   * Every quad of the store as Oxigraph writes it, N-Quads: what the build's literal check reads back.
   * As text, not as JavaScript terms: a build made some 78,000 of those at a million triples, and a
   * build crashed in V8's deoptimizer about once in twenty runs of the check while it did (docs/scale.md, "A crash in V8, and how the build avoids it").
   */
  nquads(): string {
    return trapped(() => this.store.dump({ format: 'application/n-quads' }));
  }

  /** Every quad of the store (the build's check that terms come back as written). */
  quads(): RDF.Quad[] {
    return trapped(() => this.store.match(null, null, null, null) as unknown as RDF.Quad[]);
  }

  /** Evaluates a SELECT, ASK or CONSTRUCT; throws Oxigraph's error (a syntax or evaluation error) as it is. */
  query(text: string, options: OxigraphQueryOptions): QueryResult {
    const result = trapped(() => this.store.query(text, storeOptions(options)));
    if (typeof result === 'boolean') return { type: 'boolean', value: result };
    if (typeof result === 'string') throw new Error('Oxigraph returned serialised results');
    if (options.form === 'CONSTRUCT') {
      const quads = (result as oxigraph.Quad[]).map((q) => DataFactory.quad(plain(q.subject) as RDF.Quad_Subject, plain(q.predicate) as RDF.Quad_Predicate, plain(q.object) as RDF.Quad_Object));
      return { type: 'quads', quads: quads as unknown as Extract<QueryResult, { type: 'quads' }>['quads'] };
    }
    const rows = (result as Array<Map<string, oxigraph.Term>>).map((solution) => {
      const row: BindingRow = {};
      for (const [name, term] of solution) row[name] = plain(term) as BindingRow[string];
      return row;
    });
    return { type: 'bindings', variables: options.variables ?? [...new Set(rows.flatMap((row) => Object.keys(row)))], rows };
  }

  /**
   * Evaluates a SELECT with Oxigraph writing the answer itself in `resultsFormat` (a SPARQL results media
   * type), inside its WebAssembly code: no JavaScript object per term or per solution is made, which is most
   * of what `query` costs beyond the evaluation (measured: a third of the served time of a 170-row answer).
   */
  querySerialised(text: string, options: Omit<OxigraphQueryOptions, 'form' | 'variables'>, resultsFormat: string): string {
    const result = trapped(() => this.store.query(text, { ...storeOptions(options), results_format: resultsFormat }));
    if (typeof result !== 'string') throw new Error('Oxigraph did not write the results (not a SELECT or an ASK?)');
    return result;
  }
}

/** The store's query options for a dataset: the request's, the query's own, or the store's default graph (the merge). */
function storeOptions(options: Pick<OxigraphQueryOptions, 'baseIri' | 'dataset'>): NonNullable<Parameters<oxigraph.Store['query']>[1]> {
  const queryOptions: NonNullable<Parameters<oxigraph.Store['query']>[1]> = { base_iri: options.baseIri };
  if (options.dataset !== undefined) {
    queryOptions.default_graph = options.dataset.defaultGraphs.map((iri) => oxigraph.namedNode(iri));
    queryOptions.named_graphs = options.dataset.namedGraphs.map((iri) => oxigraph.namedNode(iri));
  }
  return queryOptions;
}

/**
 * An Oxigraph term as a plain N3 term. Each property of an Oxigraph term is read from WebAssembly memory
 * (a string copied out on every access), and the result writers read them many times: copied once here,
 * a 170-row answer is written in a few milliseconds instead of 60 (measured on remedies-for-obstacles).
 */
function plain(term: oxigraph.Term | RDF.Term): RDF.Term {
  switch (term.termType) {
    case 'NamedNode': return DataFactory.namedNode(term.value);
    case 'BlankNode': return DataFactory.blankNode(term.value);
    case 'Literal': {
      const literal = term as oxigraph.Literal;
      const language = literal.language;
      return language === '' ? DataFactory.literal(literal.value, DataFactory.namedNode(literal.datatype.value)) : DataFactory.literal(literal.value, language);
    }
    case 'DefaultGraph': return DataFactory.defaultGraph();
    case 'Quad': {
      const q = term as unknown as oxigraph.Quad;
      return DataFactory.quad(plain(q.subject) as RDF.Quad_Subject, plain(q.predicate) as RDF.Quad_Predicate, plain(q.object) as RDF.Quad_Object) as unknown as RDF.Term;
    }
    default: return DataFactory.variable(term.value);
  }
}

/**
 * Runs a call into Oxigraph; a WebAssembly trap becomes OxigraphTrapError. Oxigraph's panic hook prints
 * the panic's message with console.error just before the trap, so console.error is watched during the
 * call (a failed allocation prints nothing: that is how the two are told apart).
 */
function trapped<T>(call: () => T): T {
  const printed = console.error;
  let panic: string | undefined;
  console.error = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (/panicked at/.test(text)) panic = text;
    printed(...args);
  };
  try {
    return call();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) throw new OxigraphTrapError(error, panic);
    throw error;
  } finally {
    console.error = printed;
  }
}
