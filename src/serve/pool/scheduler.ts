/**
 * The query processes and who runs what, when. The server process never evaluates a query: each runs in
 * a child process (process-start.ts, query-process.ts) with a hard heap limit, so running out of memory
 * kills that child only; the query gets QueryMemoryError and a fresh process takes the place.
 *
 * Fairness, so that a cheap query never waits behind expensive ones:
 * - two lanes. A query starts in the fast lane, on any warm idle process. Once it has run for `sliceMs`
 *   it moves to the slow lane (`slowLane` places): its process is reniced (best effort), and once it has
 *   been there for SLOW_GRACE_MS it stops counting among the processes kept for the fast lane (`size` +
 *   `spares`), so that a new one is made ready (most queries past their slice end within that grace, and
 *   their process comes back: starting one for each would cost memory and CPU for nothing). A
 *   query that passes its slice while the slow lane is full is stopped and waits for a slow place, then
 *   runs again there with the rest of its time.
 * - warm spares. The pool keeps `spares` idle processes beyond those queries use, started before they are
 *   needed, and a waiting query never waits while a warm process is idle.
 * - replacements ahead of the time limit. A slow-lane query is likely to run until it is stopped, which
 *   kills its process; a replacement is started that long before the query's deadline that a process
 *   start takes (measured), so that the place is warm again when the query is stopped, and the query
 *   sent again next finds a process without waiting for one to start.
 * - a process starts at a lower priority (nice 5) than the fast lane, so that starting one does not slow
 *   down the queries that run.
 * A query past `timeoutMs` (all its runs together) has its process killed, which stops it wherever it is.
 *
 * Memory: the V8 heap limit (process-start.ts) does not bound memory outside the JavaScript heap (the
 * WebAssembly memory of the Oxigraph engine, buffers). A watchdog reads the resident size of each busy
 * process every WATCH_MS and kills one that has grown more than `maxHeapMb` beyond its size when it was
 * ready; its query gets the same QueryMemoryError as a heap-limit death. A process that has grown more
 * than GROWN_MB when its query ends is replaced by a fresh one (memory outside the heap is never given back).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { QueryTimeoutError } from '../../errors.js';
import type { EvaluatorConfig } from './evaluate.js';
import { QueryMemoryError, ServerBusyError, WorkerCrashedError } from '../errors.js';
import { startQueryProcess, type QueryProcess } from './process-start.js';
import type { FromProcess, ToProcess } from './process-protocol.js';
import type { QueryTask, TaskOutcome } from '../run-query.js';

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
  /** Warm idle processes kept beyond those in use (default 1). */
  spares?: number;
  /** How long a query runs in the fast lane before it moves to the slow lane (default 250 ms). */
  sliceMs?: number;
  /** Queries in the slow lane at once (default twice `size`). */
  slowLane?: number;
  /** Starts one query process (default: startQueryProcess; the tests give a fake one). */
  startProcess?: (config: EvaluatorConfig, maxHeapMb: number) => QueryProcess;
  /** Called with what the pool does, in order (for tests and measurements). */
  onEvent?: (event: PoolEvent) => void;
}

/** What the pool did. `task` is the pool's number for a query (1, 2, … in the order of `run`). */
export type PoolEvent =
  | { type: 'spawn'; process: number; reason: 'start' | 'spare' | 'waiting' | 'ahead' }
  | { type: 'ready'; process: number; ms: number; rssMb: number }
  | { type: 'assign'; task: number; process: number; lane: 'fast' | 'slow'; atOnce: boolean; waitedMs: number }
  | { type: 'slow'; task: number; process: number }
  | { type: 'requeue'; task: number }
  | { type: 'done'; task: number; process: number }
  | { type: 'timeout'; task: number; process: number }
  | { type: 'memory'; task: number; process: number; rssMb: number; limitMb: number }
  | { type: 'died'; process: number; task: number | undefined; reason: string }
  | { type: 'retire'; process: number; reason: 'idle' | 'not-reniced' | 'closed' | 'grown' };

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
  /** Processes retired after a query because they had grown more than GROWN_MB beyond their size when ready. */
  recycled: number;
  /** Queries that moved to the slow lane. */
  movedSlow: number;
  /** Queries given a warm process as soon as they came. */
  assignedAtOnce: number;
  /** Queries that had to wait for a process (every one was busy or starting). */
  waitedForProcess: number;
  /** The longest of the last few process starts (milliseconds from spawn to ready); 0 before the first. */
  startMs: number;
}

