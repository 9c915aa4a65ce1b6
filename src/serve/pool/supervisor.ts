/**
 * The supervisor of the query processes: it starts them (process-start.ts), says when one is ready, has
 * answered or has died, kills them, sets their priority and reads their memory. It decides nothing about
 * queries: which process runs what, and when one is started or retired, is the scheduler's (scheduler.ts).
 * The two meet at a small seam and share no state: the scheduler gives commands (ProcessControl) and
 * hears back through events (SupervisorEvent), each process known by its number.
 *
 * Priorities: a process starts at nice +5 (STARTING_NICE), below the running fast-lane queries, and goes
 * back to the server's own value once ready; a slow-lane process gets +10. Raising a priority back needs
 * privileges (CAP_SYS_NICE), so `prioritise` says whether the system allowed it.
 *
 * Memory: the V8 heap limit (process-start.ts) does not bound memory outside the JavaScript heap (the
 * WebAssembly memory of the Oxigraph engine, buffers). A watchdog reads the resident size of each busy
 * process every WATCH_MS and reports those that have grown more than `maxHeapMb` beyond their size when
 * ready; the scheduler stops their queries. Memory outside the heap is never given back, so a process
 * grown more than GROWN_MB (`hasGrown`) is worth replacing once its query ends.
 *
 * The memory budget: with `maxMemoryMb`, `hasRoom` says whether one more process fits in the server's
 * resident size plus its processes' (memory-budget.ts), for the scheduler to defer the starts that do not.
 *
 * Linux only, and said so: resident sizes come from /proc/PID/status, and a process's threads
 * from /proc/PID/task (Linux's setpriority acts on one thread). On any other system `watchesMemory` is
 * false and no size is read: `ready` events give rssMb 0, the watchdog's rounds report no process (only
 * the V8 heap and WebAssembly caps bound a query's memory there), `hasGrown` is always false, and `hasRoom`
 * always true (no budget). The
 * rounds still run, so that the scheduler re-plans as often everywhere. Priorities work on every system:
 * elsewhere setpriority acts on the whole process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type { QueryTask, TaskOutcome } from '../../query/runners/types.js';
import type { EvaluatorConfig } from './evaluate.js';
import { hasRoomForProcess } from './memory-budget.js';
import { startQueryProcess, type QueryProcess } from './process-start.js';
import type { FromProcess, ToProcess } from './process-protocol.js';
import type { PoolOptions } from './types.js';

/** The lane a process's query runs in, which sets its priority. */
export type Lane = 'fast' | 'slow';

/** A busy process that has grown past its allowance (MiB): its size now, and its size when ready. */
export interface MemoryOverrun {
  process: number;
  rssMb: number;
  restMb: number;
}

/** What the supervisor reports, as it happens. A process killed by a command is never reported again. */
export type SupervisorEvent =
  /** The process is warm; `ms` from spawn to ready, `rssMb` its resident size then (0 where unread). */
  | { type: 'ready'; process: number; ms: number; rssMb: number }
  /** The process answered task `task`. */
  | { type: 'done'; process: number; task: number; outcome: TaskOutcome }
  /** The process ended without being told to: `started` if it had been ready, `outOfMemory` if its stderr says so. */
  | { type: 'died'; process: number; reason: string; started: boolean; outOfMemory: boolean }
  /** A watchdog round, every WATCH_MS while a process is busy: those over their allowance (usually none). */
  | { type: 'checked'; over: MemoryOverrun[] };

/** The commands the scheduler gives the supervisor: the other half of the seam. */
export interface ProcessControl {
  /** Starts a process; `ready` resolves once it is warm, or rejects with what it said if it dies first. */
  spawn(): { process: number; ready: Promise<void> };
  /** Sends a process a task, numbered `task` (the pool's number, which its `done` event repeats). */
  send(process: number, task: number, query: QueryTask): void;
  /** Kills a process (SIGKILL). Its death is not reported. */
  kill(process: number): void;
  /** Gives a process the priority of a lane; false if the system refused or the process is gone. */
  prioritise(process: number, lane: Lane): boolean;
  /** True if the process has grown more than GROWN_MB beyond its resident size when ready. */
  hasGrown(process: number): boolean;
  /** How long the next start is expected to take (ms): the longest of the last few; 0 before the first. */
  startEstimate(): number;
  /**
   * Whether one more process fits in the memory budget (the server and its processes together, each
   * starting one counted at the size of a ready one); true without a budget, or where sizes cannot be read.
   */
  hasRoom(): boolean;
  /** Kills every process; resolves once all have exited. */
  close(): Promise<void>;
}

