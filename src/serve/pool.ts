/**
 * The query processes and who runs what, when. The server process never evaluates a query: each runs in
 * a child process (process-start.ts, query-process.ts) with a hard heap limit, so running out of memory
 * kills that child only; the query gets QueryMemoryError and a fresh process takes the place.
 *
 * Fairness, so that a cheap query never waits behind expensive ones:
 * - two lanes. A query starts in the fast lane (`size` places). Once it has run for `sliceMs` it moves to
 *   the slow lane (`slowLane` places): its process is reniced (best effort) and stops counting against
 *   the fast lane, so the next query starts at once. A query that passes its slice while the slow lane
 *   is full is stopped and waits for a slow place, then runs again there with the rest of its time.
 * - warm spares. The pool keeps `spares` idle processes, started before they are needed: the place of a
 *   process that moves to the slow lane, times out or dies is taken by a spare that is already warm, and
 *   a new spare starts in the background.
 * - a process starts at a lower priority (nice 5) than the fast lane, so that starting one does not slow
 *   down the queries that run.
 * A query past `timeoutMs` (all its runs together) has its process killed, which stops it wherever it is.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { QueryTimeoutError } from '../errors.js';
import type { EvaluatorConfig } from './evaluate.js';
import { QueryMemoryError, ServerBusyError, WorkerCrashedError } from './errors.js';
import { startQueryProcess, type QueryProcess } from './process-start.js';
import type { FromProcess, ToProcess } from './process-protocol.js';
import type { QueryTask, TaskOutcome } from './run-query.js';

export interface PoolOptions {
  /** Queries that run at normal priority at once (the fast lane). */
  size: number;
  config: EvaluatorConfig;
  /** A query running longer than this in all (milliseconds) is stopped with a QueryTimeoutError. */
  timeoutMs: number;
  /** Tasks that may wait for a process; more are refused with ServerBusyError. */
  maxQueue: number;
  /** A task waiting longer than this for a process is refused with ServerBusyError. */
  queueTimeoutMs: number;
  /** Heap limit of each query process (MiB): a query that needs more ends its process, not the server. */
  maxHeapMb: number;
  /** Warm idle processes kept beyond the fast lane (default 1). */
  spares?: number;
  /** How long a query runs in the fast lane before it moves to the slow lane (default 250 ms). */
  sliceMs?: number;
  /** Queries in the slow lane at once (default twice `size`). */
  slowLane?: number;
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
  outOfMemory: number;
  crashed: number;
  /** Processes started after the pool's start (replacements and new spares). */
  replaced: number;
  /** Queries that moved to the slow lane. */
  movedSlow: number;
}

interface Pending {
  id: number;
  task: QueryTask;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
  /** The queue timer while waiting. */
  waitTimer?: NodeJS.Timeout;
  /** Milliseconds already run in a process that was stopped at the end of the slice. */
  usedMs: number;
}

interface Proc {
  process: QueryProcess;
  ready: boolean;
  running: Pending | undefined;
  startedAt: number;
  slow: boolean;
  /** performance.now() when it last became idle. */
  idleSince: number;
  /** Set once the process has been given up (timed out, died, closed): its events are ignored from then on. */
  gone: boolean;
  timers: NodeJS.Timeout[];
}

/**
 * Nice values, relative to the server's own: a process in the slow lane gets +10 (the scheduler gives a
 * fast one about ten times its share); a process that is starting (some 2 s of CPU) gets +5, below the
 * running fast queries and above the slow lane, and goes back to +0 once ready, where the system allows it.
 */
const SLOW_NICE = 10;
const STARTING_NICE = 5;
/** An idle process beyond the fast lane and the spares is retired after this long idle. */
const IDLE_RETIRE_MS = 30_000;
/** After a process fails to start, the next attempt waits this long. */
const RESTART_DELAY_MS = 1000;

export class QueryPool {
  private readonly procs = new Set<Proc>();
  private readonly queue: Pending[] = [];
  private readonly slowQueue: Pending[] = [];
  private readonly exits = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;
  private started = false;
  private restartAfter = 0;
  /** The one pending check for idle processes to retire, if any. */
  private retireCheck: NodeJS.Timeout | undefined;
  private readonly spares: number;
  private readonly sliceMs: number;
  private readonly slowLane: number;
  /** The server's own nice value, which the fast lane keeps. */
  private readonly nice = getPriority();
  private readonly counts = { completed: 0, timedOut: 0, outOfMemory: 0, crashed: 0, replaced: 0, movedSlow: 0 };

  private constructor(private readonly options: PoolOptions) {
    this.spares = options.spares ?? 1;
    this.sliceMs = options.sliceMs ?? 250;
    this.slowLane = options.slowLane ?? 2 * options.size;
  }

