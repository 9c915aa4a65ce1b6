/**
 * Who runs what, when: the queues, the two lanes, the slices and the time limits of the queries. The
 * processes are the supervisor's (supervisor.ts): the scheduler tells it what to do (ProcessControl:
 * spawn, send, kill, prioritise) and acts on what it reports (SupervisorEvent: ready, done, died, the
 * watchdog's rounds), knowing each process by its number only. How many processes to keep is
 * capacity.ts's answer, asked after every change.
 *
 * Fairness, so that a cheap query never waits behind expensive ones:
 * - two lanes. A query starts in the fast lane, on any warm idle process. Once it has run for `sliceMs`
 *   it moves to the slow lane (`slowLane` places): its process is reniced (best effort), and once it has
 *   been there for SLOW_GRACE_MS it stops counting among the processes kept for the fast lane (`size` +
 *   `spares`), so that a new one is made ready. A query that passes its slice while the slow lane is full
 *   is stopped and waits for a slow place, then runs again there with the rest of its time.
 * - a waiting query never waits while a warm process is idle, but for the reserve and its client's share
 *   (below), and new queries go before those waiting for the slow lane.
 * - shares. A client (RunOptions.client) runs at most `clientProcesses` queries at once; its others wait,
 *   at most `clientQueue` of them, and one more is refused with ClientShareError (429), whose Retry-After
 *   is when its first running query will have ended at the latest.
 * - the reserve. The last `reserve` idle processes go only to a client whose last query was cheap (or to a
 *   query with no client, unless its shape's last query was expensive); a client whose last query was
 *   expensive, or a query with no client whose shape's was, goes to the slow lane first (client-classes.ts).
 * - cancellation. A query whose signal aborts (its client went away) leaves its queue, or has its process
 *   killed; the pool refills (capacity.ts).
 * Memory: with a budget (`maxMemoryMb`), a start beyond the fast lane and its spares (`size` + `spares`,
 * which start regardless, so that cheap queries always find them), that is a replacement ahead of a
 * slow-lane deadline, is put off if it would not fit (the supervisor's `hasRoom`), and tried again every
 * ROOM_RECHECK_MS or at the next change. A grown process is then replaced as soon as its query ends, even
 * while others wait.
 * A query past `timeoutMs` (all its runs together) has its process killed, which stops it wherever it is.
 * A query whose process dies gets QueryMemoryError if it ran out of memory (the heap limit, or the
 * supervisor's resident-size watchdog), WorkerCrashedError otherwise; a fresh process takes the place.
 */
import { QueryTimeoutError } from '../../core/errors.js';
import { ClientShareError, QueryCancelledError, QueryMemoryError, ServerBusyError, WorkerCrashedError } from '../../query/errors.js';
import type { QueryTask, TaskOutcome } from '../../query/runners/types.js';
import { aheadMs, IDLE_RETIRE_MS, planProcesses, SLOW_GRACE_MS, type ProcessState, type StartReason } from './capacity.js';
import { ClientClasses } from './client-classes.js';
import { WaitQueue, type Pending } from './queue.js';
import type { MemoryOverrun, ProcessControl, SupervisorEvent } from './supervisor.js';
import type { PoolEvent, PoolOptions, PoolStats, RunOptions } from './types.js';

/** The pool's options that concern scheduling (the supervisor takes `config` and `startProcess`). */
export type SchedulerOptions = Omit<PoolOptions, 'config' | 'startProcess'>;

/** The scheduler's view of one process, built from the supervisor's events and its own commands. */
interface Proc extends ProcessState {
  id: number;
  running: Pending | undefined;
  /** performance.now() when the current query started. */
  startedAt: number;
  /** Set once the process has been given up (timed out, died, closed): its events are ignored from then on. */
  gone: boolean;
  timers: NodeJS.Timeout[];
}

/** After a process fails to start, the next attempt waits this long. */
const RESTART_DELAY_MS = 1000;
/**
 * A start put off for memory is tried again this often, besides at every change: memory comes back as
 * processes are retired (a change, which re-plans), but also as the server's own heap shrinks or another
 * process gives memory back, which nothing reports.
 */
const ROOM_RECHECK_MS = 250;

/** A query's class is its client's, or with no client its shape's; the two never share a key (an address has no space). */
function classKeyOf(options: RunOptions): string | undefined {
  return options.client ?? (options.shape === undefined ? undefined : `shape ${options.shape}`);
}

