/**
 * The queries waiting for a query process, in the order they came: the scheduler's two queues (new
 * queries, and those waiting for a place in the slow lane). A query that waits longer than the queue's
 * time limit leaves it, refused with ServerBusyError.
 */
import { ServerBusyError } from '../../query/errors.js';
import type { QueryTask, TaskOutcome } from '../../query/runners/types.js';

/** A query given to the pool, from `run` until it is answered or refused. */
export interface Pending {
  id: number;
  task: QueryTask;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
  onAssigned?: (waitedMs: number) => void;
  /** performance.now() when it came (or was put back in a queue). */
  queuedAt: number;
  /** The queue timer while waiting. */
  waitTimer?: NodeJS.Timeout;
  /** Who sent it (the client's address), for the client's share and class (client-classes.ts); undefined: nobody's share. */
  client: string | undefined;
  /**
   * What its class is kept under (client-classes.ts): its client, or for a query with no client its shape
   * (query/query-shape.ts); undefined when it has neither.
   */
  classKey: string | undefined;
  /** Milliseconds already run in a process that was stopped at the end of the slice. */
  usedMs: number;
  /** True while `run` looks for a process for it: a process found then was warm and idle when it came. */
  arriving: boolean;
}

export class WaitQueue {
  private readonly waiting: Pending[] = [];

  /** `timeoutMs`: how long a query may wait here. */
  constructor(private readonly timeoutMs: number) {}

  get length(): number {
    return this.waiting.length;
  }

  includes(pending: Pending): boolean {
    return this.waiting.includes(pending);
  }

  /** Puts a query at the end; its wait starts now. */
  push(pending: Pending): void {
    pending.queuedAt = performance.now();
    pending.waitTimer = setTimeout(() => {
      const index = this.waiting.indexOf(pending);
      if (index >= 0) this.waiting.splice(index, 1);
      pending.reject(new ServerBusyError(`the query waited ${this.timeoutMs} ms for a query process`));
    }, this.timeoutMs);
    this.waiting.push(pending);
  }

  /** The queries waiting, in order (to count a client's). */
  get entries(): readonly Pending[] {
    return this.waiting;
  }

  /** Takes the first query that `eligible` accepts, which waits no more. */
  take(eligible: (pending: Pending) => boolean): Pending | undefined {
    const index = this.waiting.findIndex(eligible);
    if (index < 0) return undefined;
    const [pending] = this.waiting.splice(index, 1);
    clearTimeout(pending!.waitTimer);
    return pending;
  }

  /** Takes a query out of the queue (its client went away); false if it was not waiting here. */
  remove(pending: Pending): boolean {
    const index = this.waiting.indexOf(pending);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    clearTimeout(pending.waitTimer);
    return true;
  }

  /** Takes the first query, which waits no more. */
  shift(): Pending | undefined {
    const pending = this.waiting.shift();
    clearTimeout(pending?.waitTimer);
    return pending;
  }

  /** Empties the queue: the queries that waited, in order, none of them timed any more. */
  drain(): Pending[] {
    const all = this.waiting.splice(0);
    for (const pending of all) clearTimeout(pending.waitTimer);
    return all;
  }
}
