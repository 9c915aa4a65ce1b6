/**
 * Where a build's time and memory go: each step of the build (load, store, SHACL, the two sorts, each
 * serialisation, gzip) run in turn in one process on a corpus (bench/generate-corpus.ts), with its wall time
 * and the heap and RSS after it. The steps are those of src/build.ts and src/publish.ts, called directly.
 *
 *   npx tsx bench/generate-corpus.ts --triples 1000000 --out /tmp/corpus-1m
 *   npx tsx --max-old-space-size=8000 bench/build-phases.ts /tmp/corpus-1m
 */
import { loadShapes, loadSources } from '../src/load.js';
import { createStore } from '../src/store.js';
import { validateGraph } from '../src/validate.js';
import { vocabulary, DEFAULT_BASE } from '../src/iri.js';
import { sortedTriples, sortedQuads } from '../src/serialize/order.js';
import { toNQuads, toNTriples, toTriG, toTurtle } from '../src/serialize/rdf-text.js';
import { toJsonLd } from '../src/serialize/jsonld.js';
import { toRdfXml } from '../src/serialize/rdfxml.js';
import { jsonldContext } from '../src/serialize/jsonld-context.js';
import { toStatementsCsv } from '../src/serialize/statements-csv.js';
import { gzipSync } from 'node:zlib';
const root = process.argv[2]!;
const base = DEFAULT_BASE;
let t = performance.now();
const lap = (label: string) => { const now = performance.now(); console.log(`${label}: ${(now - t).toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed/1e6).toFixed(0)} MB rss ${(process.memoryUsage().rss/1e6).toFixed(0)} MB`); t = now; };
const { quads } = loadSources(root, base); lap('load');
const store = createStore(quads); lap('store');
await validateGraph(store, loadShapes(root, base)); lap('shacl');
const all = store.getQuads(null, null, null, null);
const triples = sortedTriples(all); lap('sortTriples');
const gq = sortedQuads(all); lap('sortQuads');
const { prefixes } = vocabulary(base);
const ttl = toTurtle(triples, prefixes); lap('turtle');
const nt = toNTriples(triples); lap('nt');
toNQuads(gq); lap('nq');
toTriG(gq, prefixes); lap('trig');
await toJsonLd(triples, jsonldContext(base)); lap('jsonld');
await toRdfXml(triples, prefixes); lap('rdfxml');
toStatementsCsv(store, base); lap('csv');
gzipSync(ttl, { level: 9 }); lap('gzip ttl');
gzipSync(nt, { level: 9 }); lap('gzip nt');
