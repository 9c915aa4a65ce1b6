/**
 * Publish: writes one release into a folder: the dumps of the graph in every format under
 * <version>/, then the dataset descriptions (VoID, DCAT, schema.org) and the JSON-LD context at the
 * top. Every size, count and checksum in the descriptions is computed from the bytes written here.
 */
import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { DataFactory, type Quad } from 'n3';
import { collectGarbage } from '../core/collect-garbage.js';
import { describeCatalog } from '../describe/dcat.js';
import { EXTERNAL_DATASETS } from '../describe/external-datasets.js';
import { DESCRIPTION_PREFIXES } from '../describe/namespaces.js';
import { describeBytes, describeDigest, digestOf, type Digest, type ReleaseFile } from '../describe/release-files.js';
import { schemaOrgDataset } from '../describe/schema-org.js';
import { graphStatistics } from '../describe/statistics.js';
import { describeVoid, type Linkset } from '../describe/void.js';
import { vocabulary } from '../core/iri.js';
import { NQUADS_DUMP, releaseFolder, type Release, type WrittenFile } from '../core/release.js';
import { releaseDiff } from './release-diff.js';
import { jsonldContext } from '../serialize/jsonld-context.js';
import { toJsonLd } from '../serialize/jsonld.js';
import { naturalCompare, sortedTriples, sortedTriplesAndQuads } from '../serialize/order.js';
import { toRdfXml } from '../serialize/rdfxml.js';
import { statementsCsvMetadata, toStatementsCsv } from '../serialize/statements-csv.js';
import { nQuadsBytes, nTriplesBytes, toTurtle, triGBytes, turtleBytes } from '../serialize/rdf-text.js';

/** A file's text or its bytes in pieces, or a function that makes it when the file is written. */
type DumpContent = string | Iterable<Buffer> | (() => string | Iterable<Buffer> | Promise<string | Iterable<Buffer>>);

/** Dumps larger than this also get a gzip copy. */
const GZIP_OVER_BYTES = 100_000;

/** What a release is written from: the graph in both stable orders, and the statements table. */
export interface ReleaseGraph {
  /** Each triple once, graph names dropped, in the stable order. */
  triples: Quad[];
  /** Each quad once, graph by graph, in the stable order. */
  quads: Quad[];
  statementsCsv: string;
}

/**
 * Everything publishRelease needs from the loaded quads, so that the caller can let the list go before the
 * dumps are made (the sorted arrays share its terms).
 */
export function releaseGraph(loaded: Quad[], base: string): ReleaseGraph {
  // Both orders from one ranking of the terms, each quad once (a list of quads may repeat one); the
  // unsorted list is not kept beside them.
  const { triples, quads } = sortedTriplesAndQuads(loaded);
  return { triples, quads, statementsCsv: toStatementsCsv(triples, base) };
}

/**
 * `shapes` are the SHACL shapes the build validated the graph with; they are published beside the
 * ontology (shapes.ttl), so that anyone can check a copy of the data against the same rules.
 */
