/**
 * The SPARQL 1.1 Protocol at /sparql (https://www.w3.org/TR/sparql11-protocol/): a query by GET
 * (?query=), by POST of a form, or by POST of application/sparql-query; default-graph-uri and
 * named-graph-uri; the result format negotiated from Accept; the service description at GET without a
 * query. Queries run in the query processes (pool/); answers are cached under a hash of the parsed
 * query (query-key.ts), the dataset and the negotiated format, counted in bytes, key included; a cached answer is given
 * only in the format this request negotiates for the query's form. Identical queries in flight share one
 * run. Updates are refused: the endpoint is read-only.
 *
 * Each query is run for its client (client-of.ts: the remote address, or X-Forwarded-For behind a trusted
 * proxy; none from the loopback interface), whose share of the pool is bounded: past it, 429 with Retry-After. A query whose every waiting
 * request has gone (connection closed before the answer) is cancelled: the pool frees its place.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QueryTimeoutError } from '../../core/errors.js';
import { quadsToMediaType } from '../../serialize/quads.js';
import { negotiate } from '../accept.js';
import { BackendError } from '../../query/runners/backend-client.js';
import { ClientShareError, QueryCancelledError, QueryMemoryError, ServerBusyError, WorkerCrashedError } from '../../query/errors.js';
import { Lru } from '../../core/lru.js';
import { refuseMethods } from './method-not-allowed.js';
import { acceptFromParams, FormatParameterError } from '../format-param.js';
import { ASK_TYPES, DOCUMENT_TYPES, GRAPH_TYPES, HTML, SELECT_TYPES } from '../../core/formats.js';
import type { QueryPool } from '../pool/index.js';
import { clientOf } from '../client-of.js';
import { SharedRuns } from '../shared-runs.js';
import type { QueryForm } from '../../query/parse-query.js';
import { hashKey, knownQueryKeys, queryKeys, rememberQueryKeys, requestKey, type DatasetSelection, type QueryKeys } from '../../query/query-key.js';
import { RenderUnavailable } from '../render-worker/index.js';
import { sendDocument, sendError } from '../respond.js';
import type { FailureKind, NegotiatedFormats, TaskOutcome } from '../../query/runners/types.js';
import { queryFormPage, SD_PREFIXES, serviceDescription, type ServiceFacts } from '../service-description.js';

export interface SparqlContext {
  /** The query processes, or the SPARQL backend (query/runners/backend.ts): whatever runs a task. */
  pool: Pick<QueryPool, 'run'>;
  cache: boolean;
  cacheEntries: number;
  cacheBytes: number;
  cacheControl: string;
  /** The service description's facts, but for the endpoint URL, which depends on the request. */
  facts: Omit<ServiceFacts, 'endpoint' | 'voidDocument'>;
  /** The endpoint URL to describe when the request's Host header is unusable. */
  fallbackOrigin: () => string;
  exampleQuery: string;
  /** The page a browser gets at /sparql: the query editor (src/serve/routes/editor-assets.ts); the plain form without it. */
  queryPage?: (facts: ServiceFacts) => string;
  /** The key and shape of a large query, parsed off this thread (the render worker); without it, parsed here. */
  keyOffThread?: (text: string) => Promise<QueryKeys>;
  /** Called once the response to a large query (OFF_THREAD_QUERY_CHARS or more) is over, sent or not. */
  afterLargeQuery?: () => void;
}

/**
 * Queries of this many characters or more are parsed for their key off the server's thread: a 180 KB query
 * took 170 to 460 ms to parse, a 16 KB one 1.4 ms (measured on a loaded 2-core machine).
 */
const OFF_THREAD_QUERY_CHARS = 16 * 1024;

/** A query request as the protocol defines it, read from the query string or the body. */
interface ProtocolRequest {
  query: string;
  dataset: DatasetSelection | undefined;
  /** The Accept header that format= or output= stand for (format-param.ts), in place of the request's. */
  accept?: string;
}

class ProtocolError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const FORM = 'application/x-www-form-urlencoded';
const SPARQL_QUERY = 'application/sparql-query';
const SPARQL_UPDATE = 'application/sparql-update';
const READ_ONLY = 'this endpoint is read-only: SPARQL Update is not accepted';

