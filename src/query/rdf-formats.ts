/**
 * Reading RDF documents of any common format into N3 quads, for the extra sources of a query: the format
 * comes from a file's extension or a download's media type. N3.js reads the text formats; JSON-LD and
 * RDF/XML parsers load only when such a document is given.
 *
 * readRdf hands each quad to a sink as it is parsed (a store, usually), so that a large document is never
 * held as an array of quads beside the store; the text formats can also be read from a stream (a file),
 * so that neither is the whole text.
 */
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { DataFactory, Parser, type Quad } from 'n3';
import type * as RDF from '@rdfjs/types';
import { formatsFor, type RdfFormat } from '../core/formats.js';
import { QuerySourceError, SyntaxInputError } from '../errors.js';

export type { RdfFormat };

/** Extension → reader, from the format table: each format's suffix and other extensions. */
const BY_EXTENSION: Record<string, RdfFormat> = Object.fromEntries(formatsFor('read').flatMap((f) =>
  [f.suffix!, ...(f.extensions ?? [])].map((extension) => [extension, f.reader!])));

/** Media type → reader, from the format table: each format's media type and the other types that name it. */
const BY_MEDIA_TYPE: Record<string, RdfFormat> = Object.fromEntries(formatsFor('read').flatMap((f) =>
  [f.mediaType, ...(f.readTypes ?? []).map((alias) => alias.mediaType)].map((type) => [type, f.reader!])));

/** The Accept header of a download: the formats above, the ones N3.js reads first. */
export const RDF_ACCEPT = [
  ...formatsFor('read').map((f) => ({ mediaType: f.mediaType, quality: f.readQuality ?? 1 })),
  ...formatsFor('read').flatMap((f) => (f.readTypes ?? []).filter((alias) => alias.quality !== undefined)),
].map((range, order) => ({ ...range, order }))
  .sort((a, b) => b.quality! - a.quality! || a.order - b.order)
  .map(({ mediaType, quality }) => (quality === 1 ? mediaType : `${mediaType};q=${quality}`))
  .concat('*/*;q=0.1').join(', ');