export async function publishRelease(folder: string, graph: ReleaseGraph, base: string, release: Release, shapes: Quad[] = []): Promise<WrittenFile[]> {
  const { triples, quads: graphQuads, statementsCsv } = graph;
  const { prefixes } = vocabulary(base);
  const versionFolder = releaseFolder(release);
  mkdirSync(join(folder, versionFolder), { recursive: true });
  const written: WrittenFile[] = [];
  // Writes a file from its text or its pieces (each piece written before the next is made), and gives its digest.
  const write = (name: string, content: string | Iterable<Buffer>, triples?: number): Digest => {
    const digest = writePieces(join(folder, name), typeof content === 'string' ? [Buffer.from(content)] : content);
    written.push({ name, bytes: digest.bytes, triples });
    return digest;
  };

  const ontology = sortedTriples(graphQuads.filter((q) => q.graph.value === `${base}graph/ontology`));
  const context = jsonldContext(base);
  const n = triples.length;

  // The release's files: [name, title, media type, content, triples]. A large dump's content is a function,
  // called when its turn comes: the file is written and its string dropped before the next one is made, so
  // that a build holds one serialisation at a time, not all of them (bench/scale.ts measures the peak).
  const dumps: Array<[string, string, string, DumpContent, number | undefined]> = [
    ['asm-kg.ttl', 'The whole graph, Turtle', 'text/turtle', () => turtleBytes(triples, prefixes), n],
    ['asm-kg.nt', 'The whole graph, N-Triples', 'application/n-triples', () => nTriplesBytes(triples), n],
    [NQUADS_DUMP, 'The whole graph with its named graphs, N-Quads', 'application/n-quads', () => nQuadsBytes(graphQuads), graphQuads.length],
    ['asm-kg.trig', 'The whole graph with its named graphs, TriG', 'application/trig', () => triGBytes(graphQuads, prefixes), graphQuads.length],
    ['asm-kg.jsonld', 'The whole graph, JSON-LD', 'application/ld+json', () => toJsonLd(triples, context), n],
    ['asm-kg.rdf', 'The whole graph, RDF/XML', 'application/rdf+xml', () => toRdfXml(triples, prefixes), n],
    ['ontology.ttl', 'The asm-kg ontology, Turtle', 'text/turtle', toTurtle(ontology, prefixes), ontology.length],
    ...(shapes.length === 0 ? [] : [['shapes.ttl', 'The SHACL shapes every build validates the data with, Turtle', 'text/turtle',
      toTurtle(sortedTriples(relabelBlankNodes(shapes)), { ...prefixes, sh: 'http://www.w3.org/ns/shacl#', asmsh: `${base}shapes#` }), shapes.length] as [string, string, string, DumpContent, number]]),
    ['statements.csv', 'One row per statement, CSV', 'text/csv', statementsCsv, undefined],
    ['statements.csv-metadata.json', 'CSVW metadata mapping statements.csv to the ontology', 'application/csvm+json',
      `${JSON.stringify(statementsCsvMetadata(base, 'statements.csv'), null, 2)}\n`, undefined],
  ];
  // The diff against the previous release (src/build/release-diff.ts): quads added and removed, per named graph.
  const diff = releaseDiff(graphQuads, base, release);
  if (diff) {
    dumps.push(
      [diff.addedFile, `Quads added since release ${diff.since}, N-Quads`, 'application/n-quads', diff.added, diff.addedCount],
      [diff.removedFile, `Quads removed since release ${diff.since}, N-Quads`, 'application/n-quads', diff.removed, diff.removedCount],
    );
  }

  const files: ReleaseFile[] = [];
  // A dump's gzip copy (level 9: a fifth of a million-triple build's CPU) is compressed from the written
  // file, on libuv's thread pool, while the next dumps are made on this thread: no dump is held in memory
  // for it. Its entries are listed at once, right after its dump's, and filled in when it is done, so the
  // order of the files and of their descriptions does not change.
  const gzipping: Array<Promise<void>> = [];
  for (const [name, title, mediaType, make, count] of dumps) {
    // Each large dump starts from what the build keeps, not from the last one's garbage (src/core/collect-garbage.ts).
    if (typeof make === 'function') collectGarbage();
    const digest = write(`${versionFolder}/${name}`, typeof make === 'function' ? await make() : make, count);
    files.push(describeDigest(name, title, mediaType, digest, count === undefined ? {} : { triples: count }));
    if (digest.bytes <= GZIP_OVER_BYTES) continue;
    const gzName = `${versionFolder}/${name}.gz`;
    const gzWritten: WrittenFile = { name: gzName, bytes: 0, triples: count };
    const gzFile = { name: `${name}.gz` } as ReleaseFile;
    written.push(gzWritten);
    files.push(gzFile);
    const done = gzipFile(join(folder, `${versionFolder}/${name}`), join(folder, gzName)).then((gzipped) => {
      gzWritten.bytes = gzipped.length;
      Object.assign(gzFile, describeBytes(`${name}.gz`, `${title}, gzipped`, 'application/gzip', gzipped, { compresses: name, ...(count === undefined ? {} : { triples: count }) }));
    });
    // Awaited below; until then a failure is not an unhandled rejection.
    done.catch(() => undefined);
    gzipping.push(done);
  }
  for (const done of gzipping) await done;

  const themes = themeLabels(triples, base);
  const statistics = graphStatistics(triples, `${base}id/`);
  const rdfDumps = files.filter((f) => !f.compresses && f.name.startsWith('asm-kg.'));
  const examples = ['id/statement/w2-a-1', 'id/statement/w1-b-2', 'id/stakeholder/government', 'id/theme/women-and-gender', 'id/workshop/1'].map((p) => base + p);
  const descriptionPrefixes = { ...prefixes, ...DESCRIPTION_PREFIXES };

  write('void.ttl', toTurtle(sortedTriples(describeVoid({ base, release, statistics, dumps: rdfDumps, linksets: linksets(graphQuads, base), examples })), descriptionPrefixes));
  write('dcat.ttl', toTurtle(sortedTriples(describeCatalog(base, release, files, themes)), descriptionPrefixes));
  write('dataset.jsonld', `${JSON.stringify(schemaOrgDataset(base, release, files, themes.map(([, label]) => label)), null, 2)}\n`);
  write('context.jsonld', `${JSON.stringify(context, null, 2)}\n`);
  return written;
}