const STATUS: Record<FailureKind, number> = { syntax: 400, update: 403, service: 403, rows: 500, bytes: 500, 'not-acceptable': 406, query: 500 };
/** How long a query that timed out or ran out of memory is answered from memory, so that repeating it cannot tie up the processes. */
const TIMEOUT_MEMORY_MS = 30_000;
/** Bytes a cache entry costs beyond its body: its key and strings (UTF-16) and the objects around them, rounded up. */
const ENTRY_OVERHEAD = 512;
/** The most bytes the forms of answered queries (a 64-character key and a word each) and the remembered failures may hold. */
const FORMS_BYTES = 4 * 1024 * 1024;
const FAILURES_BYTES = 4 * 1024 * 1024;
/** What a remembered failure costs: its message (UTF-16) and the entry around it. */
const failureSize = (message: string) => 2 * message.length + ENTRY_OVERHEAD;

interface CachedResult { body: Buffer; mediaType: string; etag: string; rows: number }
interface CachedFailure { status: number; message: string }

export function registerSparql(app: FastifyInstance, context: SparqlContext): void {
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => done(null, new URLSearchParams(body as string)));
  app.addContentTypeParser([SPARQL_QUERY, SPARQL_UPDATE], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const results = new Lru<string, CachedResult>({ maxEntries: context.cache ? context.cacheEntries : 0, maxBytes: context.cacheBytes });
  // The form (SELECT, ASK, CONSTRUCT, DESCRIBE) of each query answered, by request key: which of the
  // negotiated formats a cached answer must be in. Keys are hashes, so each entry is a few hundred bytes.
  const forms = new Lru<string, QueryForm>({ maxEntries: context.cache ? 4 * context.cacheEntries : 0, maxBytes: FORMS_BYTES });
  // Failures are counted by their message (a syntax error quotes the query near the error), so that
  // many distinct failing queries hold a bounded number of bytes, not a bounded number of messages.
  const failures = new Lru<string, CachedFailure>({ maxEntries: context.cache ? 1000 : 0, maxBytes: FAILURES_BYTES });
  const inFlight = new SharedRuns<TaskOutcome>();

  const serviceFacts = (request: FastifyRequest): ServiceFacts => {
    const host = request.headers.host;
    const origin = host !== undefined && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? `http://${host}` : context.fallbackOrigin();
    return { ...context.facts, endpoint: `${origin}/sparql`, voidDocument: `${origin}/dist/void.ttl` };
  };

  const describeService = async (request: FastifyRequest, reply: FastifyReply) => {
    const mediaType = negotiate(request.headers.accept, DOCUMENT_TYPES);
    if (mediaType === undefined) return sendError(reply, 406, `the service description can be had as ${DOCUMENT_TYPES.join(', ')}`, { Vary: 'Accept' });
    const facts = serviceFacts(request);
    const quads = serviceDescription(facts);
    const body = mediaType === HTML ? (context.queryPage?.(facts) ?? queryFormPage(facts, context.exampleQuery))
      : await quadsToMediaType(quads, mediaType, SD_PREFIXES);
    // The description names this server by the Host it was reached at, so caches must keep hosts apart.
    return sendDocument(request, reply, { body, mediaType, cacheControl: context.cacheControl, vary: 'Accept, Host' });
  };

  /** A query's key and shape: parsed here when short or known, else off this thread, then remembered. */
  const keysOf = async (text: string): Promise<QueryKeys> => {
    if (text.length < OFF_THREAD_QUERY_CHARS || context.keyOffThread === undefined) return queryKeys(text);
    const known = knownQueryKeys(text);
    if (known !== undefined) return known;
    const keys = await context.keyOffThread(text);
    rememberQueryKeys(text, keys);
    return keys;
  };

  const answer = async (request: FastifyRequest, reply: FastifyReply, protocol: ProtocolRequest) => {
    if (protocol.query.length >= OFF_THREAD_QUERY_CHARS && context.afterLargeQuery !== undefined) reply.raw.once('close', context.afterLargeQuery);
    const accept = protocol.accept ?? request.headers.accept;
    const formats: NegotiatedFormats = {
      select: negotiate(accept, SELECT_TYPES), ask: negotiate(accept, ASK_TYPES), graph: negotiate(accept, GRAPH_TYPES),
    };
    reply.header('Vary', 'Accept');
    if (formats.select === undefined && formats.ask === undefined && formats.graph === undefined) {
      return sendError(reply, 406, `query results can be had as ${[...new Set([...SELECT_TYPES, ...GRAPH_TYPES])].join(', ')}`, { Vary: 'Accept' });
    }
    let parsed: QueryKeys;
    try {
      parsed = await keysOf(protocol.query);
    } catch (error) {
      if (error instanceof RenderUnavailable) return sendError(reply, 503, error.message, { 'Retry-After': '1' });
      throw error;
    }
    const base = hashKey(requestKey(parsed.key, protocol.dataset));
    // An HTML result page shows the query as its sender wrote it (comments and layout), so it is cached
    // per query text; every other format depends only on the parsed query. The query processes cache
    // their parses per text too: a parse holds positions in its own text (where a LIMIT goes).
    const textKey = hashKey(protocol.query);
    const resultKey = (mediaType: string) => hashKey(base, mediaType, mediaType === HTML ? textKey : '');

    const failed = failures.get(base);
    if (failed !== undefined) return sendError(reply, failed.status, failed.message, { 'X-Cache': 'hit' });
    // Only the format this request negotiates for the query's form: another form's format is no answer.
    const form = forms.get(base);
    const negotiated = form === undefined ? undefined : form === 'SELECT' ? formats.select : form === 'ASK' ? formats.ask : formats.graph;
    const hit = negotiated === undefined ? undefined : results.get(resultKey(negotiated));
    if (hit !== undefined) return sendResult(request, reply, hit, context.cacheControl, { 'X-Cache': 'hit' });

    const offered = [formats.select, formats.ask, formats.graph];
    const flightKey = hashKey(base, ...offered.map((f) => f ?? ''), offered.includes(HTML) ? textKey : '');
    const tooLarge = failures.get(flightKey);
    if (tooLarge !== undefined) return sendError(reply, tooLarge.status, tooLarge.message, { 'X-Cache': 'hit' });
    // How long this request's query waited for a query process (Server-Timing "wait"); none when it shares a run.
    let waitedMs: number | undefined;
    // Identical queries in flight share one run, which is cancelled once every request waiting for it has gone.
    const running = inFlight.join(context.cache ? flightKey : undefined, (signal) => context.pool.run(
      { query: protocol.query, key: textKey, dataset: protocol.dataset, formats }, (ms) => { waitedMs = ms; }, { client: clientOf(request.ip), shape: parsed.shape, signal },
    ));
    // 'close' before the response is finished: the client went away.
    const gone = () => { if (!reply.raw.writableFinished) running.leave(); };
    reply.raw.once('close', gone);
    let outcome: TaskOutcome;
    try {
      outcome = await running.outcome;
    } catch (error) {
      if (error instanceof QueryCancelledError) return reply.hijack();
      if (error instanceof ClientShareError) return sendError(reply, 429, error.message, { 'Retry-After': String(error.retryAfterS) });
      if (error instanceof QueryTimeoutError) {
        const message = `the query ran longer than the time limit of ${error.timeoutMs} ms and was stopped; narrow it down (a LIMIT, more specific patterns), or download the graph from /dist/`;
        failures.set(base, { status: 503, message }, failureSize(message), TIMEOUT_MEMORY_MS);
        return sendError(reply, 503, message);
      }
      if (error instanceof QueryMemoryError) {
        failures.set(base, { status: 500, message: error.message }, failureSize(error.message), TIMEOUT_MEMORY_MS);
        return sendError(reply, 500, error.message);
      }
      // The store behind --backend failed (502) or did not answer in time (504).
      if (error instanceof BackendError) return sendError(reply, error.status, error.message);
      if (error instanceof ServerBusyError) return sendError(reply, 503, error.message, { 'Retry-After': '1' });
      if (error instanceof WorkerCrashedError) return sendError(reply, 500, error.message);
      throw error;
    }
    if (!outcome.ok) {
      const status = STATUS[outcome.kind];
      if (outcome.kind === 'rows') failures.set(base, { status, message: outcome.message }, failureSize(outcome.message));
      // An answer's size depends on its format too: a refusal holds for the formats this request offered.
      if (outcome.kind === 'bytes') failures.set(flightKey, { status, message: outcome.message }, failureSize(outcome.message));
      return sendError(reply, status, outcome.message, outcome.kind === 'not-acceptable' ? { Vary: 'Accept' } : {});
    }
    const entry: CachedResult = { body: Buffer.from(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength), mediaType: outcome.mediaType, etag: outcome.etag, rows: outcome.rows };
    forms.set(base, outcome.form, ENTRY_OVERHEAD);
    results.set(resultKey(outcome.mediaType), entry, entry.body.length + ENTRY_OVERHEAD);
    // Server-Timing "eval": the evaluation's own time in the query process (parse, engine, writing the
    // body), so that a client can tell evaluation from the round trip (bench/engines.ts reads it).
    return sendResult(request, reply, entry, context.cacheControl, { 'X-Cache': 'miss', 'Server-Timing': `${waitedMs === undefined ? '' : `wait;dur=${waitedMs.toFixed(1)}, `}eval;dur=${outcome.ms.toFixed(1)}` });
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    let protocol: ProtocolRequest | undefined;
    try {
      protocol = readRequest(request);
    } catch (error) {
      if (error instanceof ProtocolError || error instanceof FormatParameterError) return sendError(reply, error.status, error.message);
      throw error;
    }
    return protocol === undefined ? describeService(request, reply) : answer(request, reply, protocol);
  };

  app.get('/sparql', handler);
  app.post('/sparql', handler);
  refuseMethods(app, '/sparql', ['PUT', 'DELETE', 'PATCH'], 'GET, HEAD, POST, OPTIONS', `${READ_ONLY}; queries are sent by GET or POST`);
}

