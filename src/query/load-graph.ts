/**
 * loadGraph: the built graph (dist/<version>/asm-kg.nq, every named graph) and any extra sources, in one
 * N3 Store for the query engine, whose default graph is then filled with the merge of all the named
 * graphs (src/query/default-graph.ts). Local files and downloaded documents are parsed into the store; SPARQL
 * endpoints are only recorded, to be queried live.
 *
 * Loading is bounded: all of it (reading, downloading, parsing) stops at `timeoutMs`, a source may have
 * at most `maxSourceBytes` (an endless stream is cut off there), and a path that is not a regular file
 * (a FIFO, a device, a directory) is refused before anything is read from it.
 */
import { constants, createReadStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DataFactory, type Quad, type Store } from 'n3';
import { QuerySourceError, SourceTimeoutError } from '../core/errors.js';
import { decodeUtf8 } from '../rdf/parse.js';
import { PACKAGE_ROOT } from '../core/paths.js';
import { NQUADS_DUMP, releasePath } from '../core/release.js';
import { createStore } from '../rdf/store.js';
import { addMergedDefaultGraph } from './default-graph.js';
import { formatFromExtension, formatFromMediaType, RDF_ACCEPT, readRdf, type QuadSink } from './rdf-formats.js';
import type { LoadGraphOptions, QueryGraph } from './types.js';

/** The prefix that marks a source as a SPARQL endpoint: `sparql:https://example.org/sparql`. */
export const ENDPOINT_PREFIX = 'sparql:';

/**
 * The largest source read by default: 128 MiB. A parsed source holds about 16 times its size in the heap
 * (measured: 23 MB of N-Triples, 303,622 triples, kept 356 MB; `node --expose-gc --import tsx
 * bench/source-memory.ts`), so 128 MiB already needs about 2 GiB of Node's default heap limit (about
 * 4 GiB on a 64-bit machine); a larger source is better loaded into a triple store than into this command.
 */
export const DEFAULT_MAX_SOURCE_BYTES = 128 * 1024 * 1024;

/** What each read is bounded by. */
interface Limits {
  maxBytes: number;
  signal: AbortSignal;
}

export async function loadGraph(options: LoadGraphOptions = {}): Promise<QueryGraph> {
  return loadGraphInto(createStore(), options);
}

/**
 * As loadGraph, into a store that already holds quads (serve --backend's snapshot of a store's graphs,
 * to which the dataset descriptions are added as embedded adds them to the dump).
 */
