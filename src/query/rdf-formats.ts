/**
 * Reading RDF documents of any common format into N3 quads, for the extra sources of a query: the format
 * comes from a file's extension or a download's media type (core/formats.ts). N3.js reads the text
 * formats, the streaming RDF/XML parser RDF/XML, jsonld.js JSON-LD; the last two load only when such a
 * document is given.
 *
 * readRdf hands each quad to a sink as it is parsed (a store, usually), so that a large document is never
 * held as an array of quads beside the store; every format but JSON-LD is also read from a stream (a
 * file) a chunk at a time, so that neither is the whole text.
 */
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { DataFactory, Parser, type Quad } from 'n3';
import type * as RDF from '@rdfjs/types';
import { formatsFor, type RdfFormat } from '../core/formats.js';
import { QuerySourceError, SyntaxInputError } from '../core/errors.js';

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
 * When `signal` aborts, parsing stops and the promise rejects with the signal's reason: every format but
 * JSON-LD is parsed a chunk at a time, yielding to the event loop in between, so that a timer can fire;
 * JSON-LD is checked before and after its (one-piece) parse.
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
  if (format === 'jsonld') {
    count = await parseJsonLd(input, name, baseIRI, sink);
  } else if (format === 'rdfxml') {
    count = await parseRdfXml(input, name, baseIRI, sink, signal);
  } else {
    count = await parseWithN3(input, N3_FORMATS[format]!, name, baseIRI, sink, signal);
  }
  signal?.throwIfAborted();
  return count;
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

let documents = 0;

/**
 * N3.js's terms, with the document's own blank-node prefix: the RDF/XML parser and jsonld.js label blank
 * nodes as the document does (or number anonymous ones from zero), so each document gets a prefix of its
 * own, as N3.js's parser gives its own.
 */
function documentFactory(): RDF.DataFactory<Quad> {
  const prefix = `d${++documents}_`;
  let anonymous = 0;
  return {
    ...(DataFactory as unknown as RDF.DataFactory<Quad>),
    blankNode: (value?: string) => DataFactory.blankNode(`${prefix}${value === undefined ? `a${anonymous++}` : value.replace(/^_:/, '')}`),
    // RDF/JS factories may be passed null for "no language or datatype" and "no graph", where N3.js expects undefined.
    literal: (value: string, languageOrDatatype?: string | RDF.NamedNode | RDF.DirectionalLanguage | null) => DataFactory.literal(value, (languageOrDatatype ?? undefined) as string | RDF.NamedNode | undefined),
    quad: (subject: RDF.Quad_Subject, predicate: RDF.Quad_Predicate, object: RDF.Quad_Object, graph?: RDF.Quad_Graph | null) =>
      DataFactory.quad(subject as Quad['subject'], predicate as Quad['predicate'], object as Quad['object'], (graph ?? undefined) as Quad['graph'] | undefined),
  } as RDF.DataFactory<Quad>;
}

/**
 * JSON-LD through jsonld.js's toRDF, the whole document at once. The streaming parser
 * (jsonld-streaming-parser) held less but took 2.5 to 3 times as long on the compacted dumps
 * (docs/decisions/0008-jsonld-reader.md). The quads come back as plain objects, rebuilt as N3 terms.
 */
async function parseJsonLd(input: string | Readable, name: string, baseIRI: string, sink: QuadSink): Promise<number> {
  const text = typeof input === 'string' ? input : await streamText(input);
  let document: object;
  try {
    document = JSON.parse(text) as object;
  } catch (error) {
    throw new QuerySourceError(name, `not valid JSON: ${(error as Error).message}`);
  }
  const { default: jsonld } = await import('jsonld');
  let quads: RDF.Quad[];
  try {
    quads = (await jsonld.toRDF(document, { base: baseIRI })) as unknown as RDF.Quad[];
  } catch (error) {
    throw new QuerySourceError(name, `not valid JSON-LD: ${(error as Error).message.split('\n')[0]}`);
  }
  const factory = documentFactory();
  const term = (t: RDF.Term): RDF.Term => {
    switch (t.termType) {
      case 'NamedNode': return factory.namedNode(t.value);
      case 'BlankNode': return factory.blankNode(t.value);
      case 'Literal': return factory.literal(t.value, t.language || factory.namedNode(t.datatype.value));
      default: return factory.defaultGraph();
    }
  };
  for (const q of quads) {
    const graph = q.graph.termType === 'DefaultGraph' || q.graph.value === '' ? factory.defaultGraph() : term(q.graph);
    sink(factory.quad(term(q.subject) as Quad['subject'], term(q.predicate) as Quad['predicate'], term(q.object) as Quad['object'], graph as Quad['graph']));
  }
  return quads.length;
}

async function streamText(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * RDF/XML through the streaming parser (rdfxml-streaming-parser): each quad goes to the sink as it is
 * parsed and the text is fed a chunk at a time (a file's stream as it comes), so neither the whole document
 * nor an array of its quads is held, and an abort stops it between chunks as it stops N3.js. RDF/XML has
 * only the default graph.
 */
async function parseRdfXml(input: string | Readable, name: string, baseIRI: string, sink: QuadSink, signal?: AbortSignal): Promise<number> {
  const dataFactory = documentFactory();
  const parser = new (await import('rdfxml-streaming-parser')).RdfXmlParser({ baseIRI, dataFactory: dataFactory as unknown as RDF.DataFactory });
  return new Promise((resolve, reject) => {
    let count = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (typeof input !== 'string') input.destroy();
      parser.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    parser.on('data', (quad: Quad) => {
      if (settled) return;
      count += 1;
      sink(quad.graph.termType !== 'DefaultGraph' ? DataFactory.quad(quad.subject, quad.predicate, quad.object) : quad);
    });
    parser.on('error', (error: Error) => fail(new QuerySourceError(name, `not valid RDF/XML: ${error.message.split('\n')[0]}`)));
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(count);
    });
    if (typeof input !== 'string') {
      input.on('error', (error) => fail(error));
      input.pipe(parser);
      return;
    }
    let offset = 0;
    const feed = (): void => {
      if (settled) return;
      if (signal?.aborted) { fail(signal.reason); return; }
      if (offset >= input.length) { parser.end(); return; }
      parser.write(input.slice(offset, offset + CHUNK));
      offset += CHUNK;
      setImmediate(feed);
    };
    feed();
  });
}