/** The format of a path or URL by its extension (".gz" is not read), or undefined. */
export function formatFromExtension(path: string): RdfFormat | undefined {
  const name = path.replace(/[?#].*$/, '');
  const dot = name.lastIndexOf('.');
  return dot < 0 || name.lastIndexOf('/') > dot ? undefined : BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/** The format of a Content-Type header value, or undefined (text/plain and the like say nothing). */
export function formatFromMediaType(contentType: string | null): RdfFormat | undefined {
  if (!contentType) return undefined;
  return BY_MEDIA_TYPE[contentType.split(';')[0]!.trim().toLowerCase()];
}

/** Reader → N3.js's name of the format, for the syntaxes N3.js reads. */
const N3_FORMATS: Record<string, string> = Object.fromEntries(formatsFor('read').filter((f) => f.n3 !== undefined).map((f) => [f.reader!, f.n3!]));

/** Receives each quad as it is parsed. */
export type QuadSink = (quad: Quad) => void;

/**
 * Parses `text`; `name` (a path or URL) names the document in errors, `baseIRI` resolves relative IRIs.
 * When `signal` aborts, parsing stops and the promise rejects with the signal's reason: the text formats
 * are parsed a chunk at a time, yielding to the event loop in between, so that a timer can fire; JSON-LD
 * and RDF/XML are checked before and after their (one-piece) parse.
 */
export async function parseRdf(text: string, format: RdfFormat, name: string, baseIRI: string, signal?: AbortSignal): Promise<Quad[]> {
  const quads: Quad[] = [];
  await readRdf(text, format, name, baseIRI, (quad) => { quads.push(quad); }, signal);
  return quads;
}

/**
 * As parseRdf, but each quad goes to `sink` as soon as it is parsed, and a text format may come as a
 * stream of UTF-8 chunks (a file's read stream, destroyed when parsing fails). Resolves to the number of
 * quads. A document that fails part-way has already given its first quads to the sink: the caller drops
 * what it filled.
 */
export async function readRdf(input: string | Readable, format: RdfFormat, name: string, baseIRI: string, sink: QuadSink, signal?: AbortSignal): Promise<number> {
  signal?.throwIfAborted();
  let count: number;
  if (format === 'jsonld' || format === 'rdfxml') {
    const text = typeof input === 'string' ? input : await streamText(input);
    const quads = format === 'jsonld' ? await parseJsonLd(text, name, baseIRI) : await parseRdfXml(text, name, baseIRI);
    signal?.throwIfAborted();
    for (const quad of quads) sink(quad);
    count = quads.length;
  } else {
    count = await parseWithN3(input, N3_FORMATS[format]!, name, baseIRI, sink, signal);
  }
  signal?.throwIfAborted();
  return count;
}

async function streamText(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface N3ErrorContext { line?: number; token?: { start?: number } | null }

/** Characters handed to the N3 parser at a time, between which the event loop runs. */
const CHUNK = 256 * 1024;

function parseWithN3(input: string | Readable, format: string, name: string, baseIRI: string, sink: QuadSink, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    // The parser reads a stream from anything with 'data' and 'end' events; it keeps line numbers
    // across chunks and waits for the rest of a token cut at a chunk's end.
    const stream = typeof input === 'string' ? new EventEmitter() : input;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      if (typeof input !== 'string') input.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (typeof input !== 'string') input.on('error', (error) => fail(error));
    new Parser({ format, baseIRI }).parse(stream as never, (error: Error | null, quad: Quad | null) => {
      if (settled) return;
      if (error) {
        const context = (error as { context?: N3ErrorContext }).context ?? {};
        const column = typeof context.token?.start === 'number' ? context.token.start + 1 : 1;
        fail(new SyntaxInputError(name, context.line ?? 1, column, error.message.replace(/ on line \d+\.$/, '')));
      } else if (quad) {
        count += 1;
        sink(quad);
      } else {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(count);
      }
    });
    if (typeof input !== 'string') return;
    const text = input;
    let offset = 0;
    const feed = (): void => {
      if (settled) return;
      if (signal?.aborted) { fail(signal.reason); return; }
      if (offset >= text.length) { stream.emit('end'); return; }
      stream.emit('data', text.slice(offset, offset + CHUNK));
      offset += CHUNK;
      setImmediate(feed);
    };
    feed();
  });
}

async function parseJsonLd(text: string, name: string, baseIRI: string): Promise<Quad[]> {
  let document: object;
  try {
    document = JSON.parse(text) as object;
  } catch (error) {
    throw new QuerySourceError(name, `not valid JSON: ${(error as Error).message}`);
  }
  const { default: jsonld } = await import('jsonld');
  try {
    // toRDF gives quad objects (not N-Quads text): rebuilding them as N3 terms is linear.
    const quads = (await jsonld.toRDF(document, { base: baseIRI })) as unknown as RDF.Quad[];
    return fromRdfJs(quads, true);
  } catch (error) {
    throw new QuerySourceError(name, `not valid JSON-LD: ${(error as Error).message}`);
  }
}

async function parseRdfXml(text: string, name: string, baseIRI: string): Promise<Quad[]> {
  const rdflib = await import('rdflib');
  const store = rdflib.graph();
  try {
    rdflib.parse(text, store, baseIRI, 'application/rdf+xml');
  } catch (error) {
    throw new QuerySourceError(name, `not valid RDF/XML: ${(error as Error).message.split('\n')[0]}`);
  }
  // rdflib puts every statement in a graph named after the document; RDF/XML has only the default graph.
  return fromRdfJs(store.statements as unknown as RDF.Quad[], false);
}

let documents = 0;

/**
 * A quad of another RDF/JS implementation (jsonld.js, rdflib) as N3 terms. Their blank node labels restart
 * at b0 / n0 in every document, so they get a per-document prefix, as N3.js's parser gives its own.
 */
function fromRdfJs(quads: RDF.Quad[], keepGraph: boolean): Quad[] {
  const prefix = `d${++documents}_`;
  const term = (t: RDF.Term): RDF.Term => {
    switch (t.termType) {
      case 'NamedNode': return DataFactory.namedNode(t.value);
      case 'BlankNode': return DataFactory.blankNode(prefix + t.value.replace(/^_:/, ''));
      case 'Literal': return t.language ? DataFactory.literal(t.value, t.language)
        : DataFactory.literal(t.value, t.datatype ? DataFactory.namedNode(t.datatype.value) : undefined);
      default: return DataFactory.defaultGraph();
    }
  };
  return quads.map((q) => {
    const graph = keepGraph && q.graph && q.graph.termType !== 'DefaultGraph' && q.graph.value !== '' ? term(q.graph) : DataFactory.defaultGraph();
    return DataFactory.quad(term(q.subject) as Quad['subject'], term(q.predicate) as Quad['predicate'], term(q.object) as Quad['object'], graph as Quad['graph']);
  });
}