interface Pending {
  id: number;
  task: QueryTask;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
  onAssigned?: (waitedMs: number) => void;
  /** performance.now() when it came (or was put back in a queue). */
  queuedAt: number;
  /** The queue timer while waiting. */
  waitTimer?: NodeJS.Timeout;
  /** Milliseconds already run in a process that was stopped at the end of the slice. */
  usedMs: number;
  /** True while `run` looks for a process for it: a process found then was warm and idle when it came. */
  arriving: boolean;
}

interface Proc {
  id: number;
  process: QueryProcess;
  ready: boolean;
  running: Pending | undefined;
  /** performance.now() at spawn, then when the current query started. */
  startedAt: number;
  /** performance.now() when the current query's time is up. */
  deadline: number;
  slow: boolean;
  /** performance.now() when its query moved to the slow lane. */
  slowSince: number;
  /** performance.now() when it last became idle. */
  idleSince: number;
  /** Resident size (bytes) when it said it was ready: the watchdog's base. */
  readyRss: number;
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
/**
 * A process counts among those kept for the fast lane until its query has been this long in the slow
 * lane: most queries that pass their slice end soon after, and their process comes back; a replacement
 * started at once would be one process too many (memory) and a start for nothing (a core for a second).
 */
const SLOW_GRACE_MS = 1000;
/**
 * A process that has grown more than this (MiB) beyond its resident size when ready is retired when its
 * query ends, if no query waits, and a fresh one takes its place. What a query leaves behind outside the
 * V8 heap (WebAssembly memory, which never shrinks, and the C heap) stays until the process ends: measured,
 * a process answering distinct 250 KB queries grew from 96 to 150 MB and stayed there.
 */
const GROWN_MB = 40;
/** How often the watchdog reads the resident size of the busy processes. */
const WATCH_MS = 50;
/** Process starts remembered for the estimate of how long the next one takes. */
const START_SAMPLES = 4;
/**
 * A replacement starts this much earlier than a start is expected to take (half as long again, plus
 * this margin): starts take longer while others run.
 */
const AHEAD_MARGIN_MS = 500;

export class QueryPool {
  private readonly procs = new Set<Proc>();
  private readonly queue: Pending[] = [];
  private readonly slowQueue: Pending[] = [];
  private readonly exits = new Set<Promise<void>>();
  private nextId = 1;
  private nextProcess = 1;
  private closed = false;
  private started = false;
  private restartAfter = 0;
  /** The one pending check for idle processes to retire, if any. */
  private retireCheck: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly startTimes: number[] = [];
  private readonly spares: number;
  private readonly sliceMs: number;
  private readonly slowLane: number;
  private readonly startProcess: (config: EvaluatorConfig, maxHeapMb: number) => QueryProcess;
  /** The server's own nice value, which the fast lane keeps. */
  private readonly nice = getPriority();
  private readonly counts = {
    completed: 0, timedOut: 0, outOfMemory: 0, overResident: 0, crashed: 0, replaced: 0, startedAhead: 0, recycled: 0, movedSlow: 0,
    assignedAtOnce: 0, waitedForProcess: 0,
  };

  private constructor(private readonly options: PoolOptions) {
    this.spares = options.spares ?? 1;
    this.sliceMs = options.sliceMs ?? 250;
    this.slowLane = options.slowLane ?? 2 * options.size;
    this.startProcess = options.startProcess ?? startQueryProcess;
  }