export interface SupervisorOptions extends Pick<PoolOptions, 'config' | 'maxHeapMb' | 'maxMemoryMb' | 'startProcess'> {
  /** The system whose /proc is read (default: this one); on any but Linux, none is. */
  platform?: NodeJS.Platform;
  /** Reads a process's resident size in bytes; undefined if gone (default: VmRSS of /proc/PID/status). The tests give a fake one. */
  readRss?: (pid: number) => number | undefined;
  /** The server's own resident size in bytes (default: process.memoryUsage.rss()). */
  ownRss?: () => number;
}

/**
 * Nice values, relative to the server's own: a process in the slow lane gets +10 (the kernel gives a
 * fast one about ten times its share); a process that is starting (some 2 s of CPU) gets +5, below the
 * running fast queries and above the slow lane, and goes back to +0 once ready, where the system allows it.
 */
const SLOW_NICE = 10;
const STARTING_NICE = 5;
/**
 * A process that has grown more than this (MiB) beyond its resident size when ready is worth replacing.
 * What a query leaves behind outside the V8 heap (WebAssembly memory, which never shrinks, and the C heap)
 * stays until the process ends: measured, a process answering distinct 250 KB queries grew from 96 to
 * 150 MB and stayed there.
 */
const GROWN_MB = 40;
/** How often the watchdog reads the resident size of the busy processes. */
const WATCH_MS = 50;
/** Process starts remembered for the estimate of how long the next one takes. */
const START_SAMPLES = 4;

interface Child {
  id: number;
  process: QueryProcess;
  /** performance.now() at spawn. */
  spawnedAt: number;
  ready: boolean;
  /** Resident size (bytes) when it said it was ready: the watchdog's base (0 where unread). */
  readyRss: number;
  /** A task was sent and not answered yet: the watchdog reads its size. */
  busy: boolean;
}

export class Supervisor implements ProcessControl {
  /** Whether /proc is read: on Linux only (see the header). */
  private readonly linux: boolean;
  /** The live processes, in the order they were started. */
  private readonly children = new Map<number, Child>();
  private readonly exits = new Set<Promise<void>>();
  private readonly startTimes: number[] = [];
  /** Resident sizes (bytes) of the last few processes when ready: the size a new one is expected to reach. */
  private readonly readySizes: number[] = [];
  private nextId = 1;
  private watchdog: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly startProcess: (config: EvaluatorConfig, maxHeapMb: number) => QueryProcess;
  /** The server's own nice value, which the fast lane keeps. */
  private readonly nice = getPriority();

  constructor(private readonly options: SupervisorOptions, private readonly onEvent: (event: SupervisorEvent) => void) {
    this.linux = (options.platform ?? process.platform) === 'linux';
    this.startProcess = options.startProcess ?? startQueryProcess;
  }

  /** False where resident sizes cannot be read (any system but Linux): no watchdog, no recycling (see the header). */
  get watchesMemory(): boolean {
    return this.linux;
  }

  /** The process ids of the live query processes (for measuring their memory). */
  get pids(): number[] {
    return [...this.children.values()].map((c) => c.process.child.pid).filter((pid): pid is number => pid !== undefined);
  }

  spawn(): { process: number; ready: Promise<void> } {
    const child: Child = {
      id: this.nextId++, process: this.startProcess(this.options.config, this.options.maxHeapMb), spawnedAt: performance.now(), ready: false, readyRss: 0, busy: false,
    };
    this.children.set(child.id, child);
    this.renice(child, this.nice + STARTING_NICE);
    const node = child.process.child;
    const exited = new Promise<void>((resolve) => { node.once('exit', () => resolve()); node.once('error', () => resolve()); });
    this.exits.add(exited);
    void exited.then(() => this.exits.delete(exited));
    const gone = () => this.children.get(child.id) !== child;
    const ready = new Promise<void>((resolve, reject) => {
      node.on('message', (message: FromProcess) => {
        if (gone()) return;
        if (message.type === 'ready') {
          this.renice(child, this.nice);
          const ms = performance.now() - child.spawnedAt;
          this.startTimes.push(ms);
          if (this.startTimes.length > START_SAMPLES) this.startTimes.shift();
          child.ready = true;
          child.readyRss = this.residentBytes(child) ?? 0;
          this.readySizes.push(child.readyRss);
          if (this.readySizes.length > START_SAMPLES) this.readySizes.shift();
          this.onEvent({ type: 'ready', process: child.id, ms: Math.round(ms), rssMb: Math.round(child.readyRss / 2 ** 20) });
          resolve();
        } else if (message.type === 'done') {
          child.busy = false;
          this.onEvent({ type: 'done', process: child.id, task: message.id, outcome: message.outcome });
        }
      });
      const died = (reason: string) => {
        if (gone()) return;
        this.forget(child);
        const stderr = child.process.stderr();
        this.onEvent({ type: 'died', process: child.id, reason, started: child.ready, outOfMemory: /heap limit|out of memory/i.test(stderr) });
        if (!child.ready) {
          const said = stderr.trim().split('\n').pop();
          reject(new Error(`a query process could not start: ${said === undefined || said === '' ? reason : said}`));
        }
      };
      node.on('error', (error) => died(error.message));
      node.on('exit', (code, signal) => died(signal !== null ? `signal ${signal}` : `exit code ${code}`));
    });
    return { process: child.id, ready };
  }

