/**
 * A small pool of warm query workers (worker.ts), each with its own store and engine. A task goes to an
 * idle worker, or waits in a bounded queue. A task that runs past the time limit has its worker terminated
 * (which stops the query wherever it is, even in a tight loop) and replaced by a fresh one; the main
 * thread never runs a query, so it keeps serving meanwhile.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { QueryTimeoutError } from '../errors.js';
import { ServerBusyError, WorkerCrashedError } from './errors.js';
import type { QueryTask, TaskOutcome } from './run-query.js';
import type { FromWorker, ToWorker, WorkerConfig } from './worker.js';

export interface PoolOptions {
  size: number;
  config: WorkerConfig;
  /** A task running longer than this (milliseconds) is stopped with a QueryTimeoutError. */
  timeoutMs: number;
  /** Tasks that may wait for a worker; more are refused with ServerBusyError. */
  maxQueue: number;
  /** A task waiting longer than this for a worker is refused with ServerBusyError. */
  queueTimeoutMs: number;
  /** Heap limit of each worker, so that a runaway query kills its worker rather than the process. */
  maxHeapMb: number;
}

export interface PoolStats {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  completed: number;
  timedOut: number;
  crashed: number;
  replaced: number;
}

interface Pending {
  id: number;
  task: QueryTask;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: Pending | undefined;
  /** Set once the slot has been given up (timed out, crashed, closed): its events are ignored from then on. */
  gone: boolean;
}

/** How a worker is started: compiled (lib/serve/worker.js), or from source under the tests (tsx). */
function startWorker(config: WorkerConfig, maxHeapMb: number): Worker {
  const options = { workerData: config, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), options);
  // tsx's ESM API registers its loader in the worker before the worker module is imported.
  const require = createRequire(import.meta.url);
  const tsxPackage = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(tsxPackage, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = pathToFileURL(join(dirname(tsxPackage), exports['./esm/api']!.import.default)).href;
  const source = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`, { ...options, eval: true });
}

export class QueryPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private readonly stopping = new Set<Promise<number>>();
  private nextId = 1;
  private closed = false;
  private readonly counts = { completed: 0, timedOut: 0, crashed: 0, replaced: 0 };

  private constructor(private readonly options: PoolOptions) {}

  /** Starts `size` workers and resolves when all are warm; rejects if one cannot start (e.g. no built graph). */
  static async start(options: PoolOptions): Promise<QueryPool> {
    const pool = new QueryPool(options);
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.size) }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get stats(): PoolStats {
    const slots = [...this.slots];
    return {
      workers: slots.length,
      ready: slots.filter((s) => s.ready).length,
      busy: slots.filter((s) => s.running !== undefined).length,
      queued: this.queue.length,
      ...this.counts,
    };
  }

  run(task: QueryTask): Promise<TaskOutcome> {
    if (this.closed) return Promise.reject(new ServerBusyError('the server is shutting down'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new ServerBusyError(`${this.queue.length} queries are waiting`));
    return new Promise<TaskOutcome>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, task, resolve, reject };
      pending.timer = setTimeout(() => {
        const index = this.queue.indexOf(pending);
        if (index >= 0) this.queue.splice(index, 1);
        reject(new ServerBusyError(`the query waited ${this.options.queueTimeoutMs} ms for a worker`));
      }, this.options.queueTimeoutMs);
      this.queue.push(pending);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(new ServerBusyError('the server is shutting down'));
    }
    for (const slot of [...this.slots]) {
      if (slot.running) {
        clearTimeout(slot.running.timer);
        slot.running.reject(new ServerBusyError('the server is shutting down'));
      }
      this.retire(slot);
    }
    await Promise.allSettled([...this.stopping]);
  }

  /** Starts one worker; resolves when it is warm, rejects if it dies first. */
  private spawn(): Promise<void> {
    const slot: Slot = { worker: startWorker(this.options.config, this.options.maxHeapMb), ready: false, running: undefined, gone: false };
    this.slots.add(slot);
    return new Promise<void>((resolve, reject) => {
      slot.worker.on('message', (message: FromWorker) => {
        if (slot.gone) return;
        if (message.type === 'ready') {
          slot.ready = true;
          resolve();
          this.pump();
        } else if (message.type === 'done' && slot.running?.id === message.id) {
          const pending = slot.running;
          slot.running = undefined;
          clearTimeout(pending.timer);
          this.counts.completed++;
          pending.resolve(message.outcome);
          this.pump();
        }
      });
      const died = (reason: string) => {
        if (slot.gone) return;
        const wasReady = slot.ready;
        this.retire(slot);
        if (slot.running) {
          clearTimeout(slot.running.timer);
          this.counts.crashed++;
          slot.running.reject(new WorkerCrashedError(reason));
        }
        if (!wasReady) { reject(new Error(`a query worker could not start: ${reason}`)); return; }
        this.replace();
      };
      slot.worker.on('error', (error) => died(error.message));
      slot.worker.on('exit', (code) => died(`exit code ${code}`));
    });
  }

  /** A fresh worker in place of one given up; if it cannot start, the next one is tried a little later. */
  private replace(): void {
    if (this.closed) return;
    this.counts.replaced++;
    this.spawn().catch(() => { if (!this.closed) setTimeout(() => this.replace(), 1000).unref(); });
  }

  private retire(slot: Slot): void {
    slot.gone = true;
    this.slots.delete(slot);
    const stopping = slot.worker.terminate();
    this.stopping.add(stopping);
    void stopping.finally(() => this.stopping.delete(stopping));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.running !== undefined || slot.gone) continue;
      const pending = this.queue.shift()!;
      clearTimeout(pending.timer);
      slot.running = pending;
      pending.timer = setTimeout(() => this.timeOut(slot, pending), this.options.timeoutMs);
      const message: ToWorker = { type: 'run', id: pending.id, task: pending.task };
      slot.worker.postMessage(message);
    }
  }

  private timeOut(slot: Slot, pending: Pending): void {
    if (slot.running !== pending || slot.gone) return;
    slot.running = undefined;
    this.counts.timedOut++;
    this.retire(slot);
    pending.reject(new QueryTimeoutError('query', this.options.timeoutMs));
    this.replace();
  }
}
