/**
 * A client of a SPARQL 1.1 Protocol endpoint (the store `serve --backend sparql:URL` fronts): a query goes
 * out as a POSTed form (every store we know accepts it, and a long query fits), with the request's dataset,
 * under our time limit. What fails is a BackendError with the status the server answers: 504 when the
 * store did not answer within the limit, 502 when it could not be reached or answered with an error or
 * with something that is not a SPARQL result. `triples` streams a CONSTRUCT's answer through the parser
 * (the start-up snapshot reads whole graphs of a million triples that way, never holding the text).
 */
import { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import { DataFactory, Parser, type Quad } from 'n3';
import { SyntaxInputError } from '../../core/errors.js';
import { readRdf } from '../rdf-formats.js';
import type { BindingRow } from '../types.js';
import type { DatasetSelection } from '../query-key.js';

const { namedNode, literal, blankNode } = DataFactory;

export class BackendError extends Error {
  constructor(readonly status: 502 | 504, message: string) {
    super(message);
    this.name = 'BackendError';
  }
}

export interface SelectResult {
  variables: string[];
  rows: BindingRow[];
}

interface JsonTerm { type: string; value: string; 'xml:lang'?: string; datatype?: string }
interface JsonResults { head?: { vars?: string[] }; results?: { bindings?: Array<Record<string, JsonTerm>> }; boolean?: boolean }

export class SparqlClient {
  constructor(readonly endpoint: string, readonly timeoutMs: number) {}

  async select(query: string, dataset?: DatasetSelection): Promise<SelectResult> {
    const json = this.parseJson(await this.send(query, 'application/sparql-results+json', dataset));
    if (!Array.isArray(json.results?.bindings)) throw this.badResult('a SPARQL JSON result without results.bindings');
    const rows = json.results.bindings.map((binding) => {
      const row: BindingRow = {};
      for (const [variable, term] of Object.entries(binding)) row[variable] = this.term(term);
      return row;
    });
    return { variables: json.head?.vars ?? [], rows };
  }

  async ask(query: string, dataset?: DatasetSelection): Promise<boolean> {
    const json = this.parseJson(await this.send(query, 'application/sparql-results+json', dataset));
    // Virtuoso 7.2 answers an ASK in JSON as a SELECT of one variable, __ASK_RETVAL: a row with 1 for true,
    // no row for false.
    if (json.boolean === undefined && json.head?.vars?.length === 1 && json.head.vars[0] === '__ASK_RETVAL' && Array.isArray(json.results?.bindings)) {
      const value = json.results.bindings[0]?.['__ASK_RETVAL']?.value;
      return value !== undefined && value !== '0';
    }
    if (typeof json.boolean !== 'boolean') throw this.badResult('a SPARQL JSON result without a boolean');
    return json.boolean;
  }

  /** A CONSTRUCT or DESCRIBE: the triples, in N-Triples or Turtle as the store prefers. */
  async construct(query: string, dataset?: DatasetSelection): Promise<Quad[]> {
    const text = await this.send(query, 'application/n-triples, text/turtle;q=0.9', dataset);
    try {
      return new Parser({ format: 'text/turtle' }).parse(text);
    } catch (error) {
      throw this.badResult(`triples that do not parse (${(error as Error).message})`);
    }
  }

  /**
   * A CONSTRUCT's triples, each handed to `sink` as the answer streams in (N-Triples, or Turtle if the
   * store prefers it); resolves to their number. The time limit covers the whole answer.
   */
  async triples(query: string, sink: (quad: Quad) => void): Promise<number> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const response = await this.request(query, 'application/n-triples, text/turtle;q=0.9', undefined, signal);
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (response.body === null) return 0;
    try {
      return await readRdf(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), type === 'application/n-triples' || type === 'text/plain' ? 'ntriples' : 'turtle', this.endpoint, this.endpoint, sink);
    } catch (error) {
      if (signal.aborted) throw new BackendError(504, `the SPARQL backend ${this.endpoint} did not answer within ${this.timeoutMs} ms (--timeout)`);
      if (error instanceof SyntaxInputError) throw this.badResult(`triples that do not parse (${error.message})`);
      throw new BackendError(502, `the SPARQL backend ${this.endpoint} broke off its answer: ${(error as Error).message}`);
    }
  }

  /** The body of the store's answer, or a BackendError. */
  private async send(query: string, accept: string, dataset?: DatasetSelection): Promise<string> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const response = await this.request(query, accept, dataset, signal);
    try {
      return await response.text();
    } catch (error) {
      throw this.failure(error, signal);
    }
  }

  /** The store's answer with a success status (its body unread), or a BackendError. */
  private async request(query: string, accept: string, dataset: DatasetSelection | undefined, signal: AbortSignal): Promise<Response> {
    const form = new URLSearchParams({ query });
    for (const iri of dataset?.defaultGraphs ?? []) form.append('default-graph-uri', iri);
    for (const iri of dataset?.namedGraphs ?? []) form.append('named-graph-uri', iri);
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: accept },
        body: form,
        signal,
        redirect: 'error',
      });
      if (!response.ok) {
        const detail = (await response.text()).replace(/\s+/g, ' ').trim().slice(0, 300);
        throw new BackendError(502, `the SPARQL backend ${this.endpoint} answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`);
      }
      return response;
    } catch (error) {
      throw this.failure(error, signal);
    }
  }

  private failure(error: unknown, signal: AbortSignal): BackendError {
    if (error instanceof BackendError) return error;
    if (signal.aborted) return new BackendError(504, `the SPARQL backend ${this.endpoint} did not answer within ${this.timeoutMs} ms (--timeout)`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return new BackendError(502, `the SPARQL backend ${this.endpoint} could not be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }

  private parseJson(text: string): JsonResults {
    try {
      return JSON.parse(text) as JsonResults;
    } catch {
      throw this.badResult(`something that is not JSON ("${text.slice(0, 60).replace(/\s+/g, ' ')}…")`);
    }
  }

  private term(term: JsonTerm): RDF.Term {
    switch (term.type) {
      case 'uri': return namedNode(term.value);
      case 'bnode': return blankNode(term.value);
      case 'literal': case 'typed-literal':
        if (term['xml:lang']) return literal(term.value, term['xml:lang']);
        return term.datatype ? literal(term.value, namedNode(term.datatype)) : literal(term.value);
      default: throw this.badResult(`a term of unknown type "${term.type}"`);
    }
  }

  private badResult(what: string): BackendError {
    return new BackendError(502, `the SPARQL backend ${this.endpoint} answered with ${what}`);
  }
}
