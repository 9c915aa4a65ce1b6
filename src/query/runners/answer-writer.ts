/**
 * The answer of a query in the negotiated media type, and a failed task as the outcome the route turns
 * into a status: the one answer writer of the three runners that answer queries (Comunica over the built
 * graph, Oxigraph over the built graph, a backend SPARQL store), so that they cannot drift apart. It
 * chooses the format among the table's offers for the query's form, applies the row limit, dedupes a
 * graph's triples (serialize/sparql-results/write-answer.ts, the writer the CLI and the static site use
 * too) and adds the HTML results page.
 */
import type * as RDF from '@rdfjs/types';
import { QuerySyntaxError } from '../../errors.js';
import { vocabulary } from '../../iri.js';
import { booleanText, DistinctTriples, solutionsText } from '../../serialize/sparql-results/write-answer.js';
import { prefixList } from '../../serialize/sparql-results/terms.js';
import { quadsToMediaType } from '../../serialize/quads.js';
import type { BindingRow } from '../types.js';
import { NotAcceptableError, RowLimitError, ServiceRefusedError, UpdateRefusedError } from '../errors.js';
import { bindingsToHtml, booleanToHtml } from '../../serve/html-results.js';
import { Links, type TermContext } from '../../serve/html.js';
import { labelPredicates, labelsOf, type LabelStore } from '../../serve/labels.js';
import { ASK_TYPES, GRAPH_TYPES, HTML, SELECT_TYPES } from '../../core/formats.js';
import type { QueryForm } from '../parse-query.js';
import { strongEtag } from '../../serve/respond.js';
import type { NegotiatedFormats, TaskOutcome } from './comunica.js';

/** What each form of query can be answered in (core/formats.ts), the server's preference first. */
export const OFFERS: Record<QueryForm, readonly string[]> = { SELECT: SELECT_TYPES, ASK: ASK_TYPES, CONSTRUCT: GRAPH_TYPES, DESCRIBE: GRAPH_TYPES };

/** The negotiated format for the query's form, or NotAcceptableError listing what the form can be given in. */
export function formatFor(form: QueryForm, formats: NegotiatedFormats): string {
  const chosen = form === 'SELECT' ? formats.select : form === 'ASK' ? formats.ask : formats.graph;
  if (chosen === undefined) throw new NotAcceptableError(OFFERS[form]);
  return chosen;
}

/** What an HTML results page needs: the graph its labels come from, and how terms are linked. */
export interface HtmlResultsContext {
  store: LabelStore;
  base: string;
  terms: Omit<TermContext, 'labels'>;
}

/** A runner's answer writer: its prefixes, its labels for HTML pages and its row limit, made once. */
export class AnswerWriter {
  readonly prefixes: Record<string, string>;
  private readonly html: HtmlResultsContext;

  constructor(base: string, labels: LabelStore, readonly maxRows: number) {
    this.prefixes = vocabulary(base).prefixes;
    this.html = { store: labels, base, terms: { links: new Links(base), prefixes: prefixList(this.prefixes) } };
  }

  /** A SELECT's solutions, or RowLimitError past the limit. */
  solutions(mediaType: string, variables: string[], rows: BindingRow[], query: string): { body: string; rows: number } {
    if (rows.length > this.maxRows) throw new RowLimitError(this.maxRows, 'rows');
    return { body: writeBindings(mediaType, variables, rows, query, this.html), rows: rows.length };
  }

  boolean(mediaType: string, value: boolean, query: string): { body: string; rows: number } {
    return { body: writeBoolean(mediaType, query, value), rows: 1 };
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
}

export function writeBoolean(mediaType: string, query: string, value: boolean): string {
  return mediaType === HTML ? booleanToHtml(query, value) : booleanText(mediaType, value);
}

export function writeBindings(mediaType: string, variables: string[], rows: BindingRow[], query: string, html: HtmlResultsContext): string {
  if (mediaType !== HTML) return solutionsText(mediaType, variables, rows);
  const labels = labelsOf(html.store, rows.flatMap((row) => Object.values(row)), labelPredicates(html.base));
  return bindingsToHtml(query, variables, rows, { ...html.terms, labels });
}

/** A task's error as the outcome the route answers with: each refusal its own kind, the rest a query error. */
/** The outcome of an answered query: its body in bytes, with the strong ETag of those bytes and the time since `started`. */
export function answered(form: QueryForm, mediaType: string, body: string, rows: number, started: number): TaskOutcome {
  const bytes = new TextEncoder().encode(body);
  return { ok: true, form, mediaType, body: bytes, etag: strongEtag(bytes), rows, ms: performance.now() - started };
}

export function taskFailure(error: unknown): TaskOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof QuerySyntaxError) {
    const where = error.line === undefined ? '' : ` at line ${error.line}, column ${error.column ?? 1}`;
    return { ok: false, kind: 'syntax', message: `syntax error${where}: ${error.reason}` };
  }
  if (error instanceof UpdateRefusedError) return { ok: false, kind: 'update', message };
  if (error instanceof ServiceRefusedError) return { ok: false, kind: 'service', message };
  if (error instanceof RowLimitError) return { ok: false, kind: 'rows', message };
  if (error instanceof NotAcceptableError) return { ok: false, kind: 'not-acceptable', message };
  return { ok: false, kind: 'query', message };
}
