/**
 * The query pool's scheduling (src/serve/pool/), with stand-in query processes
 * (fixtures/pool/fake-query-process.mjs) that start in a set time and run a "query" for as long as it
 * says: who gets a process when, asserted on the pool's events and counts, not on times.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryMemoryError } from '../src/query/errors.js';
import { QueryPool, type PoolEvent, type PoolOptions } from '../src/serve/pool/index.js';
import type { QueryProcess } from '../src/serve/pool/process-start.js';
import type { QueryTask } from '../src/query/runners/types.js';

const FAKE = fileURLToPath(new URL('./fixtures/pool/fake-query-process.mjs', import.meta.url));

function fakeProcess(startMs: number): QueryProcess {
  const child = fork(FAKE, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, FAKE_START_MS: String(startMs) } });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => { tail += chunk.toString(); });
  return { child, stderr: () => tail };
}

// Process starts are slow on a loaded machine; nothing here asserts on time.
vi.setConfig({ testTimeout: 120_000 });

const task = (query: string): QueryTask => ({ query, key: query, formats: { select: 'text/plain' } });

let pool: QueryPool | undefined;
let events: PoolEvent[] = [];
afterEach(async () => { await pool?.close(); pool = undefined; });

async function startPool(options: Partial<PoolOptions> & { startMs?: number }): Promise<QueryPool> {
  events = [];
  pool = await QueryPool.start({
    size: 1, spares: 1, sliceMs: 50, slowLane: 4, timeoutMs: 60_000, maxQueue: 100, queueTimeoutMs: 60_000, maxHeapMb: 256,
    config: { root: '.', base: 'https://w3id.org/asm-kg/', allowService: [], maxRows: 10 },
    startProcess: () => fakeProcess(options.startMs ?? 0),
    onEvent: (event) => events.push(event),
    ...options,
  });
  return pool;
}

/** Waits until `test` holds of the events (polling; the test's own time limit ends a wait that never ends). */
async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 10));
}
const residentMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const assigned = (task: number) => events.find((e): e is Extract<PoolEvent, { type: 'assign' }> => e.type === 'assign' && e.task === task);

describe('the fast lane', () => {
  it('gives a waiting query any warm idle process: two queries at once on one place and a spare both start at once', async () => {
    const p = await startPool({ size: 1, spares: 1 });
    const runs = [p.run(task('sleep 300')), p.run(task('sleep 300'))];
    expect(p.stats).toMatchObject({ busy: 2, queued: 0, assignedAtOnce: 2, waitedForProcess: 0 });
    await Promise.all(runs);
  });

  it('answers a cheap query on a warm process while four expensive ones run in the slow lane', async () => {
    const p = await startPool({ size: 1, spares: 1, startMs: 200 });
    const expensive = Array.from({ length: 4 }, () => p.run(task('sleep 60000')).catch(() => undefined));
    await until(() => p.stats.slow === 4 && p.stats.ready - p.stats.busy >= 1);
    for (let i = 0; i < 3; i++) {
      const before = p.stats.assignedAtOnce;
      const outcome = await p.run(task('cheap'));
      expect(outcome.ok).toBe(true);
      expect(p.stats.assignedAtOnce).toBe(before + 1);
    }
    expect(p.stats.slow).toBe(4);
    await p.close();
    await Promise.all(expensive);
  });
});

describe('the pool refills', () => {
  it('returns to its configured size (2 + 1 spare) after two of its processes are killed with SIGKILL', async () => {
    const p = await startPool({ size: 2, spares: 1 });
    expect(p.stats).toMatchObject({ processes: 3, ready: 3 });
    const [first, second] = p.pids;
    process.kill(first!, 'SIGKILL');
    process.kill(second!, 'SIGKILL');
    await until(() => events.filter((e) => e.type === 'died').length === 2);
    await until(() => p.stats.ready === 3);
    expect(p.stats).toMatchObject({ processes: 3, ready: 3, busy: 0, replaced: 2 });
    expect(events.filter((e) => e.type === 'spawn' && e.reason === 'refill')).toHaveLength(2);
    expect(p.pids).not.toContain(first);
    expect(p.pids).not.toContain(second);
  });

  it('returns to its configured size after queries run out of memory', async () => {
    const p = await startPool({ size: 2, spares: 1 });
    const results = await Promise.allSettled([p.run(task('exit 134 FATAL ERROR: Reached heap limit')), p.run(task('exit 134 FATAL ERROR: Reached heap limit'))]);
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof QueryMemoryError)).toEqual([true, true]);
    await until(() => p.stats.ready === 3);
    expect(p.stats).toMatchObject({ processes: 3, ready: 3, outOfMemory: 2 });
  });
});

