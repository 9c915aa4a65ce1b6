/**
 * What the merged default graph (src/query/default-graph.ts) costs in memory: a built graph's N-Quads dump
 * loaded as each engine loads it, without and then with the merge, measured once.
 *   - N3 Store (the CLI, the library, serve's Comunica runner, the in-browser engine): V8 heap after a full
 *     collection, before and after addMergedDefaultGraph;
 *   - Oxigraph (serve's query processes): the process's resident size before and after the update
 *     MERGE_INTO_DEFAULT_GRAPH (its WebAssembly memory only grows).
 *
 *   node --expose-gc --import tsx bench/default-graph-memory.ts [DUMP.nq]   (default: this release's dump)
 */
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { NQUADS_DUMP, releasePath } from '../src/core/release.js';
import { addMergedDefaultGraph, MERGE_INTO_DEFAULT_GRAPH } from '../src/query/default-graph.js';
import { createStore } from '../src/rdf/store.js';
import * as oxigraph from 'oxigraph';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const dump = process.argv[2] ?? releasePath(new URL('..', import.meta.url).pathname, NQUADS_DUMP);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const heap = () => { gc(); return process.memoryUsage().heapUsed; };

const text = readFileSync(dump, 'utf8');
const before = heap();
const store = createStore(new Parser({ format: 'N-Quads' }).parse(text));
const loaded = heap();
let started = performance.now();
const triples = addMergedDefaultGraph(store);
const mergeMs = performance.now() - started;
const merged = heap();
console.log(`${dump}: ${store.size - triples} quads in named graphs, ${triples} triples in the merged default graph`);
console.log(`N3 Store: ${mb(loaded - before)} MB of heap loaded, ${mb(merged - before)} MB with the merge (+${mb(merged - loaded)} MB, ${mergeMs.toFixed(0)} ms)`);

const rss = () => { gc(); return process.memoryUsage.rss(); };
const ox = new oxigraph.Store();
const rssBefore = rss();
ox.load(text, { format: 'application/n-quads', lenient: true });
const rssLoaded = rss();
started = performance.now();
ox.update(MERGE_INTO_DEFAULT_GRAPH);
const updateMs = performance.now() - started;
const rssMerged = rss();
console.log(`Oxigraph: ${mb(rssLoaded - rssBefore)} MB of resident size loaded, ${mb(rssMerged - rssBefore)} MB with the merge (+${mb(rssMerged - rssLoaded)} MB, ${updateMs.toFixed(0)} ms); store size ${ox.size}`);
