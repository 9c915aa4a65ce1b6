/**
 * The `serve` command: argv to ServeOptions, and the text the command line prints once the server
 * listens. src/cli/main.ts does the printing, waits for Ctrl-C, and closes the server.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { DEFAULT_BASE } from '../core/iri.js';
import { DEFAULT_MAX_MEMORY_MB, parseCount, type ResolvedOptions, type ServeOptions } from '../serve/options.js';
import type { AsmKgServer } from '../serve/server.js';

export const SERVE_HELP = `Usage:
  asm-kg serve [options]  serve the built graph (dist/<version>/asm-kg.nq) from memory: a SPARQL endpoint at
                          /sparql, a page for every IRI under the base, the files of dist/ under /dist/

Options of serve:
  --port N                port to listen on (default 8080; 0: any free port)
  --host HOST             address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --base IRI              IRIs under this base are served at the same path here (default ${DEFAULT_BASE})
  --allow-service IRI     let queries call this SPARQL endpoint with SERVICE (repeatable); any other SERVICE
                          is refused, and the server makes no other outgoing request
  --timeout MS            stop a query after MS milliseconds, with 503 (default 10000)
  --max-rows N            refuse a result of more than N rows or triples, with 500 (default 10000)
  --max-result-bytes N    refuse an answer of more than N bytes, with 500, before any of it is sent
                          (default 16777216: 16 MiB)
  --max-unsent-bytes N    answers waiting for slow clients may hold N bytes in all; past it, 503 with
                          Retry-After (default 67108864: 64 MiB)
  --max-connections N     open connections in total (default: 3/4 of ulimit -n, at most 16384)
  --max-connections-per-address N
                          open connections from one client address (default 256); more get 429
  --workers N             query processes kept for queries at normal priority, besides a warm spare (default:
                          2 to 4, by the number of CPUs); a query running past 250 ms moves to a slow lane
  --client-queries N      queries of one client (remote address) that run at once (default: half of
                          --workers, at least 1); its others wait, up to --client-queue N more (default 32),
                          and one more gets 429 with Retry-After
  --trust-proxy ADDR      take the client's address from X-Forwarded-For when the request comes from ADDR
                          (an address or CIDR range; several separated by commas): behind a reverse proxy
  --max-query-memory MB   heap limit of each query process (default 256), the cap of its Oxigraph
                          (WebAssembly) memory, and how far its resident size may grow beyond its size at
                          rest; a query that needs more gets 500 and its process is replaced
  --max-memory MB         resident memory of the server and its query processes together (default ${DEFAULT_MAX_MEMORY_MB};
                          0: no budget): beyond --workers and the spare, a query process (a replacement
                          started ahead of a slow query's time limit) starts only if it fits, and a grown
                          process is replaced at once when none fits (read from /proc: Linux only)
  --backend sparql:URL    front the SPARQL store at URL instead of the built graph: queries go there (with
                          --timeout; a failing store gives 502, a slow one 504), the pages are built from
                          its graphs, read once at start-up
  --no-cache              do not cache query results (to measure the engine)
  --root DIR              project folder holding dist/ and queries/ (default: this package)

Queries over the built graph run on Oxigraph, DESCRIBE and SERVICE on Comunica; the environment variable
ASM_KG_SERVE_ENGINE=comunica runs every query on Comunica (docs/engines.md).
`;

export type ParsedServeArgs = { help: true } | { help: false; options: ServeOptions };

export function parseServeArgs(argv: string[]): ParsedServeArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      base: { type: 'string' },
      'allow-service': { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'max-rows': { type: 'string' },
      'max-result-bytes': { type: 'string' },
      'max-unsent-bytes': { type: 'string' },
      'max-connections': { type: 'string' },
      'max-connections-per-address': { type: 'string' },
      workers: { type: 'string' },
      'max-query-memory': { type: 'string' },
      'max-memory': { type: 'string' },
      'client-queries': { type: 'string' },
      'client-queue': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'no-cache': { type: 'boolean' },
      backend: { type: 'string' },
      root: { type: 'string' },
    },
  });
  if (values.help) return { help: true };
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, only options (not "${positionals[0]}"); try asm-kg serve --help`);
  const options: ServeOptions = {};
  const port = parseCount('--port', values.port);
  if (port !== undefined) options.port = port;
  if (values.host !== undefined) options.host = values.host;
  if (values.base !== undefined) options.base = values.base;
  if (values['allow-service'] !== undefined) options.allowService = values['allow-service'];
  const timeout = parseCount('--timeout', values.timeout);
  if (timeout !== undefined) options.timeoutMs = timeout;
  const maxRows = parseCount('--max-rows', values['max-rows']);
  if (maxRows !== undefined) options.maxRows = maxRows;
  const counts: Array<['max-result-bytes' | 'max-unsent-bytes' | 'max-connections' | 'max-connections-per-address', 'maxResultBytes' | 'maxUnsentBytes' | 'maxConnections' | 'maxConnectionsPerAddress']> = [
    ['max-result-bytes', 'maxResultBytes'], ['max-unsent-bytes', 'maxUnsentBytes'], ['max-connections', 'maxConnections'], ['max-connections-per-address', 'maxConnectionsPerAddress']];
  for (const [flag, key] of counts) {
    const value = parseCount(`--${flag}`, values[flag]);
    if (value !== undefined) options[key] = value;
  }
  const workers = parseCount('--workers', values.workers);
  if (workers !== undefined) options.workers = workers;
  const clientQueries = parseCount('--client-queries', values['client-queries']);
  if (clientQueries !== undefined) options.clientQueries = clientQueries;
  const clientQueue = parseCount('--client-queue', values['client-queue']);
  if (clientQueue !== undefined) options.clientQueue = clientQueue;
  if (values['trust-proxy'] !== undefined) options.trustProxy = values['trust-proxy'];
  const maxHeapMb = parseCount('--max-query-memory', values['max-query-memory']);
  if (maxHeapMb !== undefined) options.maxHeapMb = maxHeapMb;
  const maxMemoryMb = parseCount('--max-memory', values['max-memory']);
  if (maxMemoryMb !== undefined) options.maxMemoryMb = maxMemoryMb;
  if (values['no-cache']) options.cache = false;
  if (values.backend !== undefined) {
    if (!values.backend.startsWith('sparql:')) throw new UsageError(`--backend: "${values.backend}" should be sparql:URL, e.g. sparql:http://localhost:8890/sparql`);
    options.backend = values.backend.slice('sparql:'.length);
  }
  if (values.root !== undefined) options.root = values.root;
  return { help: false, options };
}

/**
 * The options the command line starts the server with: those given, over the command line's own defaults
 * (the memory budget, which createServer leaves off because there the server shares its process).
 */