export class Scheduler {
  private readonly procs = new Map<number, Proc>();
  private readonly queue: WaitQueue;
  private readonly slowQueue: WaitQueue;
  private nextId = 1;
  private closed = false;
  private started = false;
  private restartAfter = 0;
  /** The one pending check for idle processes to retire, if any. */
  private retireCheck: NodeJS.Timeout | undefined;
  /** The one pending retry of starts put off for memory, if any. */
  private roomCheck: NodeJS.Timeout | undefined;
  /** A start is being put off for memory (the `defer` event and count come once per wait). */
  private deferring = false;
  private readonly spares: number;
  private readonly sliceMs: number;
  private readonly slowLane: number;
  private readonly reserve: number;
  private readonly clientProcesses: number;
  private readonly clientQueue: number;
  private readonly classes = new ClientClasses();
  private readonly counts = {
    completed: 0, timedOut: 0, outOfMemory: 0, overResident: 0, crashed: 0, replaced: 0, startedAhead: 0, recycled: 0, deferred: 0, movedSlow: 0,
    assignedAtOnce: 0, waitedForProcess: 0, cancelled: 0, refused: 0, slowFirst: 0,
  };

  constructor(private readonly options: SchedulerOptions, private readonly control: ProcessControl) {
    this.spares = options.spares ?? 1;
    this.sliceMs = options.sliceMs ?? 250;
    this.slowLane = options.slowLane ?? 2 * options.size;
    this.reserve = Math.min(options.reserve ?? 0, this.spares);
    this.clientProcesses = options.clientProcesses ?? Infinity;
    this.clientQueue = options.clientQueue ?? Infinity;
    this.queue = new WaitQueue(options.queueTimeoutMs);
    this.slowQueue = new WaitQueue(options.queueTimeoutMs);
  }

