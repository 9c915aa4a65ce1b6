/**
 * Dereferenceable IRIs. An IRI under the base is served at the same path on this server
 * (`{base}id/statement/w2-a-1` ↔ `/id/statement/w2-a-1`): the IRI names a thing, so a GET of it answers
 * 303 See Other to the document that describes it in the format the client prefers
 * (`/id/statement/w2-a-1.html`, `.ttl`, `.nt`, `.jsonld`, `.rdf`, `.nq`, `.trig`), and those documents are served with their
 * validators. Hash IRIs (`ontology#Obstacle`) resolve through their document (`/ontology`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPages } from '../../render/page-cache.js';
import type { ResourceIndex } from '../../render/resource-index.js';
import type { RenderWorker } from '../render-worker/index.js';
import { negotiate } from '../accept.js';
import { OFFERS, seeOther } from '../../core/dereference.js';
import { Lru } from '../../core/lru.js';
import { DOCUMENT_TYPES, HTML, SUFFIX_TYPES, TYPE_SUFFIXES } from '../../core/formats.js';
import { sendDocument, sendError, type Document } from '../respond.js';
import { orUnavailable } from './render-failure.js';
import type { ReleaseArchive } from '../../render/release-archive.js';
import { timeGate } from './memento.js';

export interface LinkedDataContext {
  index: ResourceIndex;
  base: string;
  prefixes: Record<string, string>;
  cacheControl: string;
  /** The site's pages, rendered off this thread and kept: a resource's HTML description, the list pages of the IRI folders. */
  pages: CachedPages;
  /** Whether a path is a list page of an IRI folder (/id/statement/, /id/statement/page/2): only those are rendered. */
  isListPath: (path: string) => boolean;
  /** Renders a resource's RDF documents off this thread. */
  renderer: RenderWorker;
  /** The released descriptions: a resource's IRI is also its TimeGate (routes/memento.ts). */
  archive?: ReleaseArchive;
}

/** What a path on this server names: a resource (to be redirected) or one of its documents, or nothing. */
export type Target =
  | { kind: 'resource'; iri: string; path: string }
  | { kind: 'document'; iri: string; path: string; mediaType: string }
  | undefined;

export function resolvePath(index: ResourceIndex, rawPath: string): Target {
  for (const path of candidates(rawPath)) {
    const iri = index.base + path.slice(1);
    if (index.has(iri)) return { kind: 'resource', iri, path };
    const suffixed = /^(.*)\.([a-z]+)$/.exec(path);
    const mediaType = suffixed ? SUFFIX_TYPES[suffixed[2]!] : undefined;
    if (suffixed && mediaType && index.has(index.base + suffixed[1]!.slice(1))) {
      return { kind: 'document', iri: index.base + suffixed[1]!.slice(1), path: suffixed[1]!, mediaType };
    }
  }
  return undefined;
}

/** The path as sent, then percent-decoded (IRIs with non-ASCII characters arrive encoded). */
function candidates(rawPath: string): string[] {
  try {
    const decoded = decodeURIComponent(rawPath);
    return decoded === rawPath ? [rawPath] : [rawPath, decoded];
  } catch {
    return [rawPath];
  }
}

export function registerLinkedData(app: FastifyInstance, context: LinkedDataContext): void {
  const documents = new Lru<string, Document>({ maxEntries: 4000, maxBytes: 64 * 1024 * 1024 });

  const handler = (request: FastifyRequest, reply: FastifyReply) => orUnavailable(reply, async () => {
    const rawPath = request.raw.url!.split('?')[0]!;
    const target = resolvePath(context.index, rawPath);
    // A resource is its own TimeGate (Memento): Accept-Datetime is answered here, before anything else.
    const iri = target?.kind === 'resource' ? target.iri : target === undefined ? iriOf(context, rawPath) : undefined;
    const gate = context.archive === undefined || iri === undefined ? undefined : timeGate(context.archive, iri, request, reply, context.cacheControl);
    if (gate !== undefined && 'sent' in gate) return gate.sent;
    if (target === undefined) {
      // A list page of an IRI folder (/id/statement/, /id/statement/page/2) is a page, not a resource.
      const path = candidates(rawPath).at(-1)!;
      const list = context.isListPath(path) ? await context.pages.render(path, new URLSearchParams()) : undefined;
      if (list !== undefined) return sendDocument(request, reply, { body: list.body, etag: list.etag, mediaType: HTML, cacheControl: context.cacheControl });
      if (gate !== undefined) return sendError(reply, 404, `the current release no longer describes ${iri}; the releases that did are in its TimeMap`, { ...gate.headers, Vary: 'Accept-Datetime' });
      return sendError(reply, 404, `nothing is known about ${rawPath}; see / for what this server has`);
    }
    if (target.kind === 'resource') {
      const mediaType = negotiate(request.headers.accept, OFFERS.thing);
      reply.header('Vary', gate === undefined ? 'Accept' : 'Accept, Accept-Datetime');
      for (const [name, value] of Object.entries(gate?.headers ?? {})) reply.header(name, value);
      if (mediaType === undefined) return sendError(reply, 406, `a description of ${target.iri} can be had as ${OFFERS.thing.join(', ')}`, { Vary: 'Accept' });
      const location = encodeURI(`/${seeOther('thing', target.path.slice(1), mediaType)}`);
      return reply.code(303).header('Location', location).header('Cache-Control', context.cacheControl)
        .type('text/plain; charset=utf-8').send(`303 See Other: ${target.iri} is described by ${location}\n`);
    }
    const key = `${target.iri} ${target.mediaType}`;
    let document = documents.get(key);
    if (document === undefined) {
      document = await buildDocument(context, target.iri, target.path, target.mediaType);
      documents.set(key, document, Buffer.byteLength(document.body));
    }
    return sendDocument(request, reply, document);
  });
  app.get('/*', handler);
}

/** The IRI a path names, when it is under the base and no file of dist/ (an IRI no release may describe). */
function iriOf(context: LinkedDataContext, rawPath: string): string | undefined {
  const path = candidates(rawPath).at(-1)!;
  return path.length > 1 && !path.startsWith('/dist/') ? context.base + path.slice(1) : undefined;
}

async function buildDocument(context: LinkedDataContext, iri: string, path: string, mediaType: string): Promise<Document> {
  // Turtle, N-Triples, JSON-LD, RDF/XML, and N-Quads and TriG (which say the named graph of each triple),
  // written by the render worker; the HTML page is one of the pages. Both off this thread.
  const [document, page] = await Promise.all([
    context.renderer.document(iri, mediaType === HTML ? undefined : mediaType),
    mediaType === HTML ? context.pages.render(path, new URLSearchParams()) : undefined,
  ]);
  // Every IRI the index describes has a page and a description (the worker's index is the same): none is a bug here.
  if (document === undefined || (mediaType === HTML && page === undefined)) throw new Error(`no ${mediaType} document for ${iri}, which the resource index describes`);
  const { body, etag } = page ?? document;
  const links = DOCUMENT_TYPES.filter((type) => type !== mediaType).map((type) => `<${encodeURI(`${path}.${TYPE_SUFFIXES[type]}`)}>; rel="alternate"; type="${type}"`);
  const headers: Record<string, string> = { Link: [...links, `<${encodeURI(iri)}>; rel="describes"`].join(', ') };
  // Never cut short silently: the HTML says so in the page, every format says so in a header.
  if (document.incomingTruncated) headers['X-Description-Truncated'] = `only the first ${document.incoming} incoming links are given; query /sparql for all`;
  return { body, etag, mediaType, cacheControl: context.cacheControl, headers };
}
