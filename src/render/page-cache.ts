/**
 * Rendered pages kept for reuse. The pages come from a graph that cannot change while the server runs, so a
 * page (a search for one text, an IRI folder's list) is rendered once and then served from memory. The
 * rendering itself is the caller's (the server's render worker, off its thread); the same page asked again
 * while it is being rendered waits for that one rendering. The cache is bounded by bytes, least recently
 * used first out.
 */
import { LRUCache } from 'lru-cache';

/** A page as it is sent: its status and title, its bytes (UTF-8) and their strong ETag. */
export interface ServedPage { status: number; title: string; body: Buffer; etag: string }

export interface PageCacheStats {
  /** Pages rendered (each miss), and pages answered from the cache or from a rendering in progress. */
  renders: number;
  hits: number;
  /** Bytes the cache holds now. */
  readonly bytes: number;
}

/** Renders the page at a path with its parameters; undefined when there is no page there. */
export type RenderPage = (path: string, params: URLSearchParams) => Promise<ServedPage | undefined>;

export interface CachedPages {
  render: RenderPage;
  cacheStats: PageCacheStats;
}

/** Bytes a cached page costs beyond its HTML: its key (UTF-16), title and the objects around them, rounded up. */
const ENTRY_OVERHEAD = 512;

/**
 * `render`, with what it renders kept for reuse, at most `maxBytes` in all. Parameters are keyed in
 * sorted order, so `?a=1&b=2` and `?b=2&a=1` share one page. A failed rendering is not kept.
 */
export function cachePages(render: RenderPage, maxBytes: number): CachedPages {
  const cache = new LRUCache<string, ServedPage>({
    maxSize: maxBytes,
    sizeCalculation: (page, key) => page.body.byteLength + 2 * (key.length + page.title.length) + ENTRY_OVERHEAD,
  });
  const rendering = new Map<string, Promise<ServedPage | undefined>>();
  const stats = { renders: 0, hits: 0, get bytes() { return cache.calculatedSize; } };
  return {
    render(path, params) {
      const key = `${path}?${new URLSearchParams([...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toString()}`;
      const cached = cache.get(key) ?? rendering.get(key);
      if (cached !== undefined) {
        stats.hits += 1;
        return cached instanceof Promise ? cached : Promise.resolve(cached);
      }
      stats.renders += 1;
      const page = render(path, params).then((rendered) => {
        if (rendered !== undefined) cache.set(key, rendered);
        return rendered;
      }).finally(() => rendering.delete(key));
      rendering.set(key, page);
      return page;
    },
    cacheStats: stats,
  };
}
