/**
 * loadInto: loads a release into a triplestore through the SPARQL 1.1 Graph Store HTTP Protocol, one
 * request per named graph (so the graphs stay apart), each body streamed from the N-Quads dump.
 *
 * --replace PUTs a graph (its old triples go); --merge POSTs it (they stay). With an update endpoint
 * (SPARQL 1.1 Update), every graph is first loaded into a temporary graph of its own, and only when all of
 * them are in does one update request MOVE (replace) or ADD (merge) them onto their targets: a failed load
 * leaves the target graphs as they were, and the temporary graphs are dropped. Without one, each graph is
 * written in place: a failure leaves the graphs before it new and those after it old, and the graph that
 * failed as the store left it after a refused request (a store applies one PUT whole or not at all, unless
 * the connection broke mid-body); the error says which.
 *
 * Beside the named graphs, the merge of them all is loaded as a graph of its own (`mergedGraph`,
 * https://w3id.org/asm-kg/graph/merged by default): each graph's triples POSTed onto it in turn, so that the
 * store keeps each triple once (a graph in a store is a set). A store's "union default graph" (Virtuoso's
 * default graph when a query names none, or every graph sent as default-graph-uri) matches a triple once per
 * graph holding it; sent as the only `default-graph-uri`, the merged graph is the default graph every other
 * engine here queries (src/query/default-graph.ts). It goes in with the others, in place or through a
 * temporary graph and the one swap.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DEFAULT_BASE } from '../core/iri.js';
import { mergedGraphIri } from '../query/default-graph.js';
import { Authenticator, type Credentials } from './http-auth.js';
import { graphAsNTriples, graphNamesOf } from './graph-stream.js';

export class StoreLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreLoadError';
  }
}

export interface LoadIntoOptions {
  /** The Graph Store endpoint (indirect graph identification: ?graph=IRI). */
  gspUrl: string;
  /** The N-Quads dump to load. */
  dump: string;
  credentials?: Credentials;
  /** Source graph IRI (or "default") → the graph IRI to write it to in the store; unmapped graphs keep theirs. */
  graphMap?: Record<string, string>;
  /** replace (PUT, the default) or merge (POST). */
  mode?: 'replace' | 'merge';
  /** A SPARQL 1.1 Update endpoint of the same store: load into temporary graphs, then swap. */
  updateUrl?: string;
  /** Milliseconds one request may take (default 10 minutes). */
  timeoutMs?: number;
  /** The graph that receives the merge of all the dump's graphs (default: mergedGraphIri(DEFAULT_BASE)). */
  mergedGraph?: string;
}

export interface LoadedGraph { source: string; target: string; triples: number }

/** The merged graph: its IRI, and the triples sent to it (each graph's, so a triple in two graphs counts twice). */
export interface LoadedMerge { target: string; sent: number }

export interface LoadReport { graphs: LoadedGraph[]; merged: LoadedMerge; swapped: boolean }

type Body = () => Readable | string | undefined;

/** One store session: the endpoint URLs and the authentication learnt from the first challenge. */
class StoreClient {
  private readonly auth: Authenticator | undefined;

  constructor(private readonly options: LoadIntoOptions) {
    this.auth = options.credentials ? new Authenticator(options.credentials) : undefined;
  }

  /** Sends a request, signing it; on a 401 learns the challenge and sends it once more from a fresh body. */
  async request(method: string, url: URL, headers: Record<string, string>, body: Body, what: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const signed = { ...headers };
      const authorization = this.auth?.authorization(method, url);
      if (authorization) signed.authorization = authorization;
      const content = body();
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: signed,
          body: content instanceof Readable ? (Readable.toWeb(content) as ReadableStream) : content,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 600_000),
          ...(content instanceof Readable ? { duplex: 'half' } : {}),
        } as RequestInit);
      } catch (error) {
        if (content instanceof Readable) content.destroy();
        const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        throw new StoreLoadError(`${what}: cannot reach ${url.origin} (${cause})`);
      }
      if (response.status !== 401) return response;
      await response.arrayBuffer();
      const challenge = response.headers.get('www-authenticate');
      if (!this.auth) throw new StoreLoadError(`${what}: the store asks for authentication (HTTP 401${challenge ? `, ${challenge.split(/\s/)[0]}` : ''}): give --user and --password`);
      const learnt = this.auth.learn(challenge);
      if (!learnt) throw new StoreLoadError(`${what}: the store asks for an authentication scheme this client cannot answer (${challenge ?? 'no WWW-Authenticate header'})`);
      if (attempt >= 1 && !/stale\s*=\s*"?true/i.test(challenge ?? '')) throw new StoreLoadError(`${what}: the store refused the credentials for user "${this.options.credentials!.user}" (HTTP 401)`);
      if (attempt >= 2) throw new StoreLoadError(`${what}: the store refused the credentials for user "${this.options.credentials!.user}" (HTTP 401)`);
    }
  }

  /** Learns the authentication challenge with a request that carries no body, so no big body is sent twice. */
  async probe(): Promise<void> {
    const url = new URL(this.options.gspUrl);
    url.searchParams.set('graph', 'urn:asm-kg:load:probe');
    const response = await this.request('HEAD', url, {}, () => undefined, `HEAD ${url.origin}${url.pathname}`);
    await response.arrayBuffer();
  }

  async check(response: Response, what: string): Promise<void> {
    if (response.ok) { await response.arrayBuffer(); return; }
    const text = (await response.text()).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 400);
    throw new StoreLoadError(`${what}: the store answered HTTP ${response.status} ${response.statusText}${text ? `: ${text}` : ''}`);
  }

  graphUrl(graph: string): URL {
    const url = new URL(this.options.gspUrl);
    if (graph === '') url.searchParams.set('default', '');
    else url.searchParams.set('graph', graph);
    return url;
  }

  /**
   * PUT (replace) or POST (merge) one graph's triples from the dump. The body's length is measured in a
   * first streaming pass and sent as Content-Length: Virtuoso resets a chunked request body.
   */
  async writeGraph(method: 'PUT' | 'POST', source: string, target: string): Promise<number> {
    let triples = 0;
    let bytes = 0;
    // N-Triples: one triple per line (the writer escapes line breaks inside literals).
    for await (const chunk of graphAsNTriples(this.options.dump, source)) {
      bytes += Buffer.byteLength(chunk as string);
      for (const c of chunk as string) if (c === '\n') triples++;
    }
    const url = this.graphUrl(target);
    const what = `${method} graph <${target || 'default'}>`;
    const response = await this.request(method, url, { 'content-type': 'application/n-triples', 'content-length': String(bytes) },
      () => graphAsNTriples(this.options.dump, source), what);
    await this.check(response, what);
    return triples;
  }

  async update(sparql: string, what: string): Promise<void> {
    const url = new URL(this.options.updateUrl!);
    const response = await this.request('POST', url, { 'content-type': 'application/x-www-form-urlencoded' },
      () => new URLSearchParams({ update: sparql }).toString(), what);
    await this.check(response, what);
  }
}

