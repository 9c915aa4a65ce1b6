/**
 * The SPARQL endpoint in front of a backend: each query is parsed and checked here as embedded (syntax
 * errors, updates, SERVICE not allowed: the same answers and statuses), then sent to the store as its
 * text with the request's dataset and our time limit, and its result written with our own formatters, so
 * that the formats, row limit, ETags and caching of the endpoint are the embedded ones. A failing store is
 * a BackendError (502 or 504), which the SPARQL route answers with its status.
 *
 * A query that names no dataset is sent with the store's merged graph (load --into writes it) as its
 * default graph: a store's own union default graph, Virtuoso's or Fuseki's, counts a triple once per graph
 * holding it (src/query/default-graph.ts).
 */
import type { Store } from 'n3';
import { ParseCache } from '../parse-cache.js';
import { checkServices, type QueryForm } from '../parse-query.js';
import { answered, AnswerWriter, taskFailure } from './answer-writer.js';
import type { HtmlAnswers, QueryTask, TaskOutcome } from './types.js';
import { BackendError, type SparqlClient } from './backend-client.js';

export interface BackendQueryConfig {
  base: string;
  /**
   * The store's named graphs under the base, and the graph holding their merge. A request that names no
   * dataset is sent with the merge as its default-graph-uri and the graphs as named-graph-uri: the default
   * graph holds each triple once and GRAPH ranges over the named graphs, as on the embedded endpoint,
   * whatever else the store holds (Virtuoso's system graphs, other datasets).
   */
  graphs: string[];
  mergedGraph: string;
  allowService: string[];
  maxRows: number;
  /** Most bytes an answer may have (default: no limit). */
  maxResultBytes?: number;
  /** The HTML results page (render/html-answer.ts); without it, no text/html answers. */
  html?: HtmlAnswers;
}

/**
 * What the server reports of its query engine; with a backend there are no query processes, only counts
 * of what was sent. A record, so that code reading the pool's statistics reads these alike.
 */
export type BackendStats = Record<string, number> & { processes: 0; completed: number; timedOut: number; failed: number };

export class BackendQueries {
  readonly stats: BackendStats = { processes: 0, completed: 0, timedOut: 0, failed: 0 };
  /** The server's own parses (a backend has no query processes): bounded by bytes as theirs are. */
  private readonly parsed: ParseCache;
  /** Labels for an HTML page come from the start-up snapshot (connect.ts), as embedded from the graph. */
  private readonly answers: AnswerWriter;

  constructor(private readonly client: SparqlClient, store: Store, private readonly config: BackendQueryConfig) {
    this.answers = new AnswerWriter(config, store);
    this.parsed = new ParseCache(config.base);
  }

  /** Throws BackendError when the store fails; every other failure is an outcome, as embedded. */
  async run(task: QueryTask): Promise<TaskOutcome> {
    const started = performance.now();
    try {
      const parsed = this.parsed.parse(task);
      checkServices(parsed, this.config.allowService);
      const chosen = this.answers.formatFor(parsed.form, task.formats);
      const { body, rows } = await this.answer(parsed.form, chosen, task);
      this.stats.completed += 1;
      return answered(parsed.form, chosen, body, rows, started, this.config.maxResultBytes);
    } catch (error) {
      if (error instanceof BackendError) {
        if (error.status === 504) this.stats.timedOut += 1; else this.stats.failed += 1;
        throw error;
      }
      return taskFailure(error);
    }
  }

  async close(): Promise<void> {}

  private async answer(form: QueryForm, mediaType: string, request: QueryTask): Promise<{ body: string; rows: number }> {
    const { graphs, mergedGraph } = this.config;
    const task = { ...request, dataset: request.dataset ?? { defaultGraphs: [mergedGraph], namedGraphs: graphs } };
    if (form === 'ASK') return this.answers.boolean(mediaType, await this.client.ask(task.query, task.dataset), task.query);
    if (form === 'SELECT') {
      const { variables, rows } = await this.client.select(task.query, task.dataset);
      return this.answers.solutions(mediaType, variables, rows, task.query);
    }
    // Every graph format the server offers (core/formats.ts GRAPH_TYPES), RDF/XML, N-Quads and TriG included.
    return this.answers.graphOf(mediaType, await this.client.construct(task.query, task.dataset));
  }
}
