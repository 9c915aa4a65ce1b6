/**
 * The options of `asm-kg serve` and of createServer, their defaults, and their checks (UsageError names
 * the option, as the command line prints it).
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { UsageError } from '../core/errors.js';
import { checkBase, DEFAULT_BASE } from '../core/iri.js';
import { PACKAGE_ROOT } from '../core/paths.js';

export interface ServeOptions {
  /** The project folder whose dist/ is served (default: this package). */
  root?: string;
  /** Base of the IRIs that dereference here: `{base}id/…` is served at `/id/…` (default https://w3id.org/asm-kg/). */
  base?: string;
  port?: number;
  host?: string;
  /** SERVICE endpoints a query may call; any other SERVICE is refused. */
  allowService?: string[];
  /** Milliseconds a query may run before its process is stopped (default 10000). */
  timeoutMs?: number;
  /** Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) of a result (default 10000). */
  maxRows?: number;
  /** Query processes kept for queries at normal priority, besides the spares (default: 2 to 4, by the number of CPUs). */
  workers?: number;
  /** Warm idle query processes kept ready beyond `workers` (default 1). */
  spares?: number;
  /** Milliseconds a query runs before it moves to the slow lane (default 250). */
  sliceMs?: number;
  /** Queries that may run at once in the slow lane, reniced (default: `workers`). */
  slowLane?: number;
  /** Largest request body in bytes (default 256 KiB); more gets 413. */
  maxBodyBytes?: number;
  /** Longest request target (path and query string) in bytes (default 8192); longer gets 414. */
  maxUrlLength?: number;
  /** Queries that may wait for a query process (default 256); more get 503. */
  maxQueue?: number;
  /**
   * Queries of one client that may run at once (default: half of `workers`, at least 1); its others wait
   * for its own to end. A client is its remote address, or X-Forwarded-For's behind `trustProxy`.
   */
  clientQueries?: number;
  /** Queries of one client that may wait beyond those running (default 32); one more gets 429 with Retry-After. */
  clientQueue?: number;
  /**
   * The proxies whose X-Forwarded-For names the client: an address, a CIDR range, or several separated by
   * commas (Fastify's `trustProxy`, proxy-addr's syntax). '' (the default): none, the client is the remote address.
   */
  trustProxy?: string;
  /** Whether query results are cached (default true; off for benchmarking the engine). */
  cache?: boolean;
  /** Cached results: entries and bytes (default 2000 and 64 MiB). */
  cacheEntries?: number;
  cacheBytes?: number;
  /**
   * A SPARQL endpoint (http or https URL) that holds the release: queries are sent there instead of the
   * query processes, and the pages are built from its graphs (backend/connect.ts). '' (the default): the
   * embedded graph.
   */
  backend?: string;
  /**
   * Memory a query may use in its process, in MiB (default 256): the V8 heap limit, the WebAssembly cap, and
   * the growth of its resident size beyond its size when ready (pool/supervisor.ts's watchdog). A query that needs more
   * gets 500 and its process is replaced.
   */
  maxHeapMb?: number;
  /**
   * Resident memory of the server and its query processes together, in MiB (0, the default here: no
   * budget): a query process beyond `workers` and the spares (a replacement started ahead of a slow-lane
   * query's time limit) is started only if it fits (pool/memory-budget.ts), and a grown process is replaced
   * at once when none fits. The
   * server's size is its process's, so that of any program that embeds it: `asm-kg serve`, a process of its
   * own, sets DEFAULT_MAX_MEMORY_MB. Read from /proc: Linux only.
   */
  maxMemoryMb?: number;
  /** Most bytes of one query's answer (default 16 MiB); a larger answer gets 500 and is never sent in part. */
  maxResultBytes?: number;
  /**
   * Bytes of answers handed to the network but not yet taken by their clients, across all clients, each
   * answer counted once however many clients it goes to (default 64 MiB); an answer that would pass it gets
   * 503 with Retry-After (unsent-budget.ts).
   */
  maxUnsentBytes?: number;
  /** Open connections in total (default: three quarters of the process's file-handle limit, `ulimit -n`, at most 16384). */
  maxConnections?: number;
  /** Open connections from one client address (default 256: room for a proxy or a campus behind one address); more get 429 and are closed at once. */
  maxConnectionsPerAddress?: number;
  /** Milliseconds a connection may stay open with no request in progress (default 10000): keep-alive, and a client that sends nothing. */
  idleTimeoutMs?: number;
  /** Bytes of rendered pages and graph documents kept for reuse (default 32 MiB): search results, list pages. */
  pageCacheBytes?: number;
  /** The render worker's options (render-worker/): the queue, the time a job may take, its heap. */
  renderQueue?: number;
  renderTimeoutMs?: number;
  renderMaxHeapMb?: number;
}