const iri = (graph: string): string => (graph === '' ? 'DEFAULT' : `<${graph}>`);

/** Loads the dump's graphs into the store; throws StoreLoadError saying what failed and what it left. */
export async function loadInto(options: LoadIntoOptions): Promise<LoadReport> {
  const mode = options.mode ?? 'replace';
  if (!existsSync(options.dump)) throw new StoreLoadError(`the dump ${options.dump} does not exist (run asm-kg build, or give --dump FILE)`);
  const sources = await graphNamesOf(options.dump);
  const targetOf = (source: string) => options.graphMap?.[source === '' ? 'default' : source] ?? source;
  const unknown = Object.keys(options.graphMap ?? {}).filter((g) => !sources.includes(g === 'default' ? '' : g));
  if (unknown.length > 0) throw new StoreLoadError(`--graph names graphs the dump does not have: ${unknown.join(', ')} (it has ${sources.map((s) => s || 'default').join(', ')})`);
  const mergedTarget = options.mergedGraph ?? mergedGraphIri(DEFAULT_BASE);
  if (sources.some((source) => targetOf(source) === mergedTarget)) {
    throw new StoreLoadError(`the dump's graphs would be loaded into <${mergedTarget}>, which is where their merge goes: map them elsewhere with --graph`);
  }
  const client = new StoreClient(options);
  if (options.credentials) await client.probe();
  const graphs: LoadedGraph[] = [];
  /** Every graph's triples onto `target`, the first replacing what it held (in replace mode), the rest added. */
  const writeMerge = async (target: string, replace: boolean): Promise<LoadedMerge> => {
    let sent = 0;
    for (const [i, source] of sources.entries()) sent += await client.writeGraph(i === 0 && replace ? 'PUT' : 'POST', source, target);
    return { target: mergedTarget, sent };
  };

  if (options.updateUrl === undefined) {
    let merged: LoadedMerge | undefined;
    for (const source of [...sources, undefined]) {
      try {
        if (source === undefined) merged = await writeMerge(mergedTarget, mode === 'replace');
        else graphs.push({ source, target: targetOf(source), triples: await client.writeGraph(mode === 'replace' ? 'PUT' : 'POST', source, targetOf(source)) });
      } catch (error) {
        const done = graphs.map((g) => `<${g.target}>`).join(', ') || 'none';
        throw new StoreLoadError(`${(error as Error).message}. Loaded in place before it: ${done}; graphs after it were not touched `
          + '(without --update there are no temporary graphs to swap, so a failed load can leave some graphs new and some old)');
      }
    }
    return { graphs, merged: merged!, swapped: false };
  }

  // Temporary graphs first, then one update request that swaps them all in.
  const run = randomUUID();
  // One temporary graph per source graph, and the last for the merge.
  const temporary = [...sources, mergedTarget].map((_, i) => `urn:asm-kg:load:${run}:${i}`);
  const dropTemporary = async (count: number) => {
    if (count === 0) return;
    try { await client.update(temporary.slice(0, count).map((t) => `DROP SILENT GRAPH <${t}>`).join(' ;\n'), 'dropping the temporary graphs'); } catch { /* best effort: the first error is the one to report */ }
  };
  let merged: LoadedMerge | undefined;
  for (const [i, source] of [...sources, undefined].entries()) {
    try {
      if (source === undefined) merged = await writeMerge(temporary[i]!, true);
      else graphs.push({ source, target: targetOf(source), triples: await client.writeGraph('PUT', source, temporary[i]!) });
    } catch (error) {
      await dropTemporary(i + 1);
      throw new StoreLoadError(`${(error as Error).message}. Loading stopped before any target graph changed (the graphs were going into temporary graphs); the store holds its old graphs`);
    }
  }
  const targets = [...graphs.map((g) => g.target), mergedTarget];
  const swap = targets.map((target, i) => (mode === 'replace'
    ? `MOVE SILENT <${temporary[i]}> TO ${iri(target)}`
    : `ADD SILENT <${temporary[i]}> TO ${iri(target)} ;\nDROP SILENT GRAPH <${temporary[i]}>`)).join(' ;\n');
  try {
    await client.update(swap, `${mode === 'replace' ? 'MOVE' : 'ADD'} of the loaded graphs onto their targets`);
  } catch (error) {
    await dropTemporary(temporary.length);
    throw new StoreLoadError(`${(error as Error).message}. The swap is one update request: a store that runs it in one transaction holds its old graphs`);
  }
  return { graphs, merged: merged!, swapped: true };
}