/** Writes the pieces, in order, to one file, hashing them on the way; each may be dropped once written. */
function writePieces(path: string, pieces: Iterable<Buffer>): Digest {
  const file = openSync(path, 'w');
  try {
    return digestOf((function* () {
      for (const piece of pieces) {
        for (let at = 0; at < piece.length;) at += writeSync(file, piece, at);
        yield piece;
      }
    })());
  } finally {
    closeSync(file);
  }
}

/**
 * Writes the gzip (level 9) of a file beside it, streamed on libuv's thread pool, and gives its bytes (a
 * tenth of the file's, for the checksum). zlib deflates the same bytes the same way however they are cut
 * into writes (no flush between them), so this is gzipSync of the whole file.
 */
async function gzipFile(path: string, gzPath: string): Promise<Buffer> {
  await pipeline(createReadStream(path), createGzip({ level: 9 }), createWriteStream(gzPath));
  return readFileSync(gzPath);
}

/**
 * The same triples with blank nodes named b1, b2, … in the order a walk from the named subjects (sorted)
 * reaches them, siblings ordered by their content, not by the parser's counter: so shapes.ttl is
 * byte-stable from build to build. Siblings with the same content are interchangeable, so ties do not
 * change the bytes. The shapes' blank nodes form trees (property shapes, lists).
 */
function relabelBlankNodes(quads: Quad[]): Quad[] {
  const bySubject = new Map<string, Quad[]>();
  const key = (t: Quad['subject']) => `${t.termType}:${t.value}`;
  for (const q of quads) bySubject.set(key(q.subject), [...(bySubject.get(key(q.subject)) ?? []), q]);
  const signatures = new Map<string, string>();
  const content = (t: Quad['object'], depth = 0): string => {
    if (t.termType !== 'BlankNode') return `${t.termType}:${t.value}${t.termType === 'Literal' ? `@${t.language}^^${t.datatype.value}` : ''}`;
    if (!signatures.has(t.value)) {
      const parts = (bySubject.get(`BlankNode:${t.value}`) ?? []).map((q) => `${q.predicate.value} ${depth > 32 ? '_' : content(q.object, depth + 1)}`).sort();
      signatures.set(t.value, `[${parts.join('; ')}]`);
    }
    return signatures.get(t.value)!;
  };
  const ordered = (subject: string) => (bySubject.get(subject) ?? []).map((q) => [`${q.predicate.value} ${content(q.object)}`, q] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, q]) => q);
  const labels = new Map<string, string>();
  const visit = (blank: string): void => {
    if (labels.has(blank)) return;
    labels.set(blank, `b${labels.size + 1}`);
    for (const q of ordered(`BlankNode:${blank}`)) if (q.object.termType === 'BlankNode') visit(q.object.value);
  };
  const roots = [...bySubject.keys()].filter((k) => !k.startsWith('BlankNode:')).sort();
  for (const root of roots) for (const q of ordered(root)) if (q.object.termType === 'BlankNode') visit(q.object.value);
  // Blank subjects no named subject reaches, by content.
  for (const k of [...bySubject.keys()].filter((k) => k.startsWith('BlankNode:')).map((k) => k.slice('BlankNode:'.length))
    .sort((a, b) => (content(DataFactory.blankNode(a)) < content(DataFactory.blankNode(b)) ? -1 : 1))) visit(k);
  const rename = <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'BlankNode' ? DataFactory.blankNode(labels.get(t.value) ?? t.value) as T : t);
  return quads.map((q) => DataFactory.quad(rename(q.subject), q.predicate, rename(q.object)));
}

/** Theme IRIs and English labels, for keywords. */
function themeLabels(triples: Quad[], base: string): Array<[string, string]> {
  const prefLabel = `${vocabulary(base).prefixes.skos}prefLabel`;
  return triples
    .filter((q) => q.subject.value.startsWith(`${base}id/theme/`) && q.predicate.value === prefLabel)
    .map((q) => [q.subject.value, q.object.value] as [string, string])
    .sort(([a], [b]) => naturalCompare(a, b));
}

/** Links from the links graph into each external dataset, counted per predicate. */
function linksets(quads: Quad[], base: string): Linkset[] {
  const counts = new Map<string, Linkset>();
  for (const q of quads) {
    if (q.graph.value !== `${base}graph/links` || q.object.termType !== 'NamedNode') continue;
    const target = EXTERNAL_DATASETS.find((d) => q.object.value.startsWith(d.uriSpace));
    if (!target) continue;
    const key = `${target.iri} ${q.predicate.value}`;
    const entry = counts.get(key) ?? { target, predicate: q.predicate.value, triples: 0 };
    entry.triples += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => naturalCompare(a.target.iri, b.target.iri) || naturalCompare(a.predicate, b.predicate));
}
