/**
 * Where a build's time and memory go: each step of the build (load, the quad index, SHACL, the sort, each
 * serialisation, gzip) run in turn in one process on a corpus (bench/generate-corpus.ts), with its wall time
 * (and CPU time) and the heap and RSS after it. The steps are those of src/build/build.ts and src/build/publish.ts, called directly.
 *
 *   npx tsx bench/generate-corpus.ts --triples 1000000 --out /tmp/corpus-1m
 *   npx tsx --max-old-space-size=8000 bench/build-phases.ts /tmp/corpus-1m
 */
import { loadShapes, loadSources } from '../src/rdf/load.js';
import { QuadIndex } from '../src/rdf/quad-index.js';
import { validateGraph } from '../src/build/validate.js';
import { vocabulary, DEFAULT_BASE } from '../src/core/iri.js';
import { releaseGraph } from '../src/build/publish.js';
import { nQuadsBytes, nTriplesBytes, triGBytes, turtleBytes } from '../src/serialize/rdf-text.js';
import { toJsonLd } from '../src/serialize/jsonld.js';
import { toRdfXml } from '../src/serialize/rdfxml.js';
import { jsonldContext } from '../src/serialize/jsonld-context.js';
import { gzipSync } from 'node:zlib';
const root = process.argv[2]!;
const base = DEFAULT_BASE;
let t = performance.now();
let cpu = process.cpuUsage();
// CPU time beside wall time: on a shared machine the wall time of a step says more about the others' load.
const lap = (label: string) => {
  const now = performance.now();
  const used = process.cpuUsage(cpu);
  console.log(`${label}: ${(now - t).toFixed(0)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0)} ms), heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  t = now;
  cpu = process.cpuUsage();
};
// The build validates in a child process beside the dumps (src/build/validate-apart.ts); here, in turn.
const loaded = loadSources(root, base); lap('load');
const index = new QuadIndex(loaded.quads); lap('quad index');
await validateGraph(index, loadShapes(root, base)); lap('shacl');
const graph = releaseGraph(loaded.quads, base); lap('sort (both orders) and statements.csv');
const { prefixes } = vocabulary(base);
const bytes = (pieces: Iterable<Buffer>): Buffer => Buffer.concat([...pieces]);
const ttl = bytes(turtleBytes(graph.triples, prefixes)); lap('turtle');
const nt = bytes(nTriplesBytes(graph.triples)); lap('nt');
bytes(nQuadsBytes(graph.quads)); lap('nq');
bytes(triGBytes(graph.quads, prefixes)); lap('trig');
await toJsonLd(graph.triples, jsonldContext(base)); lap('jsonld');
await toRdfXml(graph.triples, prefixes); lap('rdfxml');
gzipSync(ttl, { level: 9 }); lap('gzip ttl');
gzipSync(nt, { level: 9 }); lap('gzip nt');
