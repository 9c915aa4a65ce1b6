/**
 * Identical queries in flight share one run: the first request starts it, the others join it, and it is
 * called off (its AbortSignal aborted) once every request that waits for it has left, that is, once each
 * client has gone before the answer. A request that gets its answer never leaves.
 */
export interface SharedRun<T> {
  outcome: Promise<T>;
  /** This request no longer waits (its client went away); the last to leave aborts the run. */
  leave(): void;
}

interface Entry<T> { outcome: Promise<T>; controller: AbortController; waiting: number }

export class SharedRuns<T> {
  private readonly runs = new Map<string, Entry<T>>();

  /**
   * Joins the run under `key`, or starts one with `start`. An undefined key shares nothing (the result
   * cache is off): the run is this request's alone.
   */
  join(key: string | undefined, start: (signal: AbortSignal) => Promise<T>): SharedRun<T> {
    let entry = key === undefined ? undefined : this.runs.get(key);
    if (entry === undefined) {
      const controller = new AbortController();
      const created: Entry<T> = { outcome: start(controller.signal), controller, waiting: 0 };
      entry = created;
      if (key !== undefined) {
        this.runs.set(key, created);
        const forget = () => { if (this.runs.get(key) === created) this.runs.delete(key); };
        void created.outcome.then(forget, forget);
      }
    }
    const joined = entry;
    joined.waiting++;
    let left = false;
    return {
      outcome: joined.outcome,
      leave: () => {
        if (left) return;
        left = true;
        if (--joined.waiting === 0) {
          if (key !== undefined && this.runs.get(key) === joined) this.runs.delete(key);
          joined.controller.abort();
        }
      },
    };
  }
}
