/**
 * The render worker (a worker thread of the server): it holds its own copy of the graph, the same pages
 * (render/pages/) and resource index as the server and the static site, and renders what is asked of it,
 * one job at a time, off the server's thread. Its answers are the same render functions' output, byte for byte.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Store } from 'n3';
import { collectWhenGrown } from '../../core/collect-garbage.js';
import { strongEtag } from '../../core/etag.js';
import { HTML } from '../../core/formats.js';
import { readRelease } from '../../core/release.js';
import { graphContent } from '../../query/graph-content.js';
import { loadGraph } from '../../query/load-graph.js';
import { queryKeys } from '../../query/query-key.js';
import { createPages } from '../../render/pages/index.js';
import { ReleaseArchive } from '../../render/release-archive.js';
import { ResourceIndex } from '../../render/resource-index.js';
import { versionedPage } from '../../render/versioned-page.js';
import { quadsToMediaType } from '../../serialize/quads.js';
import { snapshotGraph } from '../backend/snapshot-store.js';
import { SERVER_LINKS } from '../routes/pages.js';
import { contentSecurityPolicy } from '../security-headers.js';
import type { Encoded, FromWorker, RenderJob, RenderResult, RenderWorkerData, ToWorker } from './protocol.js';

const data = workerData as RenderWorkerData;
const port = parentPort!;

/** The graph as the server loaded it: the built graph and the descriptions, or --backend's snapshot. */
async function storeOf(input: RenderWorkerData): Promise<Store> {
  if (input.snapshot === undefined) return (await loadGraph({ root: input.root, sources: input.descriptions, mergeDefaultGraph: false })).store;
  return (await snapshotGraph(input.snapshot.nquads, input.snapshot.endpoint, input.root, input.descriptions)).store;
}

const store = await storeOf(data);
const release = readRelease(data.root);
const archive = ReleaseArchive.forRelease(release, join(data.root, 'dist'), data.base);
const pages = createPages({ store, base: data.base, release, root: data.root, archive });
const index = new ResourceIndex(store, data.base);

/** `text` as UTF-8 bytes in a buffer of their own (never Node's shared pool: the buffer is transferred), and their ETag. */
function encoded(text: string, html = false): Encoded {
  const bytes = new Uint8Array(Buffer.byteLength(text));
  Buffer.from(bytes.buffer, 0, bytes.byteLength).write(text, 'utf8');
  return { bytes, etag: strongEtag(bytes), ...(html ? { policy: contentSecurityPolicy(text) } : {}) };
}

async function run(job: RenderJob): Promise<RenderResult> {
  switch (job.kind) {
    case 'page': {
      const page = pages.render(job.path, new URLSearchParams(job.params), SERVER_LINKS);
      return page === undefined ? null : { ...encoded(page.html, true), status: page.status, title: page.title };
    }
    case 'graph': return encoded(await graphContent(store, data.graphs, job.graph ?? undefined, job.mediaType, data.prefixes));
    case 'document': {
      const description = index.describe(job.iri);
      if (description === undefined) return null;
      const body = job.mediaType === null ? '' : await quadsToMediaType(index.documentQuads(description), job.mediaType, data.prefixes);
      return { ...encoded(body), incomingTruncated: description.incomingTruncated, incoming: description.incoming.length };
    }
    case 'query-key': return queryKeys(job.text);
    case 'memento': {
      // A resource as a release described it, from that release's frozen dump (routes/memento.ts).
      const description = archive.describe(job.version, job.iri);
      if (description === undefined) return null;
      if (job.mediaType !== HTML) return encoded(await quadsToMediaType(archive.documentQuads(job.version, description), job.mediaType, data.prefixes));
      const isCurrent = (iri: string) => index.has(iri);
      return encoded(versionedPage({ archive, version: job.version, description, links: SERVER_LINKS, prefixes: data.prefixes, isCurrent }).html, true);
    }
  }
}

/**
 * After a job, a full collection runs if this thread's heap has grown 24 MB beyond what the last one kept
 * (core/collect-garbage.ts), as in the query processes (pool/query-process.ts): the keys of large new queries
 * leave their syntax trees as garbage that V8 would otherwise keep, in the server's own resident size.
 */
let collectIfGrown: () => boolean = () => false;

// One job at a time, in the order asked: a job's awaits (JSON-LD, RDF/XML) do not let the next one start.
let queue = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(async () => {
    let reply: FromWorker;
    try {
      reply = { id: message.id, ok: true, value: await run(message.job) };
    } catch (error) {
      reply = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    const bytes = reply.ok && reply.value !== null && 'bytes' in reply.value ? reply.value.bytes : undefined;
    port.postMessage(reply, bytes === undefined ? [] : [bytes.buffer as ArrayBuffer]);
    collectIfGrown();
  });
});
// The assets and paths of the pages: the server's thread serves and routes them without a copy of the pages.
port.postMessage({ ready: true, assets: pages.assets(), paths: pages.paths() } satisfies FromWorker);
// What the thread holds once ready (the graph, the pages' caches) is kept: collections wait for growth beyond it.
collectIfGrown = collectWhenGrown();
