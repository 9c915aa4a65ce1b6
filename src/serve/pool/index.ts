/**
 * The query pool. The server process never evaluates a query: each runs in a child process
 * (process-start.ts, query-process.ts) with a hard heap limit, so running out of memory kills that child
 * only; the query gets QueryMemoryError and a fresh process takes the place.
 *
 * Two halves, joined here and nowhere else: the supervisor (supervisor.ts) starts, watches, renices and
 * kills the processes; the scheduler (scheduler.ts) decides which query runs where and when, in two lanes
 * with warm spares (capacity.ts) and time limits. The scheduler commands the supervisor (ProcessControl)
 * and hears back through its events (SupervisorEvent); the pool's own events (PoolEvent) come from the
 * scheduler.
 */
import type { QueryTask, TaskOutcome } from '../../query/runners/types.js';
import { Scheduler } from './scheduler.js';
import { Supervisor } from './supervisor.js';
import type { PoolOptions, PoolStats, RunOptions } from './types.js';

export type { PoolEvent, PoolOptions, PoolStats, RunOptions } from './types.js';

export class QueryPool {
  private constructor(private readonly supervisor: Supervisor, private readonly scheduler: Scheduler) {}

  /** Starts the fast lane and the spares; resolves when all are warm, rejects if one cannot start (e.g. no built graph). */
  static async start(options: PoolOptions): Promise<QueryPool> {
    let scheduler: Scheduler | undefined;
    // The supervisor reports only once a process exists, which the scheduler asks for: it is there by then.
    const supervisor = new Supervisor(options, (event) => scheduler!.handle(event));
    scheduler = new Scheduler(options, supervisor);
    const pool = new QueryPool(supervisor, scheduler);
    try {
      await scheduler.start();
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get stats(): PoolStats {
    return this.scheduler.stats;
  }

  /** The process ids of the live query processes (for measuring their memory). */
  get pids(): number[] {
    return this.supervisor.pids;
  }

  /**
   * Whether the resident-size watchdog and the recycling of grown processes work here: on Linux only
   * (they read /proc). Elsewhere only the V8 heap and WebAssembly caps bound a query's memory.
   */
  get watchesMemory(): boolean {
    return this.supervisor.watchesMemory;
  }

  /**
   * Runs a task in a query process. `onAssigned` is told how long the task waited for a process
   * (0 when one was warm and idle), once it has one. `options` name the client (its share, its class)
   * and carry the signal that cancels the query when the client has gone.
   */
  run(task: QueryTask, onAssigned?: (waitedMs: number) => void, options?: RunOptions): Promise<TaskOutcome> {
    return this.scheduler.run(task, onAssigned, options);
  }

  close(): Promise<void> {
    return this.scheduler.close();
  }
}
