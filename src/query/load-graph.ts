/**
 * loadGraph: the built graph (dist/<version>/asm-kg.nq, every named graph) and any extra sources, in one
 * N3 Store for the query engine. Local files and downloaded documents are parsed into the store; SPARQL
 * endpoints are only recorded, to be queried live.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DataFactory, type Quad, type Store } from 'n3';
import { QuerySourceError } from '../errors.js';
import { NQUADS_DUMP, releasePath } from '../release.js';
import { createStore } from '../store.js';
import { formatFromExtension, formatFromMediaType, parseRdf, RDF_ACCEPT } from './rdf-formats.js';
import type { LoadGraphOptions, QueryGraph } from './types.js';

/**
 * The package folder (above lib/query/ or src/query/). Not imported from build.ts, which would load the
 * whole build pipeline (SHACL, serializers) into every query.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The prefix that marks a source as a SPARQL endpoint: `sparql:https://example.org/sparql`. */
export const ENDPOINT_PREFIX = 'sparql:';

export async function loadGraph(options: LoadGraphOptions = {}): Promise<QueryGraph> {
  const root = options.root ?? PACKAGE_ROOT;
  const store = createStore();
  const names: string[] = [];
  const endpoints: string[] = [];
  if (options.includeBuilt ?? true) {
    const dump = builtGraphPath(root);
    // Through parseRdf, so that a damaged dump is reported with its file, line and column.
    store.addQuads(await parseRdf(await readFile(dump, 'utf8'), 'nquads', dump, pathToFileURL(dump).href));
    names.push(dump);
  }
  for (const source of options.sources ?? []) {
    if (source.startsWith(ENDPOINT_PREFIX)) {
      endpoints.push(checkHttpUrl(source, source.slice(ENDPOINT_PREFIX.length)));
    } else if (/^https?:\/\//i.test(source)) {
      addInGraph(store, await download(checkHttpUrl(source, source)), source);
    } else {
      const path = source.startsWith('file:') ? fileURLToPath(source) : resolve(source);
      const iri = pathToFileURL(path).href;
      addInGraph(store, await readLocal(source, path, iri), iri);
    }
    names.push(source);
  }
  return { store, endpoints, sources: names, size: store.size };
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

/** A source's default-graph triples go into a graph named after it; its named graphs stay as they are. */
function addInGraph(store: Store, quads: Quad[], graphIri: string): void {
  const graph = DataFactory.namedNode(graphIri);
  for (const q of quads) {
    store.addQuad(q.graph.termType === 'DefaultGraph' ? DataFactory.quad(q.subject, q.predicate, q.object, graph) : q);
  }
}

async function readLocal(source: string, path: string, iri: string): Promise<Quad[]> {
  const format = formatFromExtension(path);
  if (format === undefined) {
    throw new QuerySourceError(source, 'unsupported format: give a file ending in .ttl, .nt, .nq, .trig, .n3, .jsonld, .json, .rdf, .owl or .xml');
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new QuerySourceError(source, code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  return parseRdf(text, format, source, iri);
}

async function download(url: string): Promise<Quad[]> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: RDF_ACCEPT } });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    throw new QuerySourceError(url, `download failed: ${cause?.message ?? (error as Error).message}`);
  }
  if (!response.ok) throw new QuerySourceError(url, `download failed: HTTP ${response.status} ${response.statusText}`.trim());
  const contentType = response.headers.get('content-type');
  // Servers often send RDF as text/plain or application/octet-stream: then the extension decides.
  const format = formatFromMediaType(contentType) ?? formatFromExtension(new URL(response.url || url).pathname);
  if (format === undefined) throw new QuerySourceError(url, `unsupported media type ${contentType ?? '(none)'}`);
  return parseRdf(await response.text(), format, url, response.url || url);
}

function checkHttpUrl(source: string, url: string): string {
  let parsed: URL;
  try { parsed = new URL(url); } catch { throw new QuerySourceError(source, `"${url}" is not an absolute URL`); }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new QuerySourceError(source, 'only http and https URLs can be queried');
  return url;
}
