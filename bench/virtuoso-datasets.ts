/**
 * Which catalogue answers Virtuoso 7 gives differently from our engines, under each dataset a client can
 * send it: the merged graph as default-graph-uri with the named graphs as named-graph-uri (what
 * `serve --backend` sends), every named graph as default-graph-uri and named-graph-uri, and no dataset at
 * all (Virtuoso's default: every graph it holds). The reference is Comunica through our query() API over
 * the same dump. A real Virtuoso (test/support/virtuoso.ts) is started, loaded, asked, and stopped.
 *
 *   node --import tsx bench/virtuoso-datasets.ts
 *
 * Prints, per dataset, the cases whose answer differs, with the size of each side (rows or triples).
 */
import { join } from 'node:path';
import { askComunica, askVirtuoso, catalogueCases, comunicaGraph, graphNames, MERGED_GRAPH, readQuads, type Answer, type VirtuosoDataset } from '../test/differential/engines.js';
import { ROOT } from '../test/support/project.js';
import { insertMergedGraph, loadReleaseInto, startVirtuoso, type Virtuoso } from '../test/support/virtuoso.js';
import { NQUADS_DUMP, releasePath } from '../src/core/release.js';

const dump = releasePath(ROOT, NQUADS_DUMP);
const quads = readQuads(dump);
const graphs = graphNames(quads);
const cases = catalogueCases();
const size = (a: Answer): string => (a.kind === 'bindings' ? `${a.rows.length} rows` : a.kind === 'graph' ? `${a.size} triples` : a.kind === 'boolean' ? String(a.value) : `error: ${a.message.slice(0, 80)}`);

const reference = new Map<string, Answer>();
const comunica = comunicaGraph(quads);
for (const c of cases) reference.set(c.id, await askComunica(comunica, c));

/** The cases whose answer on `virtuoso` under `dataset` differs from ours, printed. */
async function measure(virtuoso: Virtuoso, dataset: VirtuosoDataset, held: string): Promise<void> {
  const differing: string[] = [];
  for (const c of cases) {
    const [mine, theirs] = [reference.get(c.id)!, await askVirtuoso(virtuoso, graphs, c, dataset)];
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) differing.push(`${c.id} (ours ${size(mine)}, Virtuoso ${size(theirs)})`);
  }
  console.log(`${held}, dataset ${dataset}: ${differing.length} of ${cases.length} cases differ${differing.length ? `:\n  ${differing.join('\n  ')}` : ''}`);
}

// A store loaded with the named graphs only (Virtuoso's bulk loader), then given graph/merged.
let virtuoso = await startVirtuoso();
try {
  await loadReleaseInto(virtuoso, dump, graphs);
  for (const dataset of ['graphs', 'none'] as VirtuosoDataset[]) await measure(virtuoso, dataset, 'A: the named graphs only');
  await insertMergedGraph(virtuoso, graphs, MERGED_GRAPH);
  for (const dataset of ['merged', 'graphs', 'none'] as VirtuosoDataset[]) await measure(virtuoso, dataset, 'A: then graph/merged added');
} finally {
  await virtuoso.stop();
}
// A fresh store loaded with both at once, as load --into leaves it.
virtuoso = await startVirtuoso();
try {
  await loadReleaseInto(virtuoso, dump, graphs, MERGED_GRAPH);
  for (const dataset of ['merged', 'graphs', 'none'] as VirtuosoDataset[]) await measure(virtuoso, dataset, 'B: named graphs and graph/merged loaded together');
} finally {
  await virtuoso.stop();
}
console.log(`(dump ${join('dist', dump.slice(join(ROOT, 'dist').length + 1))}, ${quads.length} quads in ${graphs.length} graphs)`);
