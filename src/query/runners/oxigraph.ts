/**
 * The server's query runner on Oxigraph (src/query/oxigraph-engine.ts), for the built graph: the same
 * checks, formats, row limit and outcomes as the Comunica runner (comunica.ts), several times faster on the
 * catalogue (bench/engines.ts). What Oxigraph does not answer goes to the Comunica runner, which is started
 * on first need only (importing Comunica and building its N3 store is most of a query process's start):
 * SERVICE (federation, --allow-service), DESCRIBE (Comunica's DESCRIBE is the documented one), and any
 * query Oxigraph refuses or fails on. Syntax errors, updates, refused SERVICE endpoints and unacceptable
 * formats are answered here, from the same parser (parse-query.ts) and in the same words as the Comunica
 * runner, without starting Comunica.
 *
 * A SELECT answered in SPARQL JSON is written by Oxigraph itself (JSON_TYPES below), its solutions counted
 * in the text (json-rows.ts); every other answer is written by our writers from Oxigraph's terms.
 *
 * Oxigraph returns a result whole: a SELECT is sent with its outermost LIMIT lowered to one more than the
 * row limit (parse-query.ts withLimit), so that it stops there; a CONSTRUCT (whose distinct triples a LIMIT
 * on solutions cannot count) is checked after evaluation, and one whose result would not fit is stopped by
 * the query process's memory and time limits. A WebAssembly trap (Oxigraph's memory reached its cap, or a
 * panic) leaves the engine unsound: `onTrap` is told (the query process then ends, so that the pool
 * replaces it), and this runner hands every later query to Comunica.
 */
import { OxigraphTrapError, type OxigraphEngine } from '../oxigraph-engine.js';
import type { QueryResult } from '../types.js';
import { RowLimitError } from '../errors.js';
import type { LabelStore } from '../../rdf/label-store.js';
import { countJsonBindings } from '../../serialize/sparql-results/json-rows.js';
import { ParseCache } from '../parse-cache.js';
import { SPARQL_JSON, TURTLE } from '../../core/formats.js';
import { checkServices, withLimit, type Operation, type ParsedQuery } from '../parse-query.js';
import { answered, AnswerWriter, taskFailure } from './answer-writer.js';
import type { QueryRunner } from './comunica.js';
import type { QueryTask, RunnerConfig, TaskOutcome } from './types.js';

/**
 * The media types of a SELECT answer that Oxigraph writes itself (SPARQL JSON): its writer gives the same
 * answer as ours (results-json.ts) without a JavaScript object per term, which is most of what the
 * answer cost beyond Oxigraph's evaluation (bench/served-path.ts). The other formats keep our writers:
 * CSV and TSV byte for byte as the Comunica runner writes them, XML with its hardening for control
 * characters, HTML with its labels.
 */
const JSON_TYPES = new Set([SPARQL_JSON, 'application/json']);

export interface OxigraphRunnerOptions {
  /** The Comunica runner for what Oxigraph does not answer, started on the first call. */
  comunica: () => Promise<QueryRunner>;
  /** Told when Oxigraph trapped; the query process ends there (evaluate.ts). */
  onTrap?: (error: OxigraphTrapError) => void;
}

/** The variables a SELECT projects, in order: the algebra's outermost projection. */
export function projected(operation: Operation): string[] | undefined {
  let node: Operation | undefined = operation;
  while (node !== undefined) {
    if (node.type === 'project') return (node.variables as Array<{ value: string; variable?: { value: string } }>).map((v) => v.variable?.value ?? v.value);
    node = node.input as Operation | undefined;
  }
  return undefined;
}

export class OxigraphRunner {
  private readonly answers: AnswerWriter;
  private readonly parsed: ParseCache;
  private comunicaRunner: Promise<QueryRunner> | undefined;
  /** Set after a trap: Oxigraph's store is no longer sound. */
  private broken = false;

