/**
 * The store of a --backend snapshot, from the snapshot's N-Quads (lines sorted by code point, as the dump
 * is written) and the dataset descriptions read locally: the same steps in the same order for the server
 * (backend/connect.ts) and its render worker (render-worker/worker.ts), so that both stores hold their
 * quads in the same order, which the pages and documents follow.
 */
import { Readable } from 'node:stream';
import { loadGraphInto } from '../../query/load-graph.js';
import { readRdf } from '../../query/rdf-formats.js';
import type { QueryGraph } from '../../query/types.js';
import { createStore } from '../../rdf/store.js';

/** Bytes of the snapshot's text given to the parser at a time. */
const SLICE = 256 * 1024;

export async function snapshotGraph(nquads: string, source: string, root: string, descriptions: string[]): Promise<QueryGraph> {
  const store = createStore();
  await readRdf(Readable.from(slices(nquads)), 'nquads', source, source, (quad) => { store.addQuad(quad); });
  return loadGraphInto(store, { root, includeBuilt: false, sources: descriptions, maxSourceBytes: Number.MAX_SAFE_INTEGER, mergeDefaultGraph: false });
}

function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}
