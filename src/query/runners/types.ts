/**
 * What the query runners (comunica.ts, oxigraph.ts, backend.ts) are given and give back: their
 * configuration, a task (one query with its negotiated formats) and its outcome. A module of its own so
 * that the runners and their answer writer (answer-writer.ts) share these without importing each other.
 */
import type { LabelStore } from '../../rdf/label-store.js';
import type { QueryForm } from '../parse-query.js';
import type { DatasetSelection } from '../query-key.js';
import type { BindingRow } from '../types.js';

/**
 * Writes the HTML results page of a SELECT or an ASK. The page is rendering, which comes after query/ in
 * the layer order, so serve hands the runners one (render/html-answer.ts) in their configuration.
 */
export interface HtmlAnswers {
  /** A SELECT's solutions as a page, the IRIs labelled from `labels` (the runner's graph). */
  solutions(query: string, variables: string[], rows: BindingRow[], labels: LabelStore): string;
  boolean(query: string, value: boolean): string;
}

export interface RunnerConfig {
  base: string;
  /** SERVICE endpoints a query may call (exact IRIs). */
  allowService: string[];
  /** Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a result may have. */
  maxRows: number;
  /** Most bytes an answer may have (default: no limit); a larger one is refused with ResultSizeError. */
  maxResultBytes?: number;
  /** Upper bound on the estimated bytes of the parsed queries kept for reuse (default 16 MiB). */
  parseCacheBytes?: number;
  /** The HTML results page; without it, a runner does not answer in text/html (406 Not Acceptable). */
  html?: HtmlAnswers;
}

/** The formats the client accepts for each kind of result, negotiated by the server process. */
export interface NegotiatedFormats {
  select?: string;
  ask?: string;
  graph?: string;
}

export interface QueryTask {
  query: string;
  /** The hash of the query's exact text: parses, which hold positions in that text, are cached under it. */
  key: string;
  dataset?: DatasetSelection;
  formats: NegotiatedFormats;
}

export type FailureKind = 'syntax' | 'update' | 'service' | 'rows' | 'bytes' | 'not-acceptable' | 'query';

export type TaskOutcome =
  | { ok: true; form: QueryForm; mediaType: string; body: Uint8Array; etag: string; rows: number; ms: number }
  | { ok: false; kind: FailureKind; message: string };