describe('the slow lane', () => {
  it('starts no process for queries that pass their slice but end within the grace', async () => {
    const p = await startPool({ size: 1, spares: 1 });
    await Promise.all([p.run(task('sleep 300')), p.run(task('sleep 300'))]);
    expect(p.stats).toMatchObject({ movedSlow: 2, replaced: 0, processes: 2, completed: 2 });
    // Both processes came back from the slow lane and serve again.
    await Promise.all([p.run(task('cheap')), p.run(task('cheap'))]);
    expect(p.stats).toMatchObject({ replaced: 0, processes: 2, completed: 4, waitedForProcess: 0 });
  });

  it('refills the fast lane in the place of queries that stay in the slow lane past the grace', async () => {
    const p = await startPool({ size: 1, spares: 1 });
    const expensive = [p.run(task('sleep 60000')).catch(() => undefined), p.run(task('sleep 60000')).catch(() => undefined)];
    await until(() => p.stats.ready - p.stats.busy >= 2);
    const slowAt = events.findIndex((e) => e.type === 'slow');
    const spawned = events.findIndex((e) => e.type === 'spawn' && e.reason !== 'start');
    expect(slowAt).toBeGreaterThanOrEqual(0);
    expect(spawned).toBeGreaterThan(slowAt);
    expect(p.stats).toMatchObject({ slow: 2, replaced: 2, processes: 4 });
    expect((await p.run(task('cheap'))).ok).toBe(true);
    expect(p.stats).toMatchObject({ slow: 2, assignedAtOnce: 3, waitedForProcess: 0 });
    await p.close();
    await Promise.all(expensive);
  });
});

describe('replacements ahead of the time limit', () => {
  it('starts the replacement of a slow-lane query before its deadline, so that the queries sent at its 503 find warm processes', async () => {
    // Starts take 300 ms here: a replacement starts about 1.5 × that + 0.5 s before the 4 s deadline.
    const p = await startPool({ size: 1, spares: 1, startMs: 300, timeoutMs: 4000 });
    const first = [p.run(task('sleep 60000')), p.run(task('sleep 60000'))];
    const firstSettled = Promise.allSettled(first);
    const [timedOut] = await Promise.allSettled([Promise.race(first)]);
    expect(timedOut.status).toBe('rejected');
    // The moment the first is stopped: two expensive queries come again, and a cheap one.
    const again = [p.run(task('sleep 60000')).catch(() => undefined), p.run(task('sleep 60000')).catch(() => undefined)];
    const cheap = p.run(task('cheap'));
    const [a, b, c] = [3, 4, 5].map(assigned);
    expect([a?.atOnce, b?.atOnce, c?.atOnce]).toEqual([true, true, true]);
    expect((await cheap).ok).toBe(true);
    await firstSettled;
    // Each replacement was started ahead, before the query it replaces was stopped.
    const firstTimeout = events.findIndex((e) => e.type === 'timeout');
    expect(events.slice(0, firstTimeout).filter((e) => e.type === 'spawn' && e.reason === 'ahead').length).toBeGreaterThanOrEqual(1);
    // The fast lane, refilled past the grace, holds two of the three processes the 503 needs; one more is started ahead.
    expect(p.stats.startedAhead).toBeGreaterThanOrEqual(1);
    expect(p.stats.waitedForProcess).toBe(0);
    await p.close();
    await Promise.all(again);
  });

  it('starts none for queries that finish in the fast lane', async () => {
    const p = await startPool({ size: 1, spares: 1, startMs: 100, timeoutMs: 2000 });
    for (let i = 0; i < 5; i++) await p.run(task('sleep 20'));
    expect(p.stats).toMatchObject({ startedAhead: 0, replaced: 0, movedSlow: 0, processes: 2 });
  });
});

describe('the memory watchdog', () => {
  it('stops a query whose process grows past the limit outside the V8 heap, and serves the next on a fresh process', async () => {
    const p = await startPool({ size: 1, spares: 0, maxHeapMb: 64 });
    const error = await p.run(task('grow 400')).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(QueryMemoryError);
    expect((error as Error).message).toMatch(/^the query ran out of memory \(limit 64 MB per query process, beyond the \d+ MB it holds at rest\) and was stopped; /);
    const memory = events.find((e) => e.type === 'memory');
    expect(memory).toMatchObject({ type: 'memory', task: 1 });
    expect((memory as { rssMb: number; limitMb: number }).rssMb).toBeGreaterThan((memory as { limitMb: number }).limitMb);
    expect(p.stats).toMatchObject({ outOfMemory: 1, overResident: 1, crashed: 0 });
    expect((await p.run(task('cheap'))).ok).toBe(true);
    expect(p.stats).toMatchObject({ replaced: 1, completed: 1 });
  });

  it('replaces a process that a query left grown by more than 40 MB, once the query is answered', async () => {
    const p = await startPool({ size: 1, spares: 0 });
    expect((await p.run(task('keep 10'))).ok).toBe(true);
    expect(p.stats).toMatchObject({ recycled: 0, processes: 1 });
    expect((await p.run(task('keep 60'))).ok).toBe(true);
    expect(events.filter((e) => e.type === 'retire')).toEqual([{ type: 'retire', process: 1, reason: 'grown' }]);
    expect(p.stats).toMatchObject({ recycled: 1, outOfMemory: 0 });
    expect((await p.run(task('cheap'))).ok).toBe(true);
    expect(p.stats).toMatchObject({ replaced: 1, completed: 3 });
  });

  it('leaves alone a query that stays under the limit', async () => {
    const p = await startPool({ size: 1, spares: 0, maxHeapMb: 256 });
    const ready = events.find((e): e is Extract<PoolEvent, { type: 'ready' }> => e.type === 'ready')!;
    const outcome = p.run(task('grow 100')).catch(() => undefined);
    // The fake never answers a grow. Once it has grown by 95 MB, ten more rounds of the watchdog.
    await until(() => residentMb(p.pids[0]!) >= ready.rssMb + 95);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(p.stats).toMatchObject({ busy: 1, outOfMemory: 0 });
    await p.close();
    await outcome;
  });
});