export type ResolvedOptions = Required<ServeOptions>;

/**
 * The render worker renders pages and documents off the server's thread, one at a time: at most
 * `renderQueue` (default 64) wait or run, one more gets 503 with Retry-After; a job not answered within
 * `renderTimeoutMs` (default 30000) of being asked ends the worker, which is replaced; its V8 heap is
 * capped at `renderMaxHeapMb` (default 256; this graph and its pages take some 10 MB of it).
 */
function renderOptions(options: ServeOptions): Pick<ResolvedOptions, 'renderQueue' | 'renderTimeoutMs' | 'renderMaxHeapMb'> {
  const resolved = { renderQueue: options.renderQueue ?? 64, renderTimeoutMs: options.renderTimeoutMs ?? 30_000, renderMaxHeapMb: options.renderMaxHeapMb ?? 256 };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`${key}: "${String(value)}" must be a whole number of at least 1`);
  }
  if (resolved.renderMaxHeapMb < 64) throw new UsageError(`renderMaxHeapMb: ${resolved.renderMaxHeapMb} MB is too little for the render worker to load the graph (at least 64)`);
  return resolved;
}

/** The smallest memory budget (MiB) that holds the server and one query process at rest. */
const MIN_MEMORY_MB = 256;

/**
 * `asm-kg serve`'s memory budget (MiB): the server (about 120 MB) and six query processes of about 100 MB
 * at rest (the fast lane, its spare, the slow lane and one replacement ahead, with default settings on 2
 * cores), with room for what running queries add between two checks; the hostile benches' target is
 * 800 MB throughout (bench/hostile/).
 */
export const DEFAULT_MAX_MEMORY_MB = 720;

