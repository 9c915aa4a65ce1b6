/**
 * The typed shapes of the query API (`loadGraph`, `query`), shared by the library, the CLI and the server.
 */
import type { Term } from '@rdfjs/types';
import type { Store } from 'n3';

/** A loaded graph ready to be queried: one in-memory dataset, plus any extra sources given. */
export interface LoadedQueryGraph {
  /** Human-readable names of the sources, in the order given (the built graph first unless replaced). */
  sources: string[];
  /** Number of quads loaded, in their named graphs (the merged default graph's copies are not counted). */
  size: number;
}

/** What `loadGraph` returns: the in-memory store and the SPARQL endpoints to query alongside it. */
export interface QueryGraph extends LoadedQueryGraph {
  /**
   * The built graph (its named graphs as they are) and every local file and downloaded document given as
   * a source; a source's default-graph triples go into a named graph named after the source (a file: or
   * http(s): IRI), so that `GRAPH` can tell them apart; its default graph holds the RDF merge of all the
   * named graphs, each triple once (src/query/default-graph.ts), unless `mergeDefaultGraph` is false.
   */
  store: Store;
  /** SPARQL endpoints given as `sparql:` sources, queried live alongside the store. */
  endpoints: string[];
  /** Milliseconds spent loading the extra sources (what `timeoutMs` counts; the built graph is not counted). */
  sourcesMs?: number;
}

export interface LoadGraphOptions {
  /**
   * Extra sources, each one of: a local file (Turtle, N-Triples, N-Quads, TriG, N3, JSON-LD, RDF/XML, told
   * apart by extension); an http(s) URL of an RDF document (told apart by the media type it is served
   * with); `sparql:` followed by the URL of a SPARQL endpoint.
   */
  sources?: string[];
  /** The project folder whose dist/ holds the built graph (default: this package). */
  root?: string;
  /** Whether to load the built graph (default true); false queries the given sources only. */
  includeBuilt?: boolean;
  /**
   * Milliseconds that reading, downloading and parsing the extra sources may take together (default: no
   * limit); past it, loading stops with a SourceTimeoutError naming the source being loaded. The built
   * graph, ours and of known size, is not counted.
   */
  timeoutMs?: number;
  /** Most bytes one source may have (default DEFAULT_MAX_SOURCE_BYTES); a larger one is refused. */
  maxSourceBytes?: number;
  /**
   * Whether to fill the store's default graph with the merge of its named graphs, which is what the query
   * engine queries as the default graph (default true). False for a store only read quad by quad (the pages).
   */
  mergeDefaultGraph?: boolean;
}

export type { BindingRow, QueryResult } from '../serialize/sparql-results/result-types.js';

export interface QueryOptions {
  /** Values for the query's parameters: variable name (without "?") to an RDF term or a string to be read as one. */
  params?: Record<string, Term | string>;
  /**
   * Milliseconds after which the promise rejects with a QueryTimeoutError. The run then stops reading the
   * store and any endpoint, but work the engine already holds in memory (a join of two scans it has read)
   * may go on in this process until it ends: for a hard limit, run the query in a worker thread or process
   * (as `asm-kg serve` does) or exit (as `asm-kg query` does).
   */
  timeoutMs?: number;
  /** A name for the query in error messages (a catalogue name or a file path). */
  name?: string;
}
