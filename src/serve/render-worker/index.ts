/**
 * The server's render worker: pages that are not cached (a search for a new text, a list page, a resource
 * page), Graph Store documents and resources' RDF documents are rendered in a worker thread (worker.ts)
 * that holds its own copy of the graph, so that the server's thread only routes and sends: 16 clients
 * each searching a new text no longer hold up every other answer.
 *
 * At most `maxQueue` jobs wait or run in the worker; one more is refused at once (RenderUnavailable: the
 * route answers 503 with Retry-After). A worker that dies (a crash, its heap limit) or that leaves one job
 * unanswered `timeoutMs` after it was asked is ended and replaced; the jobs it held are refused the same way, never left waiting.
 */
import type { Worker } from 'node:worker_threads';
import type { QueryKeys } from '../../query/query-key.js';
import type { ServedPage } from '../../render/page-cache.js';
import { rememberPolicy } from '../security-headers.js';
import type { Encoded, EncodedDocument, EncodedPage, FromWorker, PageAsset, Ready, RenderJob, RenderResult, RenderWorkerData, ToWorker } from './protocol.js';
import { startRenderThread } from './start-thread.js';

export type { PageAsset, RenderWorkerData } from './protocol.js';

/** Bytes to send and their strong ETag. */
export interface Tagged { body: Buffer; etag: string }

/** A resource's description in an RDF format, and whether its incoming links were cut short (to how many). */
export interface ResourceDocument extends Tagged { incomingTruncated: boolean; incoming: number }

/** The transferred bytes as a Buffer, without a copy; an HTML body's CSP remembered for that Buffer. */
function bufferOf(encoded: Encoded): Tagged {
  const body = Buffer.from(encoded.bytes.buffer, encoded.bytes.byteOffset, encoded.bytes.byteLength);
  if (encoded.policy !== undefined) rememberPolicy(body, encoded.policy);
  return { body, etag: encoded.etag };
}

/** Why a job was not done, for the client to try again shortly: the route answers 503 with Retry-After. */
export class RenderUnavailable extends Error {}

export interface RenderWorkerOptions {
  /** Jobs that may wait or run in the worker at once; one more is refused. */
  maxQueue: number;
  /** Milliseconds a job may wait and run before the worker is ended and replaced (a job that long holds every other). */
  timeoutMs: number;
  /** The worker's V8 heap limit in MB: past it the worker dies and is replaced, the server lives on. */
  maxHeapMb: number;
}

export interface RenderStats {
  /** Jobs done, refused because the queue was full, and refused because the worker stopped; workers replaced. */
  done: number;
  refused: number;
  lost: number;
  restarts: number;
  /** Jobs waiting or running now. */
  readonly pending: number;
}

interface Pending { resolve: (value: RenderResult) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }

/**
 * The worker's young generation, in MB. V8's default let the idle server's RSS grow by 66 MB with the worker;
 * with 4 MB it grows by 36 MB (the graph, its pages and their modules), the query processes' setting too
 * (--max-semi-space-size=4): a page's garbage is short-lived and small.
 */
const YOUNG_GENERATION_MB = 4;

/** A replacement that dies before it is ready waits this long before the next is started: no tight loop. */
const RESTART_BACKOFF_MS = 1000;

export class RenderWorker {
  private worker: Worker | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 0;
  private closing = false;
  private ready: Ready | undefined;
  readonly stats: RenderStats;

  private constructor(private readonly data: RenderWorkerData, private readonly options: RenderWorkerOptions) {
    const pending = this.pending;
    this.stats = { done: 0, refused: 0, lost: 0, restarts: 0, get pending() { return pending.size; } };
  }

  /** A worker, once it has loaded the graph: a worker that cannot start fails the server's start. */
  static async start(data: RenderWorkerData, options: RenderWorkerOptions): Promise<RenderWorker> {
    const renderer = new RenderWorker(data, options);
    await renderer.spawn();
    return renderer;
  }

  /** The pages' assets (stylesheet, scripts, search index, recipe files), as the first worker gave them. */
  get assets(): PageAsset[] { return this.ready!.assets; }

  /** Every page path (the views, the list pages, the resources), as the first worker gave them. */
  get paths(): string[] { return this.ready!.paths; }

