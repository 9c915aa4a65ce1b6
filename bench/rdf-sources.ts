/**
 * Reading a JSON-LD or RDF/XML query source: the streaming parsers (src/query/rdf-formats.ts, a file read
 * as a stream) against reading the whole document and parsing it in one piece (jsonld.js toRDF, rdflib
 * parse: how such sources were read before). Time and the highest heap seen, one run each, on a
 * released dump. Run: node --expose-gc --import tsx bench/rdf-sources.ts [dist/0.3.0]
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
  console.log(`${label.padEnd(36)} ${String(quads).padStart(7)} quads  ${ms.toFixed(0).padStart(6)} ms  peak heap +${((peak - before) / 1048576).toFixed(1)} MB`);
}

for (const [file, format] of [['asm-kg.jsonld', 'jsonld'], ['asm-kg.rdf', 'rdfxml']] as const) {
  const path = join(release, file);
  console.log(`${path}: ${(statSync(path).size / 1048576).toFixed(1)} MB`);
  // Quads are counted, not kept: the bench is about the parse, not the store.
  await measure(`  streaming (${format})`, () => readRdf(createReadStream(path), format, path, BASE, () => {}));
  await measure(`  whole text, one-piece parse`, async () => {
    const text = readFileSync(path, 'utf8');
    if (format === 'jsonld') {
      const { default: jsonld } = await import('jsonld');
      return ((await jsonld.toRDF(JSON.parse(text) as object, { base: BASE })) as unknown as unknown[]).length;
    }
    const rdflib = await import('rdflib');
    const store = rdflib.graph();
    rdflib.parse(text, store, BASE, 'application/rdf+xml');
    return store.statements.length;
  });
}
