/**
 * A bounded least-recently-used map: at most `maxEntries` entries and `maxBytes` of their summed sizes;
 * an entry may also expire after its own time to live. A thin face over lru-cache, so that the caches of
 * the server (answers, parses, pages) keep one small interface with their budgets in entries and bytes.
 */
import { LRUCache } from 'lru-cache';

export interface LruOptions {
  maxEntries: number;
  /** Upper bound on the summed `size` of the entries (default: unbounded). */
  maxBytes?: number;
}

export class Lru<K extends {}, V extends {}> {
  /** Undefined when maxEntries is 0: the cache is switched off and keeps nothing. */
  private readonly cache: LRUCache<K, V> | undefined;

  constructor(options: LruOptions) {
    this.cache = options.maxEntries <= 0 ? undefined : new LRUCache<K, V>({
      max: options.maxEntries,
      // Sizes are always counted (totalBytes); an entry larger than the bound is not kept, as it would
      // evict everything else.
      maxSize: options.maxBytes ?? Number.MAX_SAFE_INTEGER,
      // The clock is read through the global on each call, so that a test's fake timers reach it.
      perf: { now: () => performance.now() },
      ttlResolution: 0,
    });
  }

  get size(): number { return this.cache?.size ?? 0; }
  get totalBytes(): number { return this.cache?.calculatedSize ?? 0; }

  get(key: K): V | undefined {
    return this.cache?.get(key);
  }

  set(key: K, value: V, size = 1, ttlMs = Infinity): void {
    if (this.cache === undefined) return;
    // lru-cache refuses a size of 0; and an infinite time to live is its default (no ttl).
    this.cache.set(key, value, { size: Math.max(1, Math.ceil(size)), ...(Number.isFinite(ttlMs) ? { ttl: ttlMs } : {}) });
  }

  delete(key: K): void {
    this.cache?.delete(key);
  }

  clear(): void {
    this.cache?.clear();
  }
}