export function withCommandLineDefaults(options: ServeOptions): ServeOptions {
  return { maxMemoryMb: DEFAULT_MAX_MEMORY_MB, ...options };
}

/** What the command line prints once the server listens. */
export function startupMessage(server: AsmKgServer): string {
  const url = server.url!;
  const { options } = server;
  return [
    options.backend === ''
      ? `asm-kg serve: listening on ${url}/ (${options.workers} query processes + ${options.spares} spare, ${options.maxHeapMb} MB and ${options.timeoutMs} ms per query, ${options.maxMemoryMb === 0 ? 'no memory budget' : `${options.maxMemoryMb} MB in all`}, at most ${options.maxRows} rows${options.cache ? '' : ', no result cache'})`
      : `asm-kg serve: listening on ${url}/ (queries sent to ${options.backend}, ${options.timeoutMs} ms per query, at most ${options.maxRows} rows${options.cache ? '' : ', no result cache'})`,
    `  SPARQL endpoint   ${url}/sparql`,
    `  a resource        ${url}${server.samplePath}`,
    `  dumps             ${url}${server.dumpsPath}`,
    `  IRIs under ${options.base} are served here; Ctrl-C stops.`,
    '',
  ].join('\n');
}

/** A listen error the user can fix, as a UsageError; anything else as it is. */
/** The error of a failed listen, in terms of the option to change; `options` are the resolved ones. */
export function listenError(error: unknown, options: ResolvedOptions): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`--port: ${options.port} is already in use (try another, or --port 0)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UsageError(`--host: cannot listen on "${options.host}"`);
  if (code === 'EACCES') return new UsageError(`--port: not allowed to listen on ${options.port}`);
  return error;
}
