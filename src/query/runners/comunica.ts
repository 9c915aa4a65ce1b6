/**
 * Runs one query of the SPARQL endpoint, inside a query process (query-process.ts, through evaluate.ts):
 * parse once (cached by the hash of the query text, the cache bounded in bytes), check (update,
 * SERVICE), pick the result format, run with Comunica over the read-only store, stop at the row limit,
 * and write the result with the query API's formatters.
 *
 * The query API's `query()` (src/query/engine.ts) collects whole results and always queries the store's
 * default graph (the merge of the named graphs, src/query/default-graph.ts); the server needs a request's dataset, a row limit that stops the stream instead of
 * truncating it afterwards, and the algebra it already parsed and checked. So this module drives the same
 * Comunica engines directly, and reuses the rest of the query API: the syntax errors, the formatters and
 * the result types.
 */
import type { Store } from 'n3';
import type { ComunicaEngine, ComunicaResult, ResultStream } from '../comunica-types.js';
import { comunicaEngine } from '../engine.js';
import { serviceFetch } from '../service-fetch.js';
import type { BindingRow } from '../types.js';
import { RowLimitError, UpdateRefusedError } from '../errors.js';
import { ParseCache } from '../parse-cache.js';
import { answered, AnswerWriter, taskFailure } from './answer-writer.js';
import { SPARQL_JSON, TURTLE } from '../../core/formats.js';
import type { NegotiatedFormats, QueryTask, RunnerConfig, TaskOutcome } from './types.js';
import { checkServices, withDataset, type Operation } from '../parse-query.js';
import { readOnlySource, type ReadOnlySource } from '../read-only-source.js';

type Engine = ComunicaEngine<Operation>;

export class QueryRunner {
  private readonly source: ReadOnlySource;
  private readonly parsed: ParseCache;
  private readonly answers: AnswerWriter;
  /** What SERVICE calls go through: redirects only to allowed endpoints. */
  private readonly fetch: typeof fetch;

  constructor(store: Store, private readonly config: RunnerConfig) {
    this.source = readOnlySource(store);
    this.parsed = new ParseCache(config.base, config.parseCacheBytes);
    this.answers = new AnswerWriter(config, store);
    this.fetch = serviceFetch(config.allowService);
  }

  /** The estimated bytes of the parsed queries kept for reuse (bounded by parseCacheBytes). */
  get parseCacheBytes(): number { return this.parsed.totalBytes; }

  /** Loads the engine and runs a query of each form once, so that the first real query meets a warm engine. */
  async warm(): Promise<void> {
    const formats: NegotiatedFormats = { select: SPARQL_JSON, ask: SPARQL_JSON, graph: TURTLE };
    for (const query of ['SELECT ?s ?label WHERE { ?s a ?type ; ?p ?label . FILTER(isLiteral(?label)) } ORDER BY ?s LIMIT 20',
      'ASK { ?s ?p ?o }', 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 20']) {
      await this.run({ query, key: `warm:${query}`, formats });
    }
    this.parsed.clear();
    // The engine that can call SERVICE endpoints loads only where some are allowed.
    if (this.config.allowService.length > 0) await this.engine(true);
  }

  async run(task: QueryTask): Promise<TaskOutcome> {
    const started = performance.now();
    try {
      const parsed = this.parsed.parse(task);
      checkServices(parsed, this.config.allowService);
      const mediaType = this.answers.formatFor(parsed.form, task.formats);
      const engine = await this.engine(parsed.services.length > 0);
      const context = parsed.services.length > 0 ? { sources: [this.source], fetch: this.fetch } : { sources: [this.source] };
      const result = await engine.query(withDataset(parsed.operation, task.dataset), context);
      const { body, rows } = await this.write(result, mediaType, task.query);
      return answered(parsed.form, mediaType, body, rows, started, this.config.maxResultBytes);
    } catch (error) {
      return taskFailure(error);
    }
  }

  /** The rdfjs-lite engine, or the full one (which can call SERVICE endpoints) for a query that needs it. */
  private engine(federated: boolean): Promise<Engine> {
    return comunicaEngine<Operation>(federated);
  }

  private async write(result: ComunicaResult, mediaType: string, query: string): Promise<{ body: string; rows: number }> {
    const { maxRows } = this.config;
    const answers = this.answers;
    switch (result.resultType) {
      case 'bindings': {
        const metadata = await result.metadata();
        const variables = metadata.variables.map((v) => ('variable' in v ? v.variable.value : v.value));
        const rows: BindingRow[] = [];
        const complete = await collect(await result.execute(), maxRows, (bindings) => {
          const row: BindingRow = {};
          for (const [variable, term] of bindings) row[variable.value] = term;
          rows.push(row);
          return rows.length;
        });
        if (!complete) throw new RowLimitError(maxRows, 'rows');
        return answers.solutions(mediaType, variables, rows, query);
      }
      case 'boolean':
        return answers.boolean(mediaType, await result.execute(), query);
      case 'quads': {
        // Each triple once; the stream stops as soon as there are more than the limit.
        const triples = answers.triples();
        const complete = await collect(await result.execute(), maxRows, (q) => triples.add(q));
        if (!complete) throw new RowLimitError(maxRows, 'triples');
        return answers.graph(mediaType, triples);
      }
      default:
        throw new UpdateRefusedError('the request is a SPARQL Update, and only queries are accepted');
    }
  }

}

/**
 * Reads a result stream, calling `add` for each item; `add` returns how many items there are now. Stops
 * and destroys the stream (so that the engine stops working) as soon as there are more than `limit`.
 * Resolves true when the stream ended within the limit.
 */
function collect<T>(stream: ResultStream<T>, limit: number, add: (item: T) => number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let done = false;
    stream.on('data', (item) => {
      if (done) return;
      if (add(item) > limit) { done = true; stream.destroy(); resolve(false); }
    });
    stream.on('error', (error) => { if (!done) { done = true; reject(error); } });
    stream.on('end', () => { if (!done) { done = true; resolve(true); } });
  });
}

