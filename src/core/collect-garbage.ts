/**
 * A full garbage collection on demand, for the build between two large steps. V8 sizes its heap by how
 * fast the program allocates, not by what it keeps: a million-triple build keeps some 700 MB, yet its
 * heap grew past 2.4 GB of mostly garbage while the dumps were made one after another. Collecting between
 * dumps lets each one start from what is kept. gc() is not exposed without --expose-gc; the flag is set
 * at run time and gc() taken from a new context, as Jest does for its heap reports (jest-leak-detector).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** The growth that sets off a collection, unless a caller gives its own: the server's thread and its render worker use it. */
export const DEFAULT_GROWTH_BYTES = 24 * 1024 * 1024;

/**
 * A check that runs a full collection when the heap has grown `growthBytes` beyond what the last collection
 * kept, and says whether it ran one. For a long-running thread that handles large texts (the server's, its
 * render worker): V8 puts a string over about 128 KB in its large-object space, which only a full collection
 * frees, and it lets that space fill for a long while first (measured on the server: 1,500 distinct 250 KB
 * queries left 75 MB of it and 120 MB of heap used, of which a collection kept 40). What survives a
 * collection is kept (caches, the graph), so the next waits for `growthBytes` beyond that: never one per call.
 */
export function collectWhenGrown(growthBytes = DEFAULT_GROWTH_BYTES): () => boolean {
  let kept = getHeapStatistics().total_heap_size;
  return () => {
    if (getHeapStatistics().total_heap_size <= kept + growthBytes) return false;
    collectGarbage();
    kept = getHeapStatistics().total_heap_size;
    return true;
  };
}