  /** The page at a path with its parameters (undefined: no page there). */
  async page(path: string, params: URLSearchParams): Promise<ServedPage | undefined> {
    const page = await this.run({ kind: 'page', path, params: [...params] }) as EncodedPage | null;
    return page === null ? undefined : { status: page.status, title: page.title, ...bufferOf(page) };
  }

  /** A resource as release `version` described it, in a media type (HTML: its page); undefined when that release did not. */
  async memento(version: string, iri: string, mediaType: string): Promise<Tagged | undefined> {
    const document = await this.run({ kind: 'memento', version, iri, mediaType }) as Encoded | null;
    return document === null ? undefined : bufferOf(document);
  }

  /** A graph of the Graph Store (undefined: the default graph) in an RDF media type. */
  async graph(graph: string | undefined, mediaType: string): Promise<Tagged> {
    return bufferOf(await this.run({ kind: 'graph', graph: graph ?? null, mediaType }) as Encoded);
  }

  /**
   * A resource's description in an RDF media type (none: only whether its incoming links were cut short);
   * undefined when the index does not describe it.
   */
  async document(iri: string, mediaType: string | undefined): Promise<ResourceDocument | undefined> {
    const document = await this.run({ kind: 'document', iri, mediaType: mediaType ?? null }) as EncodedDocument | null;
    return document === null ? undefined : { ...bufferOf(document), incomingTruncated: document.incomingTruncated, incoming: document.incoming };
  }

  /** The cache key and the shape of a query text (query/query-key.ts), from one parse in the worker. */
  async queryKeys(text: string): Promise<QueryKeys> {
    return await this.run({ kind: 'query-key', text }) as QueryKeys;
  }

  /** Ends the worker now (its jobs are refused) and starts another, as when it dies. */
  async restart(): Promise<void> {
    await this.worker?.terminate();
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker?.terminate();
  }

  private run(job: RenderJob): Promise<RenderResult> {
    if (this.closing) return Promise.reject(new RenderUnavailable('the server is closing'));
    const worker = this.worker;
    if (worker === undefined) {
      this.stats.lost += 1;
      return Promise.reject(new RenderUnavailable('the page renderer is restarting; try again shortly'));
    }
    if (this.pending.size >= this.options.maxQueue) {
      this.stats.refused += 1;
      return Promise.reject(new RenderUnavailable(`the page renderer has ${this.options.maxQueue} pages and documents to render already; try again shortly`));
    }
    const id = this.nextId++;
    return new Promise<RenderResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A job that runs this long holds every job behind it: the worker is ended and replaced.
        this.pending.delete(id);
        this.stats.lost += 1;
        reject(new RenderUnavailable(`the page renderer did not render this within ${this.options.timeoutMs} ms; try again shortly`));
        void worker.terminate();
      }, this.options.timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, job } satisfies ToWorker);
    });
  }

  /** Starts a worker; resolves when it is ready, rejects when it stops first. */
  private spawn(): Promise<void> {
    const worker = startRenderThread(this.data, { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB });
    this.worker = worker;
    let ready = false;
    let failure: Error | undefined;
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if ('ready' in message) {
          ready = true;
          this.ready ??= message;
          resolve();
          return;
        }
        const entry = this.pending.get(message.id);
        if (entry === undefined) return;
        this.pending.delete(message.id);
        clearTimeout(entry.timer);
        this.stats.done += 1;
        if (message.ok) entry.resolve(message.value);
        else entry.reject(new Error(`the page renderer failed: ${message.message}`));
      });
      worker.on('error', (error) => { failure = error; });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        this.refuseAll(this.closing ? 'the server is closing' : 'the page renderer stopped while rendering this; try again shortly');
        if (!ready) reject(new Error(`the page renderer could not start (exit code ${code}): ${failure?.message ?? 'no message'}`));
        if (this.closing) return;
        this.stats.restarts += 1;
        const again = () => { if (!this.closing) this.spawn().catch(() => { /* its exit started the next */ }); };
        if (ready) again();
        else setTimeout(again, RESTART_BACKOFF_MS).unref();
      });
    });
  }

  private refuseAll(message: string): void {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      this.pending.delete(id);
      this.stats.lost += 1;
      entry.reject(new RenderUnavailable(message));
    }
  }
}