export function resolveOptions(options: ServeOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    root: options.root ?? PACKAGE_ROOT,
    base: checkBase(options.base ?? DEFAULT_BASE),
    port: options.port ?? 8080,
    host: options.host ?? '127.0.0.1',
    allowService: (options.allowService ?? []).map(checkServiceIri),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRows: options.maxRows ?? 10_000,
    workers: options.workers ?? Math.min(4, Math.max(2, availableParallelism())),
    spares: options.spares ?? 1,
    sliceMs: options.sliceMs ?? 250,
    // As many slow-lane places as workers: each is a process (about 105 MB), and with the fast lane, the
    // spare and their replacements they must fit in the memory budget (bench/hostile/).
    slowLane: options.slowLane ?? (options.workers ?? Math.min(4, Math.max(2, availableParallelism()))),
    maxBodyBytes: options.maxBodyBytes ?? 256 * 1024,
    maxUrlLength: options.maxUrlLength ?? 8192,
    maxQueue: options.maxQueue ?? 256,
    clientQueries: options.clientQueries ?? Math.max(1, Math.floor((options.workers ?? Math.min(4, Math.max(2, availableParallelism()))) / 2)),
    clientQueue: options.clientQueue ?? 32,
    trustProxy: options.trustProxy === undefined || options.trustProxy.trim() === '' ? '' : checkTrustProxy(options.trustProxy),
    cache: options.cache ?? true,
    cacheEntries: options.cacheEntries ?? 2000,
    cacheBytes: options.cacheBytes ?? 64 * 1024 * 1024,
    maxHeapMb: options.maxHeapMb ?? 256,
    maxMemoryMb: options.maxMemoryMb ?? 0,
    maxResultBytes: options.maxResultBytes ?? 16 * 1024 * 1024,
    maxUnsentBytes: options.maxUnsentBytes ?? 64 * 1024 * 1024,
    maxConnections: options.maxConnections ?? defaultMaxConnections(),
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? 256,
    idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
    pageCacheBytes: options.pageCacheBytes ?? 32 * 1024 * 1024,
    backend: options.backend === undefined || options.backend === '' ? '' : checkBackendUrl(options.backend),
    ...renderOptions(options),
  };
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) throw new UsageError(`--port: "${options.port}" is not a port number (0–65535)`);
  if (resolved.host.trim() === '') throw new UsageError('--host: give a host name or address');
  const positive: Array<[keyof ResolvedOptions, string]> = [['timeoutMs', '--timeout'], ['maxRows', '--max-rows'], ['workers', '--workers'],
    ['maxBodyBytes', 'maxBodyBytes'], ['maxUrlLength', 'maxUrlLength'], ['maxQueue', 'maxQueue'], ['maxHeapMb', '--max-query-memory'],
    ['sliceMs', 'sliceMs'], ['slowLane', 'slowLane'], ['maxResultBytes', '--max-result-bytes'], ['maxUnsentBytes', '--max-unsent-bytes'],
    ['maxConnections', '--max-connections'], ['maxConnectionsPerAddress', '--max-connections-per-address'], ['idleTimeoutMs', 'idleTimeoutMs'],
    ['pageCacheBytes', 'pageCacheBytes'], ['clientQueries', '--client-queries']];
  if (!Number.isInteger(resolved.clientQueue) || resolved.clientQueue < 0) throw new UsageError(`--client-queue: "${resolved.clientQueue}" must be a whole number`);
  if (!Number.isInteger(resolved.spares) || resolved.spares < 0) throw new UsageError(`spares: "${resolved.spares}" must be a whole number`);
  if (!Number.isInteger(resolved.maxMemoryMb) || (resolved.maxMemoryMb !== 0 && resolved.maxMemoryMb < MIN_MEMORY_MB)) {
    throw new UsageError(`--max-memory: "${resolved.maxMemoryMb}" must be 0 (no budget) or a whole number of MB, at least ${MIN_MEMORY_MB} (the server and one query process)`);
  }
  // V8 itself needs some 30 MiB before the graph and the engine are loaded.
  if (resolved.maxHeapMb < 64) throw new UsageError(`--max-query-memory: ${resolved.maxHeapMb} MB is too little for a query process to start (at least 64)`);
  for (const [key, flag] of positive) {
    const value = resolved[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new UsageError(`${flag}: "${String(value)}" must be a whole number of at least 1`);
  }
  return resolved;
}

/**
 * The soft limit on open files of this process (`ulimit -n`), from /proc/self/limits (Linux); undefined
 * elsewhere. Every connection takes one; the dumps, the query processes' pipes and Node itself take more.
 */
export function fileHandleLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line === undefined ? undefined : /^Max open files\s+(\d+|unlimited)/.exec(line)?.[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}

/**
 * Three quarters of the file-handle limit, so that files, pipes and new clients always find a handle;
 * 16384 at most (each idle connection costs some 3 KB of memory besides its handle); 768 where the limit is unknown.
 */
function defaultMaxConnections(): number {
  const limit = fileHandleLimit();
  return limit === undefined ? 768 : Math.max(1, Math.min(16_384, Math.floor(limit * 0.75)));
}

/**
 * The trusted proxies of --trust-proxy: IPv4 or IPv6 addresses, each with an optional /prefix, separated
 * by commas. Checked here so that a typo fails at start, not as a client address taken from any header.
 */
function checkTrustProxy(text: string): string {
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxPrefix = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxPrefix))) {
      throw new UsageError(`--trust-proxy: "${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, ::1)`);
    }
  }
  return entries.join(',');
}

/** A SERVICE endpoint to allow: an absolute http(s) IRI, compared exactly with the query's. */
function checkServiceIri(iri: string): string {
  let url: URL;
  try { url = new URL(iri); } catch { throw new UsageError(`--allow-service: "${iri}" is not an absolute IRI`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--allow-service: "${iri}" must be an http or https IRI`);
  return iri;
}

/** The endpoint of --backend: an absolute http(s) URL. */
function checkBackendUrl(url: string): string {
  let parsed: URL;
  try { parsed = new URL(url); } catch { throw new UsageError(`--backend: "${url}" is not an absolute URL; write --backend sparql:http://host:port/sparql`); }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--backend: "${url}" must be an http or https URL`);
  return url;
}

/** A whole number from the command line, or a UsageError naming the option. */
export function parseCount(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${flag}: "${text}" is not a whole number`);
  return Number(text.trim());
}
