/**
 * A bounded least-recently-used map: at most `maxEntries` entries and `maxBytes` of their summed sizes;
 * an entry may also expire after its own time to live. A Map keeps insertion order, so re-inserting on
 * every hit makes its first key the least recently used.
 */
export interface LruOptions {
  maxEntries: number;
  /** Upper bound on the summed `size` of the entries (default: unbounded). */
  maxBytes?: number;
}

interface Slot<V> {
  value: V;
  size: number;
  /** performance.now() after which the entry is gone; Infinity for never. */
  expires: number;
}

export class Lru<K, V> {
  private readonly slots = new Map<K, Slot<V>>();
  private bytes = 0;

  constructor(private readonly options: LruOptions) {}

  get size(): number { return this.slots.size; }
  get totalBytes(): number { return this.bytes; }

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expires <= performance.now()) { this.delete(key); return undefined; }
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  set(key: K, value: V, size = 1, ttlMs = Infinity): void {
    if (this.options.maxEntries <= 0) return;
    if (this.options.maxBytes !== undefined && size > this.options.maxBytes) return; // would evict everything else
    this.delete(key);
    this.slots.set(key, { value, size, expires: performance.now() + ttlMs });
    this.bytes += size;
    while (this.slots.size > this.options.maxEntries || (this.options.maxBytes !== undefined && this.bytes > this.options.maxBytes)) {
      const oldest = this.slots.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
  }

  delete(key: K): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.slots.delete(key);
    this.bytes -= slot.size;
  }

  clear(): void {
    this.slots.clear();
    this.bytes = 0;
  }
}
