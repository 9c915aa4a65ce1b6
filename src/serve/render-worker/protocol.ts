/**
 * The messages between the server's thread and its render worker (render-worker/index.ts ↔ worker.ts):
 * what the worker is started with, what it is asked, what it answers. Plain data, copied by postMessage.
 */
import type { QueryKeys } from '../../query/query-key.js';

export interface RenderWorkerData {
  root: string;
  base: string;
  /** The dataset descriptions (dist/void.ttl, dist/dcat.ttl) the pages describe besides the built graph. */
  descriptions: string[];
  /** The named graphs the Graph Store offers, in the server's order. */
  graphs: string[];
  prefixes: Record<string, string>;
  /**
   * With --backend, the snapshot the server took of the store (backend/snapshot-store.ts), built into a
   * store the same way. Without it the worker loads the built graph as the server did.
   */
  snapshot?: { nquads: string; endpoint: string };
}

/** One piece of work: a page, a graph of the Graph Store, or a resource's RDF document. */
export type RenderJob =
  | { kind: 'page'; path: string; params: Array<[string, string]> }
  | { kind: 'graph'; graph: string | null; mediaType: string }
  | { kind: 'document'; iri: string; mediaType: string | null }
  | { kind: 'memento'; version: string; iri: string; mediaType: string }
  | { kind: 'query-key'; text: string };

/**
 * What the worker sends back: the bytes to send, already encoded (UTF-8) and tagged (their strong ETag), so
 * that the server's thread neither encodes nor hashes them; the bytes' buffer is transferred, not copied.
 */
export interface Encoded {
  bytes: Uint8Array;
  etag: string;
  /** An HTML body's Content-Security-Policy (the hashes of its inline styles: security-headers.ts). */
  policy?: string;
}

/** A page: its status and title. */
export interface EncodedPage extends Encoded { status: number; title: string }

/**
 * A resource's description in an RDF format (no bytes when no format was asked: its HTML page is a page),
 * and whether its incoming links were cut short (and to how many).
 */
export interface EncodedDocument extends Encoded { incomingTruncated: boolean; incoming: number }

/** A page or document, a query's cache key and shape (query/query-key.ts), or nothing there. */
export type RenderResult = EncodedPage | Encoded | EncodedDocument | QueryKeys | null;

export type ToWorker = { id: number; job: RenderJob };

/** A file the pages need (stylesheet, scripts, search index, recipes): served as it is, from the server's thread. */
export interface PageAsset { path: string; mediaType: string; body: string | Uint8Array }

/** What the worker says once it has loaded the graph: the pages' assets and every page path. */
export interface Ready { ready: true; assets: PageAsset[]; paths: string[] }

export type FromWorker =
  | Ready
  | { id: number; ok: true; value: RenderResult }
  | { id: number; ok: false; message: string };
