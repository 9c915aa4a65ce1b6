/**
 * Reading a JSON-LD or RDF/XML query source: the reader src/query/rdf-formats.ts uses against the one it
 * does not. JSON-LD: jsonld.js's toRDF on the whole text (used) against jsonld-streaming-parser on the
 * file's stream; RDF/XML: rdfxml-streaming-parser on the file's stream (used) against rdflib on the whole
 * text. Time and the highest heap seen, one run each, on a released dump (docs/decisions/0008-jsonld-reader.md).
 * Run: node --expose-gc --import tsx bench/rdf-sources.ts [dist/0.3.0]
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readRdf } from '../src/query/rdf-formats.js';

const release = process.argv[2] ?? 'dist/0.3.0';
const BASE = 'https://w3id.org/asm-kg/';

async function measure(label: string, run: () => Promise<number>): Promise<void> {
  global.gc!();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
  const started = performance.now();
  const quads = await run();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  console.log(`${label.padEnd(52)} ${String(quads).padStart(7)} quads  ${ms.toFixed(0).padStart(6)} ms  peak heap +${((peak - before) / 1048576).toFixed(1)} MB`);
}

/** The alternative JSON-LD reader: jsonld-streaming-parser fed the file's stream, quads counted. */
async function streamingJsonLd(path: string): Promise<number> {
  const { JsonLdParser } = await import('jsonld-streaming-parser');
  const parser = new JsonLdParser({ baseIRI: BASE });
  let count = 0;
  parser.on('data', () => { count += 1; });
  await new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
    createReadStream(path).pipe(parser);
  });
  return count;
}

/** The alternative RDF/XML reader: rdflib's parse of the whole text. */
async function rdflibRdfXml(path: string): Promise<number> {
  const rdflib = await import('rdflib');
  const store = rdflib.graph();
  rdflib.parse(readFileSync(path, 'utf8'), store, BASE, 'application/rdf+xml');
  return store.statements.length;
}

for (const [file, format, alternative, label] of [
  ['asm-kg.jsonld', 'jsonld', streamingJsonLd, 'jsonld-streaming-parser, streamed'],
  ['asm-kg.rdf', 'rdfxml', rdflibRdfXml, 'rdflib, whole text'],
] as const) {
  const path = join(release, file);
  console.log(`${path}: ${(statSync(path).size / 1048576).toFixed(1)} MB`);
  // Quads are counted, not kept: the bench is about the parse, not the store.
  await measure(`  used: readRdf (${format === 'jsonld' ? 'jsonld.js, whole text' : 'rdfxml-streaming-parser, streamed'})`, () => readRdf(createReadStream(path), format, path, BASE, () => {}));
  await measure(`  not used: ${label}`, () => alternative(path));
}
