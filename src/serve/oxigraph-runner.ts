/**
 * The server's query runner on Oxigraph (src/query/oxigraph-engine.ts), for the built graph: the same
 * checks, formats, row limit and outcomes as the Comunica runner (run-query.ts), several times faster on the
 * catalogue (bench/engines.ts). What Oxigraph does not answer goes to the Comunica runner unchanged:
 * SERVICE (federation, --allow-service), DESCRIBE (Comunica's DESCRIBE is the documented one), and any
 * query Oxigraph refuses or fails on, so syntax errors, refusals and messages stay Comunica's.
 *
 * Oxigraph returns a result whole: the row limit is checked after evaluation, and a query whose result
 * would not fit is stopped by the query process's memory and time limits (pool.ts), not by the row count.
 */
import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import { vocabulary } from '../iri.js';
import { quadsToMediaType } from '../query/format/quads.js';
import { prefixList } from '../query/format/terms.js';
import type { OxigraphEngine } from '../query/oxigraph-engine.js';
import type { QueryResult } from '../query/types.js';
import { RowLimitError } from './errors.js';
import { Links, type TermContext } from './html.js';
import { checkServices, parseQuery, type Operation } from './parse-query.js';
import { strongEtag } from './respond.js';
import { writeBindings, writeBoolean } from './result-writers.js';
import type { QueryRunner, QueryTask, RunnerConfig, TaskOutcome } from './run-query.js';

/** The variables a SELECT projects, in order: the algebra's outermost projection. */
function projected(operation: Operation): string[] | undefined {
  let node: Operation | undefined = operation;
  while (node !== undefined) {
    if (node.type === 'project') return (node.variables as Array<{ value: string; variable?: { value: string } }>).map((v) => v.variable?.value ?? v.value);
    node = node.input as Operation | undefined;
  }
  return undefined;
}

export class OxigraphRunner {
  private readonly prefixes: Record<string, string>;
  private readonly terms: Omit<TermContext, 'labels'>;

  constructor(private readonly engine: OxigraphEngine, private readonly store: Store, private readonly config: RunnerConfig, private readonly comunica: QueryRunner) {
    this.prefixes = vocabulary(config.base).prefixes;
    this.terms = { links: new Links(config.base), prefixes: prefixList(this.prefixes) };
  }

  async run(task: QueryTask): Promise<TaskOutcome> {
    const started = performance.now();
    let parsed: ReturnType<typeof parseQuery>;
    try {
      parsed = parseQuery(task.query, this.config.base);
      checkServices(parsed, this.config.allowService);
    } catch {
      return this.comunica.run(task); // the same refusal, in Comunica's words
    }
    const form = parsed.form;
    const mediaType = form === 'SELECT' ? task.formats.select : form === 'ASK' ? task.formats.ask : task.formats.graph;
    if (parsed.services.length > 0 || form === 'DESCRIBE' || mediaType === undefined) return this.comunica.run(task);
    let result: QueryResult;
    try {
      result = this.engine.query(task.query, {
        baseIri: this.config.base,
        form,
        variables: form === 'SELECT' ? projected(parsed.operation) : undefined,
        dataset: task.dataset,
        ownDataset: parsed.operation.type === 'from',
      });
    } catch {
      return this.comunica.run(task);
    }
    try {
      const { body, rows } = await this.write(result, mediaType, task.query);
      const bytes = new TextEncoder().encode(body);
      return { ok: true, form, mediaType, body: bytes, etag: strongEtag(bytes), rows, ms: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, kind: error instanceof RowLimitError ? 'rows' : 'query', message };
    }
  }

  private async write(result: QueryResult, mediaType: string, query: string): Promise<{ body: string; rows: number }> {
    const { maxRows } = this.config;
    if (result.type === 'boolean') {
      return { body: writeBoolean(mediaType, query, result.value), rows: 1 };
    }
    if (result.type === 'quads') {
      // A CONSTRUCT gives its template once per solution; the answer is a graph, so each triple once.
      const triples = new Map<string, RDF.Quad>();
      for (const q of result.quads) triples.set(`${key(q.subject)} ${key(q.predicate)} ${key(q.object)}`, q);
      if (triples.size > maxRows) throw new RowLimitError(maxRows, 'triples');
      const quads = [...triples.values()];
      return { body: await quadsToMediaType(quads, mediaType, this.prefixes), rows: quads.length };
    }
    if (result.rows.length > maxRows) throw new RowLimitError(maxRows, 'rows');
    return { body: writeBindings(mediaType, result.variables, result.rows, query, { store: this.store, base: this.config.base, terms: this.terms }), rows: result.rows.length };
  }

}

function key(term: RDF.Term): string {
  return term.termType === 'Literal' ? `"${term.value}"@${term.language}^^${term.datatype.value}` : `${term.termType}:${term.value}`;
}
