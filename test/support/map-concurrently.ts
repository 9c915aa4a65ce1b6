/**
 * `task` over every item with at most `limit` in flight, the results in the items' order. A worker takes the
 * next item as soon as its last one is done, so one slow item holds up only its own worker (a batch of
 * `limit` waits for its slowest).
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
