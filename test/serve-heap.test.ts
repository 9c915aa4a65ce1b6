/**
 * The heap of a long-running thread is collected once it has grown past what the last collection kept
 * (src/core/collect-garbage.ts): the server's own thread after the response to a large query, the render worker
 * after a job.
 * Large query texts otherwise fill V8's large-object space, in the server's resident size.
 */
import { getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGarbage, collectWhenGrown } from '../src/core/collect-garbage.js';
import { startServer, type TestServer } from './fixtures/serve/server.js';

const MB = 1024 * 1024;

/**
 * Flat strings of 256 KB each, `total` bytes in all, each in V8's large-object space as a query text read
 * from a request is (padEnd or repeat would make ropes of a few bytes instead).
 */
function largeStrings(total: number): string[] {
  return Array.from({ length: Math.ceil(total / (256 * 1024)) }, (_, i) => Buffer.alloc(256 * 1024, 97 + (i % 26)).toString('latin1'));
}

/**
 * The tests share their worker's heap with the files run before them: garbage those left could be collected
 * by V8 on its own after a check takes its base, and the base would then be above the heap these tests grow.
 * A collection first makes the base what is live.
 */
describe('collectWhenGrown', () => {
  it('collects once the heap has grown past the bound, gives the garbage back, and then waits for new growth', () => {
    collectGarbage();
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
    collectGarbage();
    const check = collectWhenGrown(512 * MB);
    const held = largeStrings(32 * MB);
    expect(check()).toBe(false);
    expect(held.length).toBe(128);
  });
});

describe("the server's own thread", () => {
  let t: TestServer;
  beforeAll(async () => {
    collectGarbage();
    t = await startServer();
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  const ask = async (text: string) => {
    const response = await t.get('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: text });
    return response.json() as Promise<unknown>;
  };

  it('collects its heap after the response to a large query once it has grown past the bound, and not after a small one', async () => {
    // The test and the server share this thread's heap: 160 MB held here is growth the server sees.
    const before = t.server.limits.heap.collections;
    const held = largeStrings(160 * MB);
    // A small query leaves the heap to V8: a collection after every response slowed the server under page load.
    expect(await ask('ASK {}')).toEqual({ head: {}, boolean: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.server.limits.heap.collections).toBe(before);
    // A query of 20 KB (the size from which its key is made off the server's thread) is a large one.
    expect(await ask(`ASK {} # ${'x'.repeat(20 * 1024)}`)).toEqual({ head: {}, boolean: true });
    await expect.poll(() => t.server.limits.heap.collections).toBe(before + 1);
    expect(held.length).toBe(640);
    // The next large query finds the heap within the bound of what that collection kept.
    expect(await ask(`ASK {} # ${'y'.repeat(20 * 1024)}`)).toEqual({ head: {}, boolean: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.server.limits.heap.collections).toBe(before + 1);
  });
});
