/**
 * The answer of a query in the negotiated media type, and a failed task as the outcome the route turns
 * into a status: the one answer writer of the three runners that answer queries (Comunica over the built
 * graph, Oxigraph over the built graph, a backend SPARQL store), so that they cannot drift apart. It
 * chooses the format among the table's offers for the query's form, applies the row limit, dedupes a
 * graph's triples (serialize/sparql-results/write-answer.ts, the writer the CLI and the static site use
 * too) and hands text/html to the HTML results page it was given (render/html-answer.ts, by serve).
 */
import type * as RDF from '@rdfjs/types';
import { QuerySyntaxError } from '../../core/errors.js';
import { strongEtag } from '../../core/etag.js';
import { vocabulary } from '../../core/iri.js';
import type { LabelStore } from '../../rdf/label-store.js';
import { booleanText, DistinctTriples, solutionsText } from '../../serialize/sparql-results/write-answer.js';
import { quadsToMediaType } from '../../serialize/quads.js';
import type { BindingRow } from '../types.js';
import { NotAcceptableError, ResultSizeError, RowLimitError, ServiceRefusedError, UpdateRefusedError } from '../errors.js';
import { ASK_TYPES, GRAPH_TYPES, HTML, SELECT_TYPES } from '../../core/formats.js';
import type { QueryForm } from '../parse-query.js';
import type { HtmlAnswers, NegotiatedFormats, RunnerConfig, TaskOutcome } from './types.js';

/** What each form of query can be answered in (core/formats.ts), the server's preference first. */
export const OFFERS: Record<QueryForm, readonly string[]> = { SELECT: SELECT_TYPES, ASK: ASK_TYPES, CONSTRUCT: GRAPH_TYPES, DESCRIBE: GRAPH_TYPES };

/** A runner's answer writer: its prefixes, its labels and HTML page, its row limit, made once. */
export class AnswerWriter {
  readonly prefixes: Record<string, string>;
  readonly maxRows: number;
  private readonly html: HtmlAnswers | undefined;

  constructor(config: Pick<RunnerConfig, 'base' | 'maxRows' | 'html'>, private readonly labels: LabelStore) {
    this.prefixes = vocabulary(config.base).prefixes;
    this.maxRows = config.maxRows;
    this.html = config.html;
  }

  /**
   * The negotiated format for the query's form, or NotAcceptableError listing what the form can be given
   * in (text/html only with an HTML results page).
   */
  formatFor(form: QueryForm, formats: NegotiatedFormats): string {
    const chosen = form === 'SELECT' ? formats.select : form === 'ASK' ? formats.ask : formats.graph;
    const offers = this.html === undefined ? OFFERS[form].filter((type) => type !== HTML) : OFFERS[form];
    if (chosen === undefined || (chosen === HTML && this.html === undefined)) throw new NotAcceptableError(offers);
    return chosen;
  }

  /** A SELECT's solutions, or RowLimitError past the limit. */
  solutions(mediaType: string, variables: string[], rows: BindingRow[], query: string): { body: string; rows: number } {
    if (rows.length > this.maxRows) throw new RowLimitError(this.maxRows, 'rows');
    const body = mediaType === HTML ? this.htmlAnswers().solutions(query, variables, rows, this.labels) : solutionsText(mediaType, variables, rows);
    return { body, rows: rows.length };
  }

  boolean(mediaType: string, value: boolean, query: string): { body: string; rows: number } {
    return { body: mediaType === HTML ? this.htmlAnswers().boolean(query, value) : booleanText(mediaType, value), rows: 1 };
  }

  /** A set to collect a graph's triples into, each once (a stream stops when `add` passes maxRows). */
  triples(): DistinctTriples { return new DistinctTriples(); }

  /** A graph's distinct triples, or RowLimitError past the limit. */
  async graph(mediaType: string, triples: DistinctTriples): Promise<{ body: string; rows: number }> {
    if (triples.size > this.maxRows) throw new RowLimitError(this.maxRows, 'triples');
    const quads = triples.quads();
    return { body: await quadsToMediaType(quads, mediaType, this.prefixes), rows: quads.length };
  }

  /** A graph given whole (Oxigraph, a backend): its triples each once, then as `graph`. */
  graphOf(mediaType: string, quads: Iterable<RDF.Quad>): Promise<{ body: string; rows: number }> {
    const triples = this.triples();
    for (const quad of quads) triples.add(quad);
    return this.graph(mediaType, triples);
  }

  /** formatFor chose text/html only with a page to write it: none here is a bug in the runner. */
  private htmlAnswers(): HtmlAnswers {
    if (this.html === undefined) throw new Error('text/html was chosen for a runner without an HTML results page');
    return this.html;
  }
}

/**
 * The outcome of an answered query: its body in bytes, with the strong ETag of those bytes and the time since
 * `started`. A body of more than `maxBytes` bytes throws ResultSizeError; a string of more code units than
 * that is refused before it is encoded (UTF-8 takes at least one byte per UTF-16 code unit).
 */
export function answered(form: QueryForm, mediaType: string, body: string, rows: number, started: number, maxBytes = Infinity): TaskOutcome {
  if (body.length > maxBytes) throw new ResultSizeError(maxBytes);
  const bytes = new TextEncoder().encode(body);
  if (bytes.byteLength > maxBytes) throw new ResultSizeError(maxBytes);
  return { ok: true, form, mediaType, body: bytes, etag: strongEtag(bytes), rows, ms: performance.now() - started };
}

/** A task's error as the outcome the route answers with: each refusal its own kind, the rest a query error. */
export function taskFailure(error: unknown): TaskOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof QuerySyntaxError) {
    const where = error.line === undefined ? '' : ` at line ${error.line}, column ${error.column ?? 1}`;
    return { ok: false, kind: 'syntax', message: `syntax error${where}: ${error.reason}` };
  }
  if (error instanceof UpdateRefusedError) return { ok: false, kind: 'update', message };
  if (error instanceof ServiceRefusedError) return { ok: false, kind: 'service', message };
  if (error instanceof RowLimitError) return { ok: false, kind: 'rows', message };
  if (error instanceof ResultSizeError) return { ok: false, kind: 'bytes', message };
  if (error instanceof NotAcceptableError) return { ok: false, kind: 'not-acceptable', message };
  return { ok: false, kind: 'query', message };
}