  /** Starts the fast lane and the spares; resolves when all are warm, rejects if one cannot start (e.g. no built graph). */
  static async start(options: PoolOptions): Promise<QueryPool> {
    const pool = new QueryPool(options);
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.size) + (options.spares ?? 1) }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    pool.started = true;
    return pool;
  }

  get stats(): PoolStats {
    const procs = [...this.procs];
    return {
      processes: procs.length,
      ready: procs.filter((p) => p.ready).length,
      busy: procs.filter((p) => p.running !== undefined).length,
      slow: procs.filter((p) => p.running !== undefined && p.slow).length,
      queued: this.queue.length,
      waitingSlow: this.slowQueue.length,
      ...this.counts,
    };
  }

  /** The process ids of the live query processes (for measuring their memory). */
  get pids(): number[] {
    return [...this.procs].map((p) => p.process.child.pid).filter((pid): pid is number => pid !== undefined);
  }

  run(task: QueryTask): Promise<TaskOutcome> {
    if (this.closed) return Promise.reject(new ServerBusyError('the server is shutting down'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new ServerBusyError(`${this.queue.length} queries are waiting`));
    return new Promise<TaskOutcome>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, task, resolve, reject, usedMs: 0 };
      this.wait(this.queue, pending);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retireCheck);
    for (const pending of [...this.queue.splice(0), ...this.slowQueue.splice(0)]) {
      clearTimeout(pending.waitTimer);
      pending.reject(new ServerBusyError('the server is shutting down'));
    }
    for (const proc of [...this.procs]) {
      const running = proc.running;
      this.retire(proc);
      running?.reject(new ServerBusyError('the server is shutting down'));
    }
    await Promise.allSettled([...this.exits]);
  }

  private wait(queue: Pending[], pending: Pending): void {
    pending.waitTimer = setTimeout(() => {
      const index = queue.indexOf(pending);
      if (index >= 0) queue.splice(index, 1);
      pending.reject(new ServerBusyError(`the query waited ${this.options.queueTimeoutMs} ms for a query process`));
    }, this.options.queueTimeoutMs);
    queue.push(pending);
  }

  /** Starts one process; resolves when it is warm, rejects if it dies first. */
  private spawn(): Promise<void> {
    const proc: Proc = {
      process: startQueryProcess(this.options.config, this.options.maxHeapMb),
      ready: false, running: undefined, startedAt: 0, slow: false, idleSince: 0, gone: false, timers: [],
    };
    this.procs.add(proc);
    if (this.started) this.counts.replaced++;
    renice(proc, this.nice + STARTING_NICE);
    const { child } = proc.process;
    const exited = new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.once('error', () => resolve()); });
    this.exits.add(exited);
    void exited.then(() => this.exits.delete(exited));
    return new Promise<void>((resolve, reject) => {
      child.on('message', (message: FromProcess) => {
        if (proc.gone) return;
        if (message.type === 'ready') {
          renice(proc, this.nice);
          proc.ready = true;
          proc.idleSince = performance.now();
          resolve();
          this.pump();
        } else if (message.type === 'done' && proc.running?.id === message.id) {
          this.finish(proc, message.outcome);
        }
      });
      const died = (reason: string) => {
        if (proc.gone) return;
        const wasReady = proc.ready;
        const running = proc.running;
        this.retire(proc);
        if (running !== undefined) {
          if (/heap limit|out of memory/i.test(proc.process.stderr())) {
            this.counts.outOfMemory++;
            running.reject(new QueryMemoryError(this.options.maxHeapMb));
          } else {
            this.counts.crashed++;
            running.reject(new WorkerCrashedError(reason));
          }
        }
        if (!wasReady) {
          const said = proc.process.stderr().trim().split('\n').pop();
          reject(new Error(`a query process could not start: ${said === undefined || said === '' ? reason : said}`));
          this.restartAfter = performance.now() + RESTART_DELAY_MS;
          if (!this.closed) setTimeout(() => this.pump(), RESTART_DELAY_MS).unref();
        }
        this.pump();
      };
      child.on('error', (error) => died(error.message));
      child.on('exit', (code, signal) => died(signal !== null ? `signal ${signal}` : `exit code ${code}`));
    });
  }

  private finish(proc: Proc, outcome: TaskOutcome): void {
    const pending = proc.running!;
    proc.running = undefined;
    proc.idleSince = performance.now();
    this.clearTimers(proc);
    this.counts.completed++;
    pending.resolve(outcome);
    // A slow-lane process comes back to normal priority if the system lets it; otherwise it is retired
    // (a spare is warm already), so that no fast-lane query ever runs reniced.
    if (proc.slow) {
      if (renice(proc, this.nice)) proc.slow = false;
      else this.retire(proc);
    }
    this.pump();
  }

  /** Hands waiting queries to idle processes, fast lane first, then keeps the processes at their number. */
  private pump(): void {
    if (this.closed) return;
    const busy = [...this.procs].filter((p) => p.running !== undefined);
    let fast = busy.filter((p) => !p.slow).length;
    let slow = busy.length - fast;
    const idle = [...this.procs].filter((p) => p.ready && !p.gone && p.running === undefined);
    while (idle.length > 0 && this.queue.length > 0 && fast < this.options.size) {
      this.assign(idle.shift()!, this.queue.shift()!, false);
      fast++;
    }
    while (idle.length > 0 && this.slowQueue.length > 0 && slow < this.slowLane) {
      this.assign(idle.shift()!, this.slowQueue.shift()!, true);
      slow++;
    }
    this.keepProcesses();
  }

  /**
   * Keeps `spares` processes idle or starting beyond those that waiting queries could use now, so that
   * the next query (or the place of a process that moved to the slow lane, timed out or died) finds a
   * warm one; retires idle processes beyond `size + spares` outside the slow lane. A process is started
   * only when one is missing: starting one costs a core for a second, taken from the running queries.
   */
  private keepProcesses(): void {
    const procs = [...this.procs];
    const idle = procs.filter((p) => p.ready && p.running === undefined);
    const starting = procs.filter((p) => !p.ready).length;
    const fast = procs.filter((p) => p.running !== undefined && !p.slow).length;
    const slow = procs.filter((p) => p.running !== undefined && p.slow).length;
    const outside = procs.filter((p) => !p.slow).length;
    const maxOutside = this.options.size + this.spares;
    if (outside > maxOutside && idle.length > this.spares) {
      // Only after a while idle: a process back from the slow lane is worth keeping while queries keep
      // moving there (retiring it, then starting another, would cost a core for a second each time).
      const now = performance.now();
      const surplus = idle.filter((p) => now - p.idleSince >= IDLE_RETIRE_MS).slice(0, Math.min(outside - maxOutside, idle.length - this.spares));
      for (const proc of surplus) this.retire(proc);
      if (surplus.length < Math.min(outside - maxOutside, idle.length - this.spares) && this.retireCheck === undefined) {
        this.retireCheck = setTimeout(() => { this.retireCheck = undefined; this.pump(); }, IDLE_RETIRE_MS).unref();
      }
      return;
    }
    // pump() has given every idle process work it could take, so idle ones are left only if nothing waits.
    const waiting = Math.min(this.queue.length, Math.max(0, this.options.size - fast)) + Math.min(this.slowQueue.length, Math.max(0, this.slowLane - slow));
    const missing = waiting + this.spares - idle.length - starting;
    if (missing <= 0 || performance.now() < this.restartAfter) return;
    for (let n = 0; n < missing; n++) this.spawn().catch(() => { /* died() has scheduled the next attempt */ });
  }

  private assign(proc: Proc, pending: Pending, slow: boolean): void {
    clearTimeout(pending.waitTimer);
    proc.running = pending;
    proc.startedAt = performance.now();
    const remaining = Math.max(1, this.options.timeoutMs - pending.usedMs);
    proc.timers.push(setTimeout(() => this.timeOut(proc, pending), remaining));
    if (slow) this.moveSlow(proc);
    else if (this.sliceMs < remaining) proc.timers.push(setTimeout(() => this.sliceEnded(proc, pending), this.sliceMs));
    const message: ToProcess = { type: 'run', id: pending.id, task: pending.task };
    proc.process.child.send(message, (error) => {
      if (error !== null && error !== undefined && !proc.gone) proc.process.child.kill('SIGKILL');
    });
  }

  private sliceEnded(proc: Proc, pending: Pending): void {
    if (proc.running !== pending || proc.gone) return;
    const slow = [...this.procs].filter((p) => p.running !== undefined && p.slow).length;
    if (slow < this.slowLane) {
      this.moveSlow(proc);
      this.counts.movedSlow++;
    } else {
      // The slow lane is full: stop this run and wait for a place there, with the time it has left.
      pending.usedMs += performance.now() - proc.startedAt;
      proc.running = undefined;
      this.retire(proc);
      this.wait(this.slowQueue, pending);
    }
    this.pump();
  }

  private moveSlow(proc: Proc): void {
    proc.slow = true;
    renice(proc, this.nice + SLOW_NICE);
  }

  private timeOut(proc: Proc, pending: Pending): void {
    if (proc.running !== pending || proc.gone) return;
    proc.running = undefined;
    this.counts.timedOut++;
    this.retire(proc);
    pending.reject(new QueryTimeoutError('query', this.options.timeoutMs));
    this.pump();
  }

  private clearTimers(proc: Proc): void {
    for (const timer of proc.timers.splice(0)) clearTimeout(timer);
  }

  private retire(proc: Proc): void {
    if (proc.gone) return;
    proc.gone = true;
    this.clearTimers(proc);
    this.procs.delete(proc);
    proc.process.child.kill('SIGKILL');
  }
}

/**
 * Sets the nice value of every thread of a process (Linux's setpriority acts on one thread; the process's
 * own id is only its main thread). Best effort: false if the system refuses (raising a priority back
 * needs CAP_SYS_NICE) or the process is gone.
 */
function renice(proc: Proc, wanted: number): boolean {
  const nice = Math.min(19, wanted);
  const pid = proc.process.child.pid;
  if (pid === undefined) return false;
  let threads: number[];
  try { threads = readdirSync(`/proc/${pid}/task`).map(Number); } catch { threads = [pid]; }
  try {
    for (const tid of threads) setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
