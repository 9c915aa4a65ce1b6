/**
 * Where `serve`'s own start-up goes (the scale bench): each step the server process does before
 * it listens, timed in turn in one process, with the heap after it. Query processes are not started.
 *
 *   node --expose-gc --max-old-space-size=8000 --import tsx bench/serve-phases.ts --root /tmp/corpus-1000000
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGraph } from '../src/query/load-graph.js';
import { ResourceIndex } from '../src/render/resource-index.js';
import { createPages } from '../src/render/pages/index.js';
import { readRelease } from '../src/core/release.js';
import { DEFAULT_BASE } from '../src/core/iri.js';

const { values } = parseArgs({ options: { root: { type: 'string' } } });
const root = values.root ?? process.cwd();
const gc = (globalThis as { gc?: () => void }).gc;

let last = performance.now();
function step(name: string): void {
  gc?.();
  const now = performance.now();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${name.padEnd(28)} ${((now - last) / 1000).toFixed(1).padStart(7)} s   heap ${(heapUsed / 2 ** 20).toFixed(0).padStart(6)} MB   rss ${(rss / 2 ** 20).toFixed(0).padStart(6)} MB\n`);
  last = performance.now();
}

step('start');
const release = readRelease(root);
const descriptions = ['void.ttl', 'dcat.ttl'].map((n) => join(root, 'dist', n)).filter((p) => existsSync(p));
const graph = await loadGraph({ root, sources: descriptions });
step(`loadGraph (${graph.size} quads)`);
const index = new ResourceIndex(graph.store, DEFAULT_BASE);
step('ResourceIndex');
const graphs = graph.store.getGraphs(null, null, null).map((g) => graph.store.countQuads(null, null, null, g));
step(`graph counts (${graphs.length})`);
const pages = createPages({ store: graph.store, base: DEFAULT_BASE, release, root });
step('createPages');
const paths = pages.paths();
step(`paths (${paths.length})`);
const assets = pages.assets();
step(`assets (${assets.length})`);
void index;
