/**
 * What the query pool takes and tells (index.ts): its options, the events it reports in order, and its
 * counts. Apart from the modules that use them, so that the supervisor and the scheduler share types,
 * never state.
 */
import type { EvaluatorConfig } from './evaluate.js';
import type { QueryProcess } from './process-start.js';

export interface PoolOptions {
  /** Processes kept for queries in the fast lane, beyond the spares. */
  size: number;
  config: EvaluatorConfig;
  /** A query running longer than this in all (milliseconds) is stopped with a QueryTimeoutError. */
  timeoutMs: number;
  /** Tasks that may wait for a process; more are refused with ServerBusyError. */
  maxQueue: number;
  /** A task waiting longer than this for a process is refused with ServerBusyError. */
  queueTimeoutMs: number;
  /**
   * Memory a query may use in its process (MiB): the V8 heap limit, and the growth of the process's
   * resident size beyond its size when ready (the watchdog). A query that needs more ends its process,
   * not the server.
   */
  maxHeapMb: number;
  /**
   * Resident memory of the server and its query processes together (MiB): a process beyond the fast lane
   * and its spares (`size` + `spares`), i.e. a replacement started ahead of a slow-lane deadline, is started
   * only if it fits (memory-budget.ts), and a grown process is replaced even while queries wait once none
   * fits. Undefined or 0: no budget. Read on Linux only.
   */
  maxMemoryMb?: number;
  /** Warm idle processes kept beyond those in use (default 1). */
  spares?: number;
  /** How long a query runs in the fast lane before it moves to the slow lane (default 250 ms). */
  sliceMs?: number;
  /** Queries in the slow lane at once (default twice `size`). */
  slowLane?: number;
  /**
   * Queries of one client (RunOptions.client) that may run at once (default: no limit). Its others wait,
   * even while a process is idle.
   */
  clientProcesses?: number;
  /** Queries of one client that may wait beyond those running (default: no limit); more are refused with ClientShareError. */
  clientQueue?: number;
  /**
   * Idle processes, of the spares, held for queries whose client's last query was cheap (client-classes.ts),
   * so that a burst of expensive queries cannot take every warm process (default 0; at most `spares`).
   */
  reserve?: number;
  /** Starts one query process (default: startQueryProcess; the tests give a fake one). */
  startProcess?: (config: EvaluatorConfig, maxHeapMb: number) => QueryProcess;
  /** Called with what the pool does, in order (for tests and measurements). */
  onEvent?: (event: PoolEvent) => void;
}

/** What the pool did. `task` is the pool's number for a query (1, 2, … in the order of `run`). */
export type PoolEvent =
  | { type: 'spawn'; process: number; reason: 'start' | 'spare' | 'waiting' | 'ahead' | 'refill' }
  | { type: 'ready'; process: number; ms: number; rssMb: number }
  | { type: 'assign'; task: number; process: number; lane: 'fast' | 'slow'; atOnce: boolean; waitedMs: number }
  | { type: 'slow'; task: number; process: number }
  | { type: 'requeue'; task: number }
  | { type: 'done'; task: number; process: number }
  | { type: 'timeout'; task: number; process: number }
  | { type: 'memory'; task: number; process: number; rssMb: number; limitMb: number }
  | { type: 'died'; process: number; task: number | undefined; reason: string }
  | { type: 'retire'; process: number; reason: 'idle' | 'not-reniced' | 'closed' | 'grown' }
  /** A start (for `reason`) was put off: the process would not fit in the memory budget (maxMemoryMb). Once per wait. */
  | { type: 'defer'; reason: 'spare' | 'waiting' | 'ahead' | 'refill' }
  /** The query's client went away: it left the queue (`process` undefined) or its process was killed. */
  | { type: 'cancel'; task: number; process: number | undefined }
  /** A client past its share (clientProcesses + clientQueue) was refused. */
  | { type: 'refuse'; client: string; running: number; waiting: number };

/** Who sends a query, and how to call it off. */
export interface RunOptions {
  /** The client (its address): its share and its class apply. Undefined: no share, and the class of its shape. */
  client?: string;
  /**
   * The query's shape (query/query-key.ts's queryKeys): a query with no client is classed by it, since
   * without one the pool cannot tell who sent what.
   */
  shape?: string;
  /** Aborted when the client has gone: the query leaves the queue, or its process is killed and replaced. */
  signal?: AbortSignal;
}

export interface PoolStats {
  /** Live query processes, starting ones included. */
  processes: number;
  ready: number;
  busy: number;
  /** Queries running in the slow lane. */
  slow: number;
  queued: number;
  /** Queries that passed their slice with the slow lane full, waiting for a place there. */
  waitingSlow: number;
  completed: number;
  timedOut: number;
  /** Queries stopped for memory: the heap limit or the resident-size watchdog. */
  outOfMemory: number;
  /** Of those, stopped by the watchdog (memory outside the V8 heap, e.g. WebAssembly). */
  overResident: number;
  crashed: number;
  /** Processes started after the pool's start (replacements and new spares). */
  replaced: number;
  /** Of those, started ahead of a slow-lane query's deadline. */
  startedAhead: number;
  /** Process starts put off, at least once, because the process would not have fit in the memory budget. */
  deferred: number;
  /** Processes retired after a query because they had grown more than GROWN_MB (supervisor.ts) beyond their size when ready. */
  recycled: number;
  /** Queries whose client went away before the answer: taken out of the queue, or their process killed. */
  cancelled: number;
  /** Queries refused because their client was past its share. */
  refused: number;
  /** Queries that went to the slow lane first, their client's last query having been expensive. */
  slowFirst: number;
  /** Queries that moved to the slow lane. */
  movedSlow: number;
  /** Queries given a warm process as soon as they came. */
  assignedAtOnce: number;
  /** Queries that had to wait for a process (every one was busy or starting). */
  waitedForProcess: number;
  /** The longest of the last few process starts (milliseconds from spawn to ready); 0 before the first. */
  startMs: number;
}
