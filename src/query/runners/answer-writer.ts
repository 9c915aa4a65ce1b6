/**
 * The answer of a SELECT or an ASK in the negotiated media type, and a failed task as the outcome the
 * route turns into a status: one place for the three runners that answer queries (Comunica over the
 * built graph, Oxigraph over the built graph, a backend SPARQL store), so that they cannot drift apart.
 */
import { QuerySyntaxError } from '../../errors.js';
import { bindingsToCsv, bindingsToTsv } from '../../serialize/sparql-results/results-csv.js';
import { bindingsToJson, booleanToJson } from '../../serialize/sparql-results/results-json.js';
import { bindingsToXml, booleanToXml } from '../../serialize/sparql-results/results-xml.js';
import type { BindingRow } from '../types.js';
import { NotAcceptableError, RowLimitError, ServiceRefusedError, UpdateRefusedError } from '../errors.js';
import { bindingsToHtml, booleanToHtml } from '../../serve/html-results.js';
import type { TermContext } from '../../serve/html.js';
import { labelPredicates, labelsOf, type LabelStore } from '../../serve/labels.js';
import { CSV, HTML, SPARQL_XML, TSV } from '../../core/formats.js';
import type { QueryForm } from '../parse-query.js';
import { strongEtag } from '../../serve/respond.js';
import type { TaskOutcome } from './comunica.js';

/** What an HTML results page needs: the graph its labels come from, and how terms are linked. */
export interface HtmlResultsContext {
  store: LabelStore;
  base: string;
  terms: Omit<TermContext, 'labels'>;
}

export function writeBoolean(mediaType: string, query: string, value: boolean): string {
  if (mediaType === HTML) return booleanToHtml(query, value);
  return mediaType === SPARQL_XML || mediaType === 'application/xml' ? booleanToXml(value) : booleanToJson(value);
}

export function writeBindings(mediaType: string, variables: string[], rows: BindingRow[], query: string, html: HtmlResultsContext): string {
  switch (mediaType) {
    case SPARQL_XML: case 'application/xml': return bindingsToXml(variables, rows);
    case CSV: return bindingsToCsv(variables, rows);
    case TSV: return bindingsToTsv(variables, rows);
    case HTML: {
      const labels = labelsOf(html.store, rows.flatMap((row) => Object.values(row)), labelPredicates(html.base));
      return bindingsToHtml(query, variables, rows, { ...html.terms, labels });
    }
    default: return bindingsToJson(variables, rows);
  }
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