  /** Starts the fast lane and the spares; resolves when all are warm, rejects if one cannot start (e.g. no built graph). */
  static async start(options: PoolOptions): Promise<QueryPool> {
    const pool = new QueryPool(options);
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.size) + (options.spares ?? 1) }, () => pool.spawn('start')));
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
      startMs: Math.round(this.startEstimate()),
    };
  }

  /** The process ids of the live query processes (for measuring their memory). */
  get pids(): number[] {
    return [...this.procs].map((p) => p.process.child.pid).filter((pid): pid is number => pid !== undefined);
  }

  /**
   * Runs a task in a query process. `onAssigned` is told how long the task waited for a process
   * (0 when one was warm and idle), once it has one.
   */
  run(task: QueryTask, onAssigned?: (waitedMs: number) => void): Promise<TaskOutcome> {
    if (this.closed) return Promise.reject(new ServerBusyError('the server is shutting down'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new ServerBusyError(`${this.queue.length} queries are waiting`));
    return new Promise<TaskOutcome>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, task, resolve, reject, onAssigned, queuedAt: performance.now(), usedMs: 0, arriving: true };
      this.wait(this.queue, pending);
      this.pump();
      pending.arriving = false;
      if (this.queue.includes(pending)) this.counts.waitedForProcess++;
      else this.counts.assignedAtOnce++;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retireCheck);
    clearInterval(this.watchdog);
    for (const pending of [...this.queue.splice(0), ...this.slowQueue.splice(0)]) {
      clearTimeout(pending.waitTimer);
      pending.reject(new ServerBusyError('the server is shutting down'));
    }
    for (const proc of [...this.procs]) {
      const running = proc.running;
      this.retire(proc, 'closed');
      running?.reject(new ServerBusyError('the server is shutting down'));
    }
    await Promise.allSettled([...this.exits]);
  }

  private emit(event: PoolEvent): void {
    this.options.onEvent?.(event);
  }

  private wait(queue: Pending[], pending: Pending): void {
    pending.queuedAt = performance.now();
    pending.waitTimer = setTimeout(() => {
      const index = queue.indexOf(pending);
      if (index >= 0) queue.splice(index, 1);
      pending.reject(new ServerBusyError(`the query waited ${this.options.queueTimeoutMs} ms for a query process`));
    }, this.options.queueTimeoutMs);
    queue.push(pending);
  }

  /** How long the next process start is expected to take: the longest of the last few. */
  private startEstimate(): number {
    return this.startTimes.length === 0 ? 0 : Math.max(...this.startTimes);
  }

  /** Starts one process; resolves when it is warm, rejects if it dies first. */
  private spawn(reason: 'start' | 'spare' | 'waiting' | 'ahead'): Promise<void> {
    const proc: Proc = {
      id: this.nextProcess++,
      process: this.startProcess(this.options.config, this.options.maxHeapMb),
      ready: false, running: undefined, startedAt: performance.now(), deadline: Infinity, slow: false, slowSince: 0, idleSince: 0, readyRss: 0, gone: false, timers: [],
    };
    this.procs.add(proc);
    if (this.started) this.counts.replaced++;
    if (reason === 'ahead') this.counts.startedAhead++;
    this.emit({ type: 'spawn', process: proc.id, reason });
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
          const ms = performance.now() - proc.startedAt;
          this.startTimes.push(ms);
          if (this.startTimes.length > START_SAMPLES) this.startTimes.shift();
          proc.ready = true;
          proc.idleSince = performance.now();
          proc.readyRss = residentBytes(child.pid) ?? 0;
          this.emit({ type: 'ready', process: proc.id, ms: Math.round(ms), rssMb: Math.round(proc.readyRss / 2 ** 20) });
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
        this.emit({ type: 'died', process: proc.id, task: running?.id, reason });
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
    proc.deadline = Infinity;
    proc.idleSince = performance.now();
    this.clearTimers(proc);
    this.counts.completed++;
    this.emit({ type: 'done', task: pending.id, process: proc.id });
    pending.resolve(outcome);
    // A slow-lane process comes back to normal priority if the system lets it; otherwise it is retired
    // (a spare is warm already), so that no fast-lane query ever runs reniced.
    if (proc.slow) {
      if (renice(proc, this.nice)) proc.slow = false;
      else this.retire(proc, 'not-reniced');
    }
    if (!proc.gone && proc.readyRss > 0 && this.queue.length === 0 && (residentBytes(proc.process.child.pid) ?? 0) > proc.readyRss + GROWN_MB * 2 ** 20) {
      this.counts.recycled++;
      this.retire(proc, 'grown');
    }
    this.pump();
  }

  /** Hands waiting queries to idle processes, new queries first, then keeps the processes at their number. */
  private pump(): void {
    if (this.closed) return;
    const idle = [...this.procs].filter((p) => p.ready && !p.gone && p.running === undefined);
    // A query waits only while no warm process is idle: the fast lane is as wide as the processes ready.
    while (idle.length > 0 && this.queue.length > 0) this.assign(idle.shift()!, this.queue.shift()!, false);
    let slow = [...this.procs].filter((p) => p.running !== undefined && p.slow).length;
    while (idle.length > 0 && this.slowQueue.length > 0 && slow < this.slowLane) {
      this.assign(idle.shift()!, this.slowQueue.shift()!, true);
      slow++;
    }
    this.keepProcesses();
    this.watch();
  }

  /**
   * Keeps `spares` processes idle or starting beyond those that waiting queries could use now, plus one
   * for each slow-lane query near its deadline, so that the next query (or the place of a process that
   * moved to the slow lane, timed out or died) finds a warm one. The processes outside the slow lane are
   * held to `size + spares` (plus those replacements): a process is started only when one is missing,
   * since starting one costs a core for a second or two, taken from the running queries. Idle processes
   * beyond that number are retired after a while idle.
   */
  private keepProcesses(): void {
    const procs = [...this.procs];
    const now = performance.now();
    const idle = procs.filter((p) => p.ready && p.running === undefined);
    const starting = procs.filter((p) => !p.ready).length;
    const slow = procs.filter((p) => p.running !== undefined && p.slow).length;
    const outside = procs.filter((p) => !p.slow || now - p.slowSince < SLOW_GRACE_MS).length;
    const ahead = this.aheadMs();
    const due = procs.filter((p) => p.running !== undefined && p.slow && p.deadline - now <= ahead).length;
    const maxOutside = this.options.size + this.spares + due;
    if (outside > maxOutside && idle.length > this.spares) {
      // Only after a while idle: a process back from the slow lane is worth keeping while queries keep
      // moving there (retiring it, then starting another, would cost a core for a second each time).
      const surplus = idle.filter((p) => now - p.idleSince >= IDLE_RETIRE_MS).slice(0, Math.min(outside - maxOutside, idle.length - this.spares));
      for (const proc of surplus) this.retire(proc, 'idle');
      if (surplus.length < Math.min(outside - maxOutside, idle.length - this.spares) && this.retireCheck === undefined) {
        this.retireCheck = setTimeout(() => { this.retireCheck = undefined; this.pump(); }, IDLE_RETIRE_MS).unref();
      }
      return;
    }
    // pump() has given every idle process work it could take, so idle ones are left only if nothing waits.
    const waiting = this.queue.length + Math.min(this.slowQueue.length, Math.max(0, this.slowLane - slow));
    const wanted = waiting + this.spares + due - idle.length - starting;
    const missing = Math.min(wanted, maxOutside - outside);
    if (missing <= 0 || now < this.restartAfter) return;
    // What this start is for, for the events: a query near its deadline, a waiting query, or the spare.
    const reasons = Array.from({ length: missing }, (_, n): 'ahead' | 'waiting' | 'spare' => {
      const fromEnd = missing - n;
      return fromEnd <= due ? 'ahead' : fromEnd <= due + waiting ? 'waiting' : 'spare';
    });
    for (const reason of reasons) this.spawn(reason).catch(() => { /* died() has scheduled the next attempt */ });
  }

  /** How long before a slow-lane query's deadline its replacement starts. */
  private aheadMs(): number {
    const estimate = this.startEstimate();
    return estimate === 0 ? 0 : 1.5 * estimate + AHEAD_MARGIN_MS;
  }

  private assign(proc: Proc, pending: Pending, slow: boolean): void {
    clearTimeout(pending.waitTimer);
    proc.running = pending;
    proc.startedAt = performance.now();
    const waitedMs = proc.startedAt - pending.queuedAt;
    const remaining = Math.max(1, this.options.timeoutMs - pending.usedMs);
    proc.deadline = proc.startedAt + remaining;
    this.emit({ type: 'assign', task: pending.id, process: proc.id, lane: slow ? 'slow' : 'fast', atOnce: pending.arriving, waitedMs: Math.round(waitedMs) });
    pending.onAssigned?.(waitedMs);
    proc.timers.push(setTimeout(() => this.timeOut(proc, pending), remaining));
    if (slow) this.moveSlow(proc, pending);
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
      this.moveSlow(proc, pending);
      this.counts.movedSlow++;
    } else {
      // The slow lane is full: stop this run and wait for a place there, with the time it has left.
      pending.usedMs += performance.now() - proc.startedAt;
      proc.running = undefined;
      this.retire(proc);
      this.emit({ type: 'requeue', task: pending.id });
      this.wait(this.slowQueue, pending);
    }
    this.pump();
  }

  private moveSlow(proc: Proc, pending: Pending): void {
    proc.slow = true;
    proc.slowSince = performance.now();
    renice(proc, this.nice + SLOW_NICE);
    this.emit({ type: 'slow', task: pending.id, process: proc.id });
    // Once past the grace, its place in the fast lane is free and may need a new process.
    proc.timers.push(setTimeout(() => this.pump(), SLOW_GRACE_MS));
    // Its replacement starts ahead of its deadline: pump() then counts it as due.
    const ahead = this.aheadMs();
    const at = proc.deadline - ahead - performance.now();
    if (ahead > 0 && at > 0) proc.timers.push(setTimeout(() => this.pump(), at));
  }

  private timeOut(proc: Proc, pending: Pending): void {
    if (proc.running !== pending || proc.gone) return;
    proc.running = undefined;
    this.counts.timedOut++;
    this.retire(proc);
    this.emit({ type: 'timeout', task: pending.id, process: proc.id });
    pending.reject(new QueryTimeoutError('query', this.options.timeoutMs));
    this.pump();
  }

  /** Runs the resident-size watchdog while any process is busy, and only then. */
  private watch(): void {
    const busy = [...this.procs].some((p) => p.running !== undefined);
    if (busy && this.watchdog === undefined && !this.closed) {
      this.watchdog = setInterval(() => this.checkMemory(), WATCH_MS);
      this.watchdog.unref();
    } else if (!busy && this.watchdog !== undefined) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
  }

  /** Kills each busy process that has grown more than maxHeapMb beyond its size when ready. */
  private checkMemory(): void {
    const allowance = this.options.maxHeapMb * 2 ** 20;
    for (const proc of [...this.procs]) {
      const pending = proc.running;
      if (pending === undefined || proc.gone) continue;
      const rss = residentBytes(proc.process.child.pid);
      if (rss === undefined || rss <= proc.readyRss + allowance) continue;
      proc.running = undefined;
      this.retire(proc);
      this.counts.outOfMemory++;
      this.counts.overResident++;
      const rssMb = Math.round(rss / 2 ** 20);
      const restMb = Math.round(proc.readyRss / 2 ** 20);
      this.emit({ type: 'memory', task: pending.id, process: proc.id, rssMb, limitMb: restMb + this.options.maxHeapMb });
      pending.reject(new QueryMemoryError(this.options.maxHeapMb, restMb));
    }
    this.pump();
  }

  private clearTimers(proc: Proc): void {
    for (const timer of proc.timers.splice(0)) clearTimeout(timer);
  }

  private retire(proc: Proc, reason?: 'idle' | 'not-reniced' | 'closed' | 'grown'): void {
    if (proc.gone) return;
    proc.gone = true;
    this.clearTimers(proc);
    this.procs.delete(proc);
    proc.process.child.kill('SIGKILL');
    if (reason !== undefined) this.emit({ type: 'retire', process: proc.id, reason });
  }
}

/** The resident size of a process in bytes (VmRSS of /proc/PID/status), undefined if it is gone or unreadable. */
function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
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
