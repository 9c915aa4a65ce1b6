/**
 * One query's run, and a way to stop it. Comunica cannot cancel a query: destroying its result stream
 * stops a plain SELECT, but an aggregate, an ORDER BY or an ASK keeps reading its input to the end, and a
 * cross product over the graph then runs on (and out of memory) after its caller has given up. So a stopped
 * run also stops feeding the engine: the store matches nothing more and HTTP requests to endpoints are
 * aborted, and the query winds down with what it has, which the caller throws away. Work the engine holds
 * in memory already (joining two scans it has read in full) cannot be reached: the command line exits.
 */
import { Readable } from 'node:stream';
import type * as RDF from '@rdfjs/types';
import type { Store, Term } from 'n3';

type N3Term = Term | null;
type Pattern = [RDF.Term | null | undefined, RDF.Term | null | undefined, RDF.Term | null | undefined, RDF.Term | null | undefined];

/** An RDF/JS source that can also count its matches, which Comunica uses to order joins. */
export interface CountingSource extends RDF.Source {
  countQuads(...pattern: Pattern): number;
}

export class QueryRun {
  private isStopped = false;
  private readonly controller = new AbortController();
  private output: { destroy(): void } | undefined;

  get stopped(): boolean {
    return this.isStopped;
  }

  /** For Comunica's httpAbortSignal: requests to SPARQL endpoints end with the run. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The result stream the caller reads, destroyed when the run stops. */
  watch<T extends { destroy(): void }>(stream: T): T {
    this.output = stream;
    if (this.isStopped) stream.destroy();
    return stream;
  }

  stop(): void {
    this.isStopped = true;
    this.controller.abort();
    this.output?.destroy();
  }

  /**
   * The store as an RDF/JS source that matches nothing once the run is stopped. A running scan of the store
   * takes milliseconds; what runs long is a join asking the store again for every solution so far, and those
   * requests then come back empty.
   */
  source(store: Store): CountingSource {
    return {
      match: (subject, predicate, object, graph) => (this.isStopped
        ? new Readable({ objectMode: true, read() { this.push(null); } }) as unknown as RDF.Stream
        : store.match(subject as N3Term, predicate as N3Term, object as N3Term, graph as N3Term) as unknown as RDF.Stream),
      // Comunica estimates join orders from these counts.
      countQuads: (subject, predicate, object, graph) => store.countQuads(subject as N3Term, predicate as N3Term, object as N3Term, graph as N3Term),
    };
  }
}
