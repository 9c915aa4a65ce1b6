/**
 * Memento (RFC 7089, pattern 2.1: the Original Resource is its own TimeGate) on the server:
 *
 *  - a current IRI answers Accept-Datetime with 302 Found to its memento in the release in force at that
 *    date (the first release for an earlier date), Vary: accept-datetime; a malformed date is a 400;
 *    without the header it answers as before, with Link: original, timegate, timemap (timeGate() below,
 *    called by linked-data.ts);
 *  - a memento, /version/{version}/{path}, answers 303 See Other to its description in the format asked
 *    for (/version/{version}/{path}.ttl, …, .html), and those documents are its description in that
 *    release's frozen dump; both say Memento-Datetime and link the original, the TimeMap and the first,
 *    last, previous and next mementos;
 *  - /timemap/{path} is the resource's TimeMap, application/link-format.
 * Links are paths on this server (resolved against the request's URL), as the other Link headers are.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mementoPath, parseMementoPath, parseTimeMapPath, timeMapPath } from '../../core/memento-iris.js';
import { httpDate, parseHttpDate, releaseAt, releaseInstant } from '../../core/release-dates.js';
import type { ReleaseArchive, Memento } from '../../render/release-archive.js';
import { LINK_FORMAT } from '../../serialize/link-format.js';
import { timeMapOf } from '../../render/time-map.js';
import { negotiate } from '../accept.js';
import { OFFERS, seeOther } from '../../core/dereference.js';
import { Lru } from '../../core/lru.js';
import { DOCUMENT_TYPES, SUFFIX_TYPES, TYPE_SUFFIXES } from '../../core/formats.js';
import { sendDocument, sendError, type Document } from '../respond.js';
import type { RenderWorker } from '../render-worker/index.js';
import { orUnavailable } from './render-failure.js';

export interface MementoContext {
  archive: ReleaseArchive;
  cacheControl: string;
  /** Renders a memento's documents and pages off this thread, from its own copy of the archive. */
  renderer: RenderWorker;
}

const local = (path: string) => encodeURI(`/${path}`);

/** The Link header of a memento: the original and TimeGate, the TimeMap, the first, last, previous and next mementos. */
export function mementoLinks(mementos: Memento[], version: string): string {
  const path = mementos[0]!.path;
  const at = mementos.findIndex((m) => m.version === version);
  const rels = new Map<number, string[]>();
  const add = (index: number, rel: string) => { if (index >= 0 && index < mementos.length) rels.set(index, [...rels.get(index) ?? [], rel]); };
  add(0, 'first'); add(mementos.length - 1, 'last'); add(at - 1, 'prev'); add(at + 1, 'next');
  return [
    `<${local(path)}>; rel="original timegate"`,
    `<${local(timeMapPath(path))}>; rel="timemap"; type="${LINK_FORMAT}"`,
    ...[...rels].sort(([a], [b]) => a - b).map(([i, words]) => `<${local(mementoPath(mementos[i]!.version, path))}>; rel="${words.join(' ')} memento"; datetime="${httpDate(releaseInstant(mementos[i]!))}"`),
  ].join(', ');
}

/** The Link header of an Original Resource that is its own TimeGate. */
function originalLinks(mementos: Memento[]): string {
  const path = mementos[0]!.path;
  const ends = [mementos[0]!, mementos.at(-1)!].filter((m, i, all) => all.indexOf(m) === i);
  return [
    `<${local(path)}>; rel="original timegate"`,
    `<${local(timeMapPath(path))}>; rel="timemap"; type="${LINK_FORMAT}"`,
    ...ends.map((m, i) => `<${local(mementoPath(m.version, path))}>; rel="${mementos.length === 1 ? 'first last' : i === 0 ? 'first' : 'last'} memento"; datetime="${httpDate(releaseInstant(m))}"`),
  ].join(', ');
}

/**
 * The TimeGate of a current IRI (or of one that only past releases describe): with Accept-Datetime, a
 * reply sent (302 to the memento, or 400); without, the headers to add to the usual answer. Undefined
 * when no release describes the IRI (no Memento headers at all).
 */
export function timeGate(archive: ReleaseArchive, iri: string, request: FastifyRequest, reply: FastifyReply, cacheControl: string): { sent: FastifyReply } | { headers: Record<string, string> } | undefined {
  const mementos = archive.mementos(iri);
  if (mementos.length === 0) return undefined;
  const header = request.headers['accept-datetime'];
  const asked = Array.isArray(header) ? header.join(', ') : header;
  if (asked === undefined) return { headers: { Link: originalLinks(mementos) } };
  const instant = parseHttpDate(asked);
  if (instant === undefined) {
    return { sent: sendError(reply, 400, `the Accept-Datetime header must be an RFC 1123 date in GMT such as "${httpDate(releaseInstant(mementos.at(-1)!))}", not "${asked}"`, { Vary: 'accept-datetime' }) };
  }
  const memento = releaseAt(mementos, instant)!;
  const location = local(mementoPath(memento.version, memento.path));
  return {
    sent: reply.code(302).header('Location', location).header('Vary', 'accept-datetime').header('Link', originalLinks(mementos))
      .header('Cache-Control', cacheControl).type('text/plain; charset=utf-8')
      .send(`302 Found: ${iri} as of ${instant.toUTCString()} is ${location} (release ${memento.version})\n`),
  };
}

