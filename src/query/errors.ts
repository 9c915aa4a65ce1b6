/**
 * What the server refuses, as typed errors: the SPARQL route turns each into its HTTP status.
 */
import { QueryError } from '../core/errors.js';

/** A SPARQL Update sent to the read-only endpoint. */
export class UpdateRefusedError extends QueryError {
  constructor(reason: string) {
    super(`this endpoint is read-only: ${reason}`);
    this.name = 'UpdateRefusedError';
  }
}

/** A SERVICE clause whose endpoint is not in --allow-service. */
export class ServiceRefusedError extends QueryError {
  constructor(readonly service: string, readonly allowed: readonly string[]) {
    super(`SERVICE ${service} is not allowed: this endpoint makes no outgoing requests${allowed.length === 0
      ? ' (start it with --allow-service IRI to allow one)'
      : ` except to ${allowed.map((iri) => `<${iri}>`).join(', ')}`}`);
    this.name = 'ServiceRefusedError';
  }
}

/** A result with more rows (SELECT) or triples (CONSTRUCT, DESCRIBE) than --max-rows; nothing was sent. */
export class RowLimitError extends QueryError {
  constructor(readonly maxRows: number, readonly unit: 'rows' | 'triples') {
    super(`the result has more than ${maxRows} ${unit}, the limit of this endpoint (--max-rows); add LIMIT ${maxRows} or less to the query, or download the whole graph from /dist/`);
    this.name = 'RowLimitError';
  }
}

/**
 * An answer larger than --max-result-bytes. Checked in the query process before the answer leaves it, so
 * the server never receives nor holds it, and the client gets a whole error, never a cut answer.
 */
export class ResultSizeError extends QueryError {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes} bytes, the limit of this endpoint (--max-result-bytes); select fewer or shorter values, add a LIMIT, or download the whole graph from /dist/`);
    this.name = 'ResultSizeError';
  }
}

/** The client accepts none of the formats the result can be given in. */
export class NotAcceptableError extends Error {
  constructor(readonly offered: readonly string[]) {
    super(`none of the formats this result can be given in is acceptable; the Accept header may ask for: ${offered.join(', ')}`);
    this.name = 'NotAcceptableError';
  }
}

/** Every query process is busy and the queue is full, or a query waited in the queue too long. */
export class ServerBusyError extends Error {
  constructor(reason: string) {
    super(`the endpoint is busy: ${reason}; try again shortly`);
    this.name = 'ServerBusyError';
  }
}

/** A query process died while running a query (a crash other than running out of memory); it has been replaced. */
export class WorkerCrashedError extends Error {
  constructor(reason: string) {
    super(`the query stopped the process running it (${reason}); the process has been replaced`);
    this.name = 'WorkerCrashedError';
  }
}

/**
 * A query exhausted the memory of its query process (--max-query-memory): the V8 heap limit, or, with
 * `restMb`, the watchdog that bounds the process's resident size (memory outside the heap too, such as
 * WebAssembly) at its size when ready plus the limit. The process has been replaced.
 */
export class QueryMemoryError extends Error {
  constructor(readonly limitMb: number, readonly restMb?: number) {
    super(`the query ran out of memory (limit ${limitMb} MB per query process${restMb === undefined ? '' : `, beyond the ${restMb} MB it holds at rest`}) and was stopped; narrow it down (a LIMIT, fewer joins, shorter strings), or download the graph from /dist/`);
    this.name = 'QueryMemoryError';
  }
}

/**
 * A client has as many queries running and waiting as its share allows (--client-queries and
 * --client-queue): the request is refused with 429, and `retryAfterS` says when one of its queries will
 * have ended at the latest.
 */
export class ClientShareError extends Error {
  constructor(readonly running: number, readonly waiting: number, readonly retryAfterS: number) {
    super(`too many queries from this client: ${running} running and ${waiting} waiting, its share of this endpoint; send the next when one of them is answered (in ${retryAfterS} s at most)`);
    this.name = 'ClientShareError';
  }
}

/** The client went away (its connection closed) before its query was answered: the query was stopped. */
export class QueryCancelledError extends Error {
  constructor() {
    super('the client closed the connection before the answer; the query was stopped');
    this.name = 'QueryCancelledError';
  }
}