export async function loadGraphInto(store: Store, options: LoadGraphOptions = {}): Promise<QueryGraph> {
  const root = options.root ?? PACKAGE_ROOT;
  const names: string[] = [];
  const endpoints: string[] = [];
  if (options.includeBuilt ?? true) {
    const dump = builtGraphPath(root);
    // Streamed from the file into the store, quad by quad: at a million triples neither the dump's text
    // nor an array of its quads is held beside the store. Through readRdf, so that a damaged dump is
    // reported with its file, line and column.
    await readRdf(createReadStream(dump, { highWaterMark: 1024 * 1024 }), 'nquads', dump, pathToFileURL(dump).href, (quad) => { store.addQuad(quad); });
    names.push(dump);
  }
  // The time limit counts from here: the extra sources are what can be slow, endless or hang.
  const started = performance.now();
  const controller = new AbortController();
  const timer = options.timeoutMs === undefined ? undefined
    : setTimeout(() => controller.abort(new Error('the time limit ran out')), options.timeoutMs);
  const limits: Limits = { maxBytes: options.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES, signal: controller.signal };
  let loading = '';
  try {
    for (const source of options.sources ?? []) {
      loading = source;
      if (source.startsWith(ENDPOINT_PREFIX)) {
        endpoints.push(checkHttpUrl(source, source.slice(ENDPOINT_PREFIX.length)));
      } else if (/^https?:\/\//i.test(source)) {
        await download(checkHttpUrl(source, source), limits, inGraph(store, source));
      } else {
        const path = source.startsWith('file:') ? fileURLToPath(source) : resolve(source);
        const iri = pathToFileURL(path).href;
        await readLocal(source, path, iri, limits, inGraph(store, iri));
      }
      names.push(source);
    }
  } catch (error) {
    // Whatever a read or parse threw once the time was up, the cause is the time limit.
    if (controller.signal.aborted) throw new SourceTimeoutError(loading, options.timeoutMs!);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const size = store.size;
  if (options.mergeDefaultGraph ?? true) addMergedDefaultGraph(store);
  return { store, endpoints, sources: names, size, sourcesMs: performance.now() - started };
}

/** The current release's N-Quads dump (dist/<version>/asm-kg.nq, the version from data/release.json). */
export function builtGraphPath(root: string): string {
  let path: string;
  try {
    path = releasePath(root, NQUADS_DUMP);
  } catch (error) {
    // A missing release file means no project here; any other problem with it has its own message.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new QuerySourceError(join(root, 'data/release.json'), 'not found: is --root a project folder?');
    throw error;
  }
  if (!existsSync(path)) throw new QuerySourceError(path, 'the built graph is missing: run `npm run build` first');
  return path;
}

/**
 * Adds a source's quads to the store as they are parsed (no array of them in between): its default-graph
 * triples go into a graph named after it; its named graphs stay as they are.
 */
function inGraph(store: Store, graphIri: string): QuadSink {
  const graph = DataFactory.namedNode(graphIri);
  return (q: Quad) => {
    if (q.graph.termType === 'DefaultGraph') store.addQuad(q.subject, q.predicate, q.object, graph);
    else store.addQuad(q);
  };
}

async function readLocal(source: string, path: string, iri: string, limits: Limits, sink: QuadSink): Promise<number> {
  const format = formatFromExtension(path);
  if (format === undefined) {
    throw new QuerySourceError(source, 'unsupported format: give a file ending in .ttl, .nt, .nq, .trig, .n3, .jsonld, .json, .rdf, .owl or .xml');
  }
  return readRdf(await readRegularFile(source, path, limits), format, source, iri, sink, limits.signal);
}

/**
 * A regular file's text, at most limits.maxBytes. Opened without blocking (opening a FIFO for reading
 * would otherwise wait for a writer for ever) and checked with fstat on the open file, so that what is
 * checked is what is read.
 */
async function readRegularFile(source: string, path: string, limits: Limits): Promise<string> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new QuerySourceError(source, code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      const kind = info.isFIFO() ? 'a FIFO (named pipe)' : info.isDirectory() ? 'a directory' : info.isSocket() ? 'a socket'
        : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
      throw new QuerySourceError(source, `${kind}, not a regular file: only files can be sources (save a stream to a file first)`);
    }
    if (info.size > limits.maxBytes) throw tooLarge(source, limits.maxBytes, `${info.size} bytes`);
    // Read in pieces, not by size: a file may grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      limits.signal.throwIfAborted();
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(1024 * 1024), 0, 1024 * 1024, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limits.maxBytes) throw tooLarge(source, limits.maxBytes, 'more');
      chunks.push(buffer.subarray(0, bytesRead));
    }
    // As the build reads its sources: invalid UTF-8 is an error at file:line:column, never a silent U+FFFD.
    return decodeUtf8(Buffer.concat(chunks), source);
  } finally {
    await handle.close();
  }
}

function tooLarge(source: string, maxBytes: number, size: string): QuerySourceError {
  return new QuerySourceError(source, `larger than the limit of ${maxBytes} bytes (${size}); stopped reading. Raise it with --max-source-bytes, or load a source this large into a triple store`);
}

async function download(url: string, limits: Limits, sink: QuadSink): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: RDF_ACCEPT }, signal: limits.signal });
  } catch (error) {
    limits.signal.throwIfAborted();
    const cause = (error as { cause?: Error }).cause;
    throw new QuerySourceError(url, `download failed: ${cause?.message ?? (error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new QuerySourceError(url, `download failed: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const contentType = response.headers.get('content-type');
  // Servers often send RDF as text/plain or application/octet-stream: then the extension decides.
  const format = formatFromMediaType(contentType) ?? formatFromExtension(new URL(response.url || url).pathname);
  if (format === undefined) {
    await response.body?.cancel();
    throw new QuerySourceError(url, `unsupported media type ${contentType ?? '(none)'}`);
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, limits.maxBytes, `Content-Length ${declared}`);
  }
  return readRdf(await readBody(url, response, limits), format, url, response.url || url, sink, limits.signal);
}

/** The body as text, cut off (and the connection dropped) past limits.maxBytes. */
async function readBody(url: string, response: Response, limits: Limits): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limits.maxBytes) {
      await reader.cancel();
      throw tooLarge(url, limits.maxBytes, 'more');
    }
    chunks.push(value);
  }
  return decodeUtf8(Buffer.concat(chunks), url);
}

function checkHttpUrl(source: string, url: string): string {
  let parsed: URL;
  try { parsed = new URL(url); } catch { throw new QuerySourceError(source, `"${url}" is not an absolute URL`); }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new QuerySourceError(source, 'only http and https URLs can be queried');
  return url;
}