export function registerMementos(app: FastifyInstance, context: MementoContext): void {
  const { archive } = context;
  const documents = new Lru<string, Document>({ maxEntries: 2000, maxBytes: 32 * 1024 * 1024 });

  app.get('/version/*', (request, reply) => orUnavailable(reply, async () => {
    const rawPath = decodedPath(request);
    const parsed = parseMementoPath(rawPath);
    if (parsed === undefined || archive.release(parsed.version) === undefined) {
      const releases = archive.releases.length === 0
        ? 'this server has no dated releases (data/release.json "releases", published under the default base)'
        : `the releases are ${archive.releases.map((r) => r.version).join(', ')}`;
      return sendError(reply, 404, `no release ${parsed?.version ?? rawPath.split('/')[1] ?? ''} has mementos here; ${releases}`);
    }
    const { version } = parsed;
    let path = parsed.path;
    let mediaType: string | undefined;
    if (archive.describe(version, archive.base + path) === undefined) {
      const suffixed = /^(.*)\.([a-z]+)$/.exec(path);
      mediaType = suffixed ? SUFFIX_TYPES[suffixed[2]!] : undefined;
      if (suffixed && mediaType !== undefined) path = suffixed[1]!;
    }
    const iri = archive.base + path;
    const description = archive.describe(version, iri);
    if (description === undefined) {
      const releases = archive.mementos(iri).map((m) => m.version);
      return sendError(reply, 404, `release ${version} does not describe ${iri}${releases.length > 0 ? `; releases ${releases.join(', ')} do, see ${local(timeMapPath(path))}` : ''}`);
    }
    const mementos = archive.mementos(iri);
    const headers = { 'Memento-Datetime': httpDate(releaseInstant(archive.release(version)!)), Link: mementoLinks(mementos, version) };
    if (mediaType === undefined) {
      const chosen = negotiate(request.headers.accept, OFFERS.thing);
      if (chosen === undefined) return sendError(reply, 406, `a description of ${iri} can be had as ${OFFERS.thing.join(', ')}`, { Vary: 'Accept', ...headers });
      const location = local(seeOther('thing', mementoPath(version, path), chosen));
      for (const [name, value] of Object.entries(headers)) reply.header(name, value);
      return reply.code(303).header('Location', location).header('Vary', 'Accept').header('Cache-Control', context.cacheControl)
        .type('text/plain; charset=utf-8').send(`303 See Other: ${iri} as released in ${version} is described by ${location}\n`);
    }
    const key = `${version} ${iri} ${mediaType}`;
    let document = documents.get(key);
    if (document === undefined) {
      const rendered = await context.renderer.memento(version, iri, mediaType);
      if (rendered === undefined) throw new Error(`the render worker has no release ${version} of ${iri}, which the archive describes`);
      const alternates = DOCUMENT_TYPES.filter((type) => type !== mediaType)
        .map((type) => `<${local(`${mementoPath(version, path)}.${TYPE_SUFFIXES[type]}`)}>; rel="alternate"; type="${type}"`);
      document = {
        body: rendered.body, etag: rendered.etag, mediaType, cacheControl: context.cacheControl,
        headers: { 'Memento-Datetime': headers['Memento-Datetime'], Link: [headers.Link, ...alternates].join(', ') },
      };
      documents.set(key, document, Buffer.byteLength(document.body));
    }
    return sendDocument(request, reply, document);
  }));

  app.get('/timemap/*', async (request, reply) => {
    const path = parseTimeMapPath(decodedPath(request));
    const mementos = path === undefined ? [] : archive.mementos(archive.base + path);
    if (path === undefined || mementos.length === 0) return sendError(reply, 404, `no release describes ${archive.base}${path ?? ''}, so it has no TimeMap`);
    return sendDocument(request, reply, { body: timeMapOf(mementos, local), mediaType: LINK_FORMAT, cacheControl: context.cacheControl });
  });
}

/** The request's path without its leading slash, percent-decoded when it decodes. */
function decodedPath(request: FastifyRequest): string {
  const raw = request.raw.url!.split('?')[0]!.slice(1);
  try { return decodeURIComponent(raw); } catch { return raw; }
}