function sendResult(request: FastifyRequest, reply: FastifyReply, entry: CachedResult, cacheControl: string, headers: Record<string, string>): FastifyReply {
  return sendDocument(request, reply, {
    body: entry.body, mediaType: entry.mediaType, etag: entry.etag, cacheControl, vary: 'Accept',
    headers: { ...headers, 'X-Result-Rows': String(entry.rows) },
  });
}

/**
 * The query and dataset of a request, undefined for a GET without a query (the service description).
 * Throws ProtocolError for what the protocol does not allow.
 */
function readRequest(request: FastifyRequest): ProtocolRequest | undefined {
  const url = new URL(request.raw.url!, 'http://localhost');
  if (request.method === 'GET' || request.method === 'HEAD') {
    const params = url.searchParams;
    if (params.has('update')) throw new ProtocolError(403, `${READ_ONLY} (and an update is never sent by GET)`);
    if (!params.has('query')) return undefined;
    return withFormat(fromParams(params), params);
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === SPARQL_UPDATE) throw new ProtocolError(403, READ_ONLY);
  if (type === FORM) {
    const params = request.body as URLSearchParams;
    if (params.has('update')) throw new ProtocolError(403, READ_ONLY);
    if (!params.has('query')) throw new ProtocolError(400, 'the form has no "query" field');
    // format= and output= may be fields of the form or parameters of the URL.
    return withFormat(withFormat(fromParams(params), url.searchParams), params);
  }
  if (type === SPARQL_QUERY) {
    const query = request.body as string;
    if (query.trim() === '') throw new ProtocolError(400, 'the request body is empty; it should be the query');
    return withFormat({ query, dataset: datasetOf(url.searchParams) }, url.searchParams);
  }
  throw new ProtocolError(415, `a query is POSTed as ${SPARQL_QUERY} or ${FORM}, not ${type || 'a body without Content-Type'}`);
}

/** The request with the Accept header its format= or output= stand for, when `params` have one. */
function withFormat(protocol: ProtocolRequest, params: URLSearchParams): ProtocolRequest {
  const accept = acceptFromParams(params);
  return accept === undefined ? protocol : { ...protocol, accept };
}

function fromParams(params: URLSearchParams): ProtocolRequest {
  const queries = params.getAll('query');
  if (queries.length > 1) throw new ProtocolError(400, 'the request has more than one "query" parameter');
  if (queries[0]!.trim() === '') throw new ProtocolError(400, 'the "query" parameter is empty');
  return { query: queries[0]!, dataset: datasetOf(params) };
}

function datasetOf(params: URLSearchParams): DatasetSelection | undefined {
  const defaultGraphs = params.getAll('default-graph-uri');
  const namedGraphs = params.getAll('named-graph-uri');
  if (defaultGraphs.length === 0 && namedGraphs.length === 0) return undefined;
  for (const iri of [...defaultGraphs, ...namedGraphs]) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/.test(iri)) throw new ProtocolError(400, `"${iri}" is not an absolute IRI (default-graph-uri and named-graph-uri take IRIs)`);
  }
  return { defaultGraphs, namedGraphs };
}
