/**
 * A query's answer as text in a media type of the format table (core/formats.ts): a SELECT's solutions
 * and an ASK's boolean in the W3C results formats, a CONSTRUCT's or DESCRIBE's graph (each triple once)
 * in an RDF syntax. The one writer behind every answer the project gives: the server's three runners
 * (query/runners/answer-writer.ts adds HTML and the row limit), the `query` command and the static site's
 * service worker. Pure: the browser bundle imports it.
 */
import type * as RDF from '@rdfjs/types';
import { CSV, SPARQL_XML, TSV } from '../../core/formats.js';
import { tripleKey } from '../../core/term-key.js';
import type { BindingRow } from './result-types.js';
import { quadsToMediaType } from '../quads.js';
import { bindingsToCsv, bindingsToTsv } from './results-csv.js';
import { bindingsToJson, booleanToJson } from './results-json.js';
import { bindingsToXml, booleanToXml } from './results-xml.js';

/** SPARQL XML and its alias; every other results type is JSON (SPARQL JSON and application/json). */
const isXml = (mediaType: string): boolean => mediaType === SPARQL_XML || mediaType === 'application/xml';

/** A SELECT's solutions in SPARQL JSON, XML (either under its alias), CSV or TSV. */
export function solutionsText(mediaType: string, variables: string[], rows: BindingRow[]): string {
  if (isXml(mediaType)) return bindingsToXml(variables, rows);
  if (mediaType === CSV) return bindingsToCsv(variables, rows);
  if (mediaType === TSV) return bindingsToTsv(variables, rows);
  return bindingsToJson(variables, rows);
}

/** An ASK's answer in SPARQL JSON or XML. */
export function booleanText(mediaType: string, value: boolean): string {
  return isXml(mediaType) ? booleanToXml(value) : booleanToJson(value);
}

/**
 * The triples of a CONSTRUCT or DESCRIBE, each once: a CONSTRUCT gives its template once per solution, and
 * the answer is a graph. `add` gives the count so far, so that a stream can stop at a limit.
 */
export class DistinctTriples {
  private readonly triples = new Map<string, RDF.Quad>();

  add(quad: RDF.Quad): number {
    this.triples.set(tripleKey(quad), quad);
    return this.triples.size;
  }

  get size(): number { return this.triples.size; }

  quads(): RDF.Quad[] { return [...this.triples.values()]; }
}

/** A graph in an RDF media type of the table, each triple once, prefixed with `prefixes` where the syntax has prefixes. */
export async function graphText(quads: Iterable<RDF.Quad>, mediaType: string, prefixes: Record<string, string>): Promise<string> {
  const distinct = new DistinctTriples();
  for (const quad of quads) distinct.add(quad);
  return quadsToMediaType(distinct.quads(), mediaType, prefixes);
}
