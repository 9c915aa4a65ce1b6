/**
 * The part of Comunica's query engines this package uses, typed once: both engines (rdfjs-lite and the full
 * query-sparql) are loaded dynamically and cast to this, so their heavy type graphs stay out of our build.
 */
import type * as RDF from '@rdfjs/types';

/** A Comunica QueryEngine, as far as we call it; `Q` is a query string or an already parsed algebra. */
export interface ComunicaEngine<Q = string> {
  query(query: Q, context: Record<string, unknown>): Promise<ComunicaResult>;
}

export type ComunicaResult =
  | { resultType: 'bindings'; execute(): Promise<ResultStream<RDF.Bindings>>; metadata(): Promise<{ variables: Array<{ variable: RDF.Variable }> | RDF.Variable[] }> }
  | { resultType: 'quads'; execute(): Promise<ResultStream<RDF.Quad>> }
  | { resultType: 'boolean'; execute(): Promise<boolean> }
  | { resultType: 'void'; execute(): Promise<void> };

export interface ResultStream<T> {
  on(event: 'data', listener: (item: T) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  destroy(error?: Error): void;
}
