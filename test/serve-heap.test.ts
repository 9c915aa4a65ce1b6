/**
 * The heap of a long-running thread is collected once it has grown past what the last collection kept
 * (src/core/collect-garbage.ts): the server's own thread after a response, the render worker after a job.
 * Large query texts otherwise fill V8's large-object space, in the server's resident size.
 */
import { getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectWhenGrown } from '../src/core/collect-garbage.js';
import { startServer, type TestServer } from './fixtures/serve/server.js';

const MB = 1024 * 1024;

/**
 * Flat strings of 256 KB each, `total` bytes in all, each in V8's large-object space as a query text read
 * from a request is (padEnd or repeat would make ropes of a few bytes instead).
 */
function largeStrings(total: number): string[] {
  return Array.from({ length: Math.ceil(total / (256 * 1024)) }, (_, i) => Buffer.alloc(256 * 1024, 97 + (i % 26)).toString('latin1'));
}

describe('collectWhenGrown', () => {
  it('collects once the heap has grown past the bound, gives the garbage back, and then waits for new growth', () => {
    const check = collectWhenGrown(24 * MB);
    let held: string[] | undefined = largeStrings(96 * MB);
    const grown = getHeapStatistics().total_heap_size;
    held = undefined;
    expect(held).toBeUndefined();
    expect(check()).toBe(true);
    // The 96 MB of strings were garbage: the collection gave their pages back.
    expect(getHeapStatistics().total_heap_size).toBeLessThan(grown - 64 * MB);
    // What survived is the new base: no second collection without new growth.
    expect(check()).toBe(false);
  });

  it('does not collect while the heap stays within the bound', () => {
    const check = collectWhenGrown(512 * MB);
    const held = largeStrings(32 * MB);
    expect(check()).toBe(false);
    expect(held.length).toBe(128);
  });
});

describe("the server's own thread", () => {
  let t: TestServer;
  beforeAll(async () => { t = await startServer(); }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('collects its heap after a response once it has grown past the bound', async () => {
    // The test and the server share this thread's heap: 160 MB held here is growth the server sees.
    const before = t.server.limits.heap.collections;
    const held = largeStrings(160 * MB);
    const response = await t.get('/sparql?query=' + encodeURIComponent('ASK {}'), { headers: { accept: 'application/sparql-results+json' } });
    expect(await response.json()).toEqual({ head: {}, boolean: true });
    expect(held.length).toBe(640);
    expect(t.server.limits.heap.collections).toBe(before + 1);
    // The next response finds the heap within the bound of what that collection kept.
    await (await t.get('/sparql?query=' + encodeURIComponent('ASK {}'), { headers: { accept: 'application/sparql-results+json' } })).arrayBuffer();
    expect(t.server.limits.heap.collections).toBe(before + 1);
  });
});