  send(process: number, task: number, query: QueryTask): void {
    const child = this.children.get(process);
    if (child === undefined) return;
    child.busy = true;
    const message: ToProcess = { type: 'run', id: task, task: query };
    child.process.child.send(message, (error) => {
      if (error !== null && error !== undefined && this.children.get(process) === child) child.process.child.kill('SIGKILL');
    });
    if (this.watchdog === undefined && !this.closed) {
      this.watchdog = setInterval(() => this.checkMemory(), WATCH_MS);
      this.watchdog.unref();
    }
  }

  kill(process: number): void {
    const child = this.children.get(process);
    if (child !== undefined) this.forget(child);
  }

  prioritise(process: number, lane: Lane): boolean {
    const child = this.children.get(process);
    return child !== undefined && this.renice(child, this.nice + (lane === 'slow' ? SLOW_NICE : 0));
  }

  hasGrown(process: number): boolean {
    const child = this.children.get(process);
    return child !== undefined && child.readyRss > 0 && (this.residentBytes(child) ?? 0) > child.readyRss + GROWN_MB * 2 ** 20;
  }

  startEstimate(): number {
    return this.startTimes.length === 0 ? 0 : Math.max(...this.startTimes);
  }

  hasRoom(): boolean {
    const budget = this.options.maxMemoryMb;
    if (budget === undefined || budget === 0 || !this.linux) return true;
    return hasRoomForProcess({
      ownBytes: (this.options.ownRss ?? process.memoryUsage.rss)(),
      processes: [...this.children.values()].map((c) => ({ ready: c.ready, rssBytes: this.residentBytes(c) ?? 0 })),
      expectedBytes: this.readySizes.length === 0 ? 0 : Math.max(...this.readySizes),
      budgetBytes: budget * 2 ** 20,
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    for (const child of [...this.children.values()]) this.forget(child);
    await Promise.allSettled([...this.exits]);
  }

  /** Gives a process up: it is killed, and nothing it does is reported from then on. */
  private forget(child: Child): void {
    child.busy = false;
    this.children.delete(child.id);
    child.process.child.kill('SIGKILL');
  }

  /**
   * One watchdog round: reports each busy process grown more than maxHeapMb beyond its size when ready.
   * The rounds stop once no process is busy, and start again with the next task sent.
   */
  private checkMemory(): void {
    const busy = [...this.children.values()].filter((c) => c.busy);
    if (busy.length === 0) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
      return;
    }
    const allowance = this.options.maxHeapMb * 2 ** 20;
    const over: MemoryOverrun[] = [];
    for (const child of busy) {
      const rss = this.residentBytes(child);
      if (rss === undefined || rss <= child.readyRss + allowance) continue;
      over.push({ process: child.id, rssMb: Math.round(rss / 2 ** 20), restMb: Math.round(child.readyRss / 2 ** 20) });
    }
    this.onEvent({ type: 'checked', over });
  }

  /** The resident size of a process in bytes (`readRss`, by default VmRSS); undefined if gone, unreadable or not Linux. */
  private residentBytes(child: Child): number | undefined {
    const pid = child.process.child.pid;
    if (!this.linux || pid === undefined) return undefined;
    return (this.options.readRss ?? procResidentBytes)(pid);
  }

  /**
   * Sets the nice value of a process. On Linux, of every thread (setpriority acts on one thread there; the
   * process's own id is only its main thread), listed in /proc/PID/task; elsewhere of the process, which
   * setpriority acts on as a whole. Best effort: false if the system refuses (raising a priority back
   * needs CAP_SYS_NICE) or the process is gone.
   */
  private renice(child: Child, wanted: number): boolean {
    const nice = Math.min(19, wanted);
    const pid = child.process.child.pid;
    if (pid === undefined) return false;
    let threads = [pid];
    if (this.linux) {
      try { threads = readdirSync(`/proc/${pid}/task`).map(Number); } catch { /* gone, or no /proc: its main thread */ }
    }
    try {
      for (const tid of threads) setPriority(tid, nice);
      return true;
    } catch {
      return false;
    }
  }
}

/** VmRSS of /proc/PID/status in bytes; undefined if the process is gone or the file unreadable. */
function procResidentBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
