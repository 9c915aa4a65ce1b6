/** The bounded cache (src/core/lru.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lru } from '../src/core/lru.js';

describe('Lru', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const lru = new Lru<string, number>({ maxEntries: 2 });
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });

  it('evicts by summed size beyond maxBytes, and never keeps an entry larger than the bound', () => {
    const lru = new Lru<string, string>({ maxEntries: 100, maxBytes: 10 });
    lru.set('a', 'x', 6);
    lru.set('b', 'y', 6);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.totalBytes).toBe(6);
    lru.set('huge', 'z', 11);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('b')).toBe('y');
  });

  it('forgets an entry after its time to live', () => {
    vi.useFakeTimers();
    // Fake timers start the clock at 0, which lru-cache reads as "no start time": begin a moment later.
    vi.advanceTimersByTime(1);
    const lru = new Lru<string, number>({ maxEntries: 10 });
    lru.set('a', 1, 1, 1000);
    vi.advanceTimersByTime(999);
    expect(lru.get('a')).toBe(1);
    vi.advanceTimersByTime(2);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it('keeps nothing when maxEntries is 0 (the cache switched off)', () => {
    const lru = new Lru<string, number>({ maxEntries: 0 });
    lru.set('a', 1);
    expect(lru.get('a')).toBeUndefined();
  });
});