  /** Starts the fast lane and the spares; resolves when all are warm, rejects if one cannot start. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: Math.max(1, this.options.size) + this.spares }, () => this.spawn('start')));
    this.started = true;
  }

  get stats(): PoolStats {
    const procs = [...this.procs.values()];
    return {
      processes: procs.length,
      ready: procs.filter((p) => p.ready).length,
      busy: procs.filter((p) => p.running !== undefined).length,
      slow: procs.filter((p) => p.running !== undefined && p.slow).length,
      queued: this.queue.length,
      waitingSlow: this.slowQueue.length,
      ...this.counts,
      startMs: Math.round(this.control.startEstimate()),
    };
  }

  /**
   * Runs a task in a query process. `onAssigned` is told how long the task waited for a process
   * (0 when one was warm and idle), once it has one.
   */
  run(task: QueryTask, onAssigned?: (waitedMs: number) => void, options: RunOptions = {}): Promise<TaskOutcome> {
    const { client, signal } = options;
    const classKey = classKeyOf(options);
    if (this.closed) return Promise.reject(new ServerBusyError('the server is shutting down'));
    if (signal?.aborted) return Promise.reject(new QueryCancelledError());
    if (client !== undefined) {
      const running = this.runningOf(client);
      const waiting = this.waitingOf(client);
      if (running + waiting >= this.clientProcesses + this.clientQueue) {
        this.counts.refused++;
        this.emit({ type: 'refuse', client, running, waiting });
        return Promise.reject(new ClientShareError(running, waiting, this.retryAfter(client)));
      }
    }
    if (this.queue.length + this.slowQueue.length >= this.options.maxQueue) return Promise.reject(new ServerBusyError(`${this.queue.length + this.slowQueue.length} queries are waiting`));
    return new Promise<TaskOutcome>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, task, client, classKey, resolve, reject, onAssigned, queuedAt: performance.now(), usedMs: 0, arriving: true };
      if (signal !== undefined) {
        const cancel = () => this.cancel(pending);
        signal.addEventListener('abort', cancel, { once: true });
        const settled = () => signal.removeEventListener('abort', cancel);
        pending.resolve = (outcome) => { settled(); resolve(outcome); };
        pending.reject = (error) => { settled(); reject(error); };
      }
      // A client whose last query was expensive (or, with no client, a query whose shape was) waits for the
      // slow lane, leaving the fast lane to the others.
      const slowFirst = this.classes.of(classKey) === 'expensive';
      if (slowFirst) this.counts.slowFirst++;
      (slowFirst ? this.slowQueue : this.queue).push(pending);
      this.pump();
      pending.arriving = false;
      if (this.queue.includes(pending) || this.slowQueue.includes(pending)) this.counts.waitedForProcess++;
      else this.counts.assignedAtOnce++;
    });
  }

  /**
   * Calls a query off (its client went away): it leaves its queue, or its process is killed (the only way
   * to stop a query in an engine that does not yield) and the pool refills. Nothing if it was answered.
   */
  private cancel(pending: Pending): void {
    if (this.closed) return;
    const proc = [...this.procs.values()].find((p) => p.running === pending);
    if (proc !== undefined) {
      proc.running = undefined;
      this.retire(proc);
    } else if (!this.queue.remove(pending) && !this.slowQueue.remove(pending)) {
      return;
    }
    this.counts.cancelled++;
    this.emit({ type: 'cancel', task: pending.id, process: proc?.id });
    pending.reject(new QueryCancelledError());
    this.pump();
  }

  /** Queries of a client running in a process now. */
  private runningOf(client: string): number {
    let n = 0;
    for (const proc of this.procs.values()) if (proc.running?.client === client) n++;
    return n;
  }

  /** Queries of a client waiting in either queue. */
  private waitingOf(client: string): number {
    return this.queue.entries.filter((p) => p.client === client).length + this.slowQueue.entries.filter((p) => p.client === client).length;
  }

  /** Whether a waiting query's client is below its share of processes. */
  private mayRun(pending: Pending): boolean {
    return pending.client === undefined || this.runningOf(pending.client) < this.clientProcesses;
  }

  /**
   * Whether a query may take one of the last `reserve` idle processes: if its client's last query was
   * cheap. A query with no client (from the loopback interface: a local tool, or a proxy not declared with
   * --trust-proxy) has no share, and is held back from the reserve only when the last query of its shape
   * was expensive: one local client that sends both expensive and cheap queries (a script, a dashboard)
   * then keeps a warm process for its cheap ones.
   */
  private mayTakeReserve(pending: Pending): boolean {
    const cls = this.classes.of(pending.classKey);
    return cls === 'cheap' || (pending.client === undefined && cls === undefined);
  }

  /** Seconds until the first of the client's running queries ends at the latest (its deadline); at least 1. */
  private retryAfter(client: string): number {
    const now = performance.now();
    const deadlines = [...this.procs.values()].filter((p) => p.running?.client === client).map((p) => p.deadline - now);
    const ms = deadlines.length === 0 ? this.options.timeoutMs : Math.min(...deadlines);
    return Math.max(1, Math.ceil(ms / 1000));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retireCheck);
    clearTimeout(this.roomCheck);
    for (const pending of [...this.queue.drain(), ...this.slowQueue.drain()]) pending.reject(new ServerBusyError('the server is shutting down'));
    for (const proc of [...this.procs.values()]) {
      const running = proc.running;
      this.retire(proc, 'closed');
      running?.reject(new ServerBusyError('the server is shutting down'));
    }
    await this.control.close();
  }

  /** Acts on what the supervisor reports (it reports nothing of a process once told to kill it). */
  handle(event: SupervisorEvent): void {
    if (event.type === 'checked') return this.checkMemory(event.over);
    const proc = this.procs.get(event.process);
    if (proc === undefined) return;
    if (event.type === 'ready') {
      proc.ready = true;
      proc.idleSince = performance.now();
      this.emit({ type: 'ready', process: proc.id, ms: event.ms, rssMb: event.rssMb });
      this.pump();
    } else if (event.type === 'done') {
      if (proc.running?.id === event.task) this.finish(proc, event.outcome);
    } else {
      this.died(proc, event);
    }
  }

  private emit(event: PoolEvent): void {
    this.options.onEvent?.(event);
  }

  /** Has the supervisor start one process; resolves when it is warm, rejects if it dies first. */
  private spawn(reason: StartReason | 'start'): Promise<void> {
    const { process, ready } = this.control.spawn();
    const proc: Proc = { id: process, ready: false, running: undefined, startedAt: 0, deadline: Infinity, slow: false, slowSince: 0, idleSince: 0, gone: false, timers: [] };
    this.procs.set(proc.id, proc);
    if (this.started) this.counts.replaced++;
    if (reason === 'ahead') this.counts.startedAhead++;
    this.emit({ type: 'spawn', process: proc.id, reason });
    return ready;
  }

  private died(proc: Proc, event: Extract<SupervisorEvent, { type: 'died' }>): void {
    const running = proc.running;
    this.retire(proc);
    this.emit({ type: 'died', process: proc.id, task: running?.id, reason: event.reason });
    if (running !== undefined) {
      if (event.outOfMemory) {
        this.counts.outOfMemory++;
        running.reject(new QueryMemoryError(this.options.maxHeapMb));
      } else {
        this.counts.crashed++;
        running.reject(new WorkerCrashedError(event.reason));
      }
    }
    if (!event.started) {
      this.restartAfter = performance.now() + RESTART_DELAY_MS;
      if (!this.closed) setTimeout(() => this.pump(), RESTART_DELAY_MS).unref();
    }
    this.pump();
  }

  private finish(proc: Proc, outcome: TaskOutcome): void {
    const pending = proc.running!;
    proc.running = undefined;
    proc.deadline = Infinity;
    proc.idleSince = performance.now();
    this.clearTimers(proc);
    this.counts.completed++;
    // Answered before its grace in the slow lane was over, all its runs together: its client's next query
    // may take the reserve. (Within the slice alone would be too strict: on a loaded machine a cheap query
    // passes 250 ms, and its client would be sent to the slow lane for it.)
    if (pending.usedMs + performance.now() - proc.startedAt < this.sliceMs + SLOW_GRACE_MS) this.classes.set(pending.classKey, 'cheap');
    this.emit({ type: 'done', task: pending.id, process: proc.id });
    pending.resolve(outcome);
    // A slow-lane process comes back to normal priority if the system lets it; otherwise it is retired
    // (a spare is warm already), so that no fast-lane query ever runs reniced.
    if (proc.slow) {
      if (this.control.prioritise(proc.id, 'fast')) proc.slow = false;
      else this.retire(proc, 'not-reniced');
    }
    // Memory a query left outside the V8 heap is never given back: a grown process makes way for a fresh one,
    // when no query waits for it, or at once when no other process fits in the memory budget.
    if (!proc.gone && this.control.hasGrown(proc.id) && (this.queue.length === 0 || !this.control.hasRoom())) {
      this.counts.recycled++;
      this.retire(proc, 'grown');
    }
    this.pump();
  }

  /** Hands waiting queries to idle processes, new queries first, then keeps the processes at their number. */
  private pump(): void {
    if (this.closed) return;
    const idle = [...this.procs.values()].filter((p) => p.ready && !p.gone && p.running === undefined);
    // A query waits only while no warm process is idle (the fast lane is as wide as the processes ready),
    // but for its client's share, and for the reserve, which only a client whose last query was cheap takes.
    while (idle.length > 0) {
      const reserveOnly = idle.length <= this.reserve;
      const pending = this.queue.take((p) => this.mayRun(p) && (!reserveOnly || this.mayTakeReserve(p)));
      if (pending === undefined) break;
      this.assign(idle.shift()!, pending, false);
    }
    let slow = [...this.procs.values()].filter((p) => p.running !== undefined && p.slow).length;
    while (idle.length > this.reserve && slow < this.slowLane) {
      const pending = this.slowQueue.take((p) => this.mayRun(p));
      if (pending === undefined) break;
      this.assign(idle.shift()!, pending, true);
      slow++;
    }
    this.keepProcesses();
  }

  /** Starts and retires processes as capacity.ts says, once pump() has given idle processes what they could take. */
  private keepProcesses(): void {
    const now = performance.now();
    const plan = planProcesses([...this.procs.values()], {
      // Only the queries that could run now count: a client at its share waits for its own, not for a start.
      size: this.options.size, spares: this.spares, slowLane: this.slowLane,
      queued: this.queue.entries.filter((p) => this.mayRun(p)).length, waitingSlow: this.slowQueue.entries.filter((p) => this.mayRun(p)).length,
      aheadMs: aheadMs(this.control.startEstimate()),
    }, now);
    for (const proc of plan.retire) this.retire(proc, 'idle');
    if (plan.retireLater && this.retireCheck === undefined) {
      this.retireCheck = setTimeout(() => { this.retireCheck = undefined; this.pump(); }, IDLE_RETIRE_MS).unref();
    }
    if (now < this.restartAfter) return;
    let deferred: StartReason | undefined;
    for (const reason of plan.start) {
      if (!this.mayStart()) {
        deferred = reason;
        break;
      }
      this.spawn(reason).catch(() => { /* died() has scheduled the next attempt */ });
    }
    if (deferred === undefined) {
      this.deferring = false;
      return;
    }
    if (!this.deferring) {
      this.deferring = true;
      this.counts.deferred++;
      this.emit({ type: 'defer', reason: deferred });
    }
    if (this.roomCheck === undefined) this.roomCheck = setTimeout(() => { this.roomCheck = undefined; this.pump(); }, ROOM_RECHECK_MS).unref();
  }

  /**
   * Whether a process may start now: if it fits in the memory budget, or if fewer than `size` + `spares`
   * processes (ready or starting) are outside the slow lane. The fast lane and its spares start whatever
   * the budget, so what yields to memory is what the pool starts beyond them: the replacements ahead of
   * slow-lane deadlines. Measured in the 50-client flood, putting off the spare too (the reserve of cheap
   * clients) left the probe waiting behind the first queries of new clients: p99 30 s instead of 1 s.
   */
  private mayStart(): boolean {
    if (this.control.hasRoom()) return true;
    let fast = 0;
    for (const p of this.procs.values()) if (!p.slow) fast++;
    return fast < Math.max(1, this.options.size + this.spares);
  }

  private assign(proc: Proc, pending: Pending, slow: boolean): void {
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
    this.control.send(proc.id, pending.id, pending.task);
  }

  private sliceEnded(proc: Proc, pending: Pending): void {
    if (proc.running !== pending || proc.gone) return;
    const slow = [...this.procs.values()].filter((p) => p.running !== undefined && p.slow).length;
    if (slow < this.slowLane) {
      this.moveSlow(proc, pending);
      this.counts.movedSlow++;
    } else {
      // The slow lane is full: stop this run and wait for a place there, with the time it has left.
      pending.usedMs += performance.now() - proc.startedAt;
      proc.running = undefined;
      this.retire(proc);
      this.emit({ type: 'requeue', task: pending.id });
      this.slowQueue.push(pending);
    }
    this.pump();
  }

  private moveSlow(proc: Proc, pending: Pending): void {
    proc.slow = true;
    proc.slowSince = performance.now();
    this.control.prioritise(proc.id, 'slow');
    this.emit({ type: 'slow', task: pending.id, process: proc.id });
    // Once past the grace, its place in the fast lane is free and may need a new process, and its client's
    // next query goes to the slow lane first.
    proc.timers.push(setTimeout(() => {
      if (proc.running === pending) this.classes.set(pending.classKey, 'expensive');
      this.pump();
    }, SLOW_GRACE_MS));
    // Its replacement starts ahead of its deadline: pump() then counts it as due.
    const ahead = aheadMs(this.control.startEstimate());
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

  /** After a watchdog round: stops the query of each process grown past its allowance, then re-plans. */
  private checkMemory(over: MemoryOverrun[]): void {
    for (const { process, rssMb, restMb } of over) {
      const proc = this.procs.get(process);
      const pending = proc?.running;
      if (proc === undefined || pending === undefined || proc.gone) continue;
      proc.running = undefined;
      this.retire(proc);
      this.counts.outOfMemory++;
      this.counts.overResident++;
      this.emit({ type: 'memory', task: pending.id, process: proc.id, rssMb, limitMb: restMb + this.options.maxHeapMb });
      pending.reject(new QueryMemoryError(this.options.maxHeapMb, restMb));
    }
    this.pump();
  }

  private clearTimers(proc: Proc): void {
    for (const timer of proc.timers.splice(0)) clearTimeout(timer);
  }

  /** Gives a process up and has the supervisor kill it (a process that died is gone there already). */
  private retire(proc: Proc, reason?: 'idle' | 'not-reniced' | 'closed' | 'grown'): void {
    if (proc.gone) return;
    proc.gone = true;
    this.clearTimers(proc);
    this.procs.delete(proc.id);
    this.control.kill(proc.id);
    if (reason !== undefined) this.emit({ type: 'retire', process: proc.id, reason });
  }
}