  constructor(private readonly engine: OxigraphEngine, private readonly config: RunnerConfig, private readonly options: OxigraphRunnerOptions) {
    const labels: LabelStore = { getObjects: (subject, predicate) => engine.objects(subject.value, predicate.value) };
    this.answers = new AnswerWriter(config, labels);
    this.parsed = new ParseCache(config.base, config.parseCacheBytes);
  }

  /** Whether Comunica has been started (for the measurements of a process's start). */
  get comunicaStarted(): boolean { return this.comunicaRunner !== undefined; }

  /** Runs a query of each form once, so that the first real query meets warm code paths. */
  async warm(): Promise<void> {
    const formats = { select: SPARQL_JSON, ask: SPARQL_JSON, graph: TURTLE };
    for (const query of ['SELECT ?s ?label WHERE { ?s a ?type ; ?p ?label . FILTER(isLiteral(?label)) } ORDER BY ?s LIMIT 20',
      'ASK { ?s ?p ?o }', 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 20']) {
      await this.run({ query, key: `warm:${query}`, formats });
    }
    this.parsed.clear();
  }

  /**
   * Starts and warms the Comunica runner now rather than on the first query that needs it: where SERVICE
   * endpoints are allowed, the federated engine takes seconds to load, and a first SERVICE query would
   * spend them out of its time limit (as before 0.2.1, the engine that can call endpoints then loads at start).
   */
  async startComunica(): Promise<void> {
    await (await this.comunica()).warm();
  }

  async run(task: QueryTask): Promise<TaskOutcome> {
    const started = performance.now();
    let parsed: ParsedQuery;
    let mediaType: string;
    try {
      parsed = this.parsed.parse(task);
      checkServices(parsed, this.config.allowService);
      if (parsed.services.length > 0 || parsed.form === 'DESCRIBE' || this.broken) return (await this.comunica()).run(task);
      mediaType = this.answers.formatFor(parsed.form, task.formats);
    } catch (error) {
      // The Comunica runner would parse the same text with the same parser and answer in these words.
      return taskFailure(error);
    }
    const form = parsed.form as 'SELECT' | 'ASK' | 'CONSTRUCT';
    const serialised = form === 'SELECT' && JSON_TYPES.has(mediaType);
    let result: QueryResult | string;
    try {
      const limited = form === 'SELECT' && parsed.limit !== undefined ? withLimit(task.query, parsed.limit, this.config.maxRows + 1) : task.query;
      const options = { baseIri: this.config.base, dataset: task.dataset };
      result = serialised
        ? this.engine.querySerialised(limited, options, SPARQL_JSON)
        : this.engine.query(limited, { ...options, form, variables: form === 'SELECT' ? projected(parsed.operation) : undefined });
    } catch (error) {
      if (error instanceof OxigraphTrapError) {
        this.broken = true;
        this.options.onTrap?.(error);
        return { ok: false, kind: 'query', message: error.message };
      }
      return (await this.comunica()).run(task); // a query Oxigraph refuses: Comunica's answer, or its words
    }
    try {
      const { body, rows } = typeof result === 'string' ? this.counted(result) : await this.write(result, mediaType, task.query);
      return answered(form, mediaType, body, rows, started, this.config.maxResultBytes);
    } catch (error) {
      return taskFailure(error);
    }
  }

  private comunica(): Promise<QueryRunner> {
    this.comunicaRunner ??= this.options.comunica();
    return this.comunicaRunner;
  }

  /** A SELECT's answer as Oxigraph wrote it in SPARQL JSON, with its solutions counted against the row limit. */
  private counted(body: string): { body: string; rows: number } {
    const rows = countJsonBindings(body);
    if (rows > this.config.maxRows) throw new RowLimitError(this.config.maxRows, 'rows');
    return { body, rows };
  }

  private async write(result: QueryResult, mediaType: string, query: string): Promise<{ body: string; rows: number }> {
    if (result.type === 'boolean') return this.answers.boolean(mediaType, result.value, query);
    if (result.type === 'quads') return this.answers.graphOf(mediaType, result.quads);
    return this.answers.solutions(mediaType, result.variables, result.rows, query);
  }
}
