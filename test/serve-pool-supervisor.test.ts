/**
 * The supervisor (src/serve/pool/supervisor.ts) on its own, with real child processes: the stand-in query
 * process (fixtures/pool/fake-query-process.mjs) for what a process does, and one real query process
 * (process-start.ts) for a real answer and a real failure to start. Asserted on the supervisor's events,
 * the processes' priorities and what they answer; nothing here measures time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EvaluatorConfig } from '../src/serve/pool/evaluate.js';
import type { QueryProcess } from '../src/serve/pool/process-start.js';
import { Supervisor, type SupervisorEvent, type SupervisorOptions } from '../src/serve/pool/supervisor.js';
import type { QueryTask } from '../src/query/runners/types.js';

const FAKE = fileURLToPath(new URL('./fixtures/pool/fake-query-process.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG: EvaluatorConfig = { root: ROOT, base: 'https://w3id.org/asm-kg/', allowService: [], maxRows: 10 };

// Process starts are slow on a loaded machine; nothing here asserts on time.
vi.setConfig({ testTimeout: 120_000 });

let supervisor: Supervisor | undefined;
let events: SupervisorEvent[] = [];
let children: ChildProcess[] = [];
afterEach(async () => { await supervisor?.close(); supervisor = undefined; });

/** A supervisor of stand-in processes (or of real ones, with `startProcess: undefined`). */
function supervise(options: Partial<SupervisorOptions> = {}): Supervisor {
  events = [];
  children = [];
  const startProcess = (): QueryProcess => {
    const child = fork(FAKE, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => { tail += chunk.toString(); });
    children.push(child);
    return { child, stderr: () => tail };
  };
  supervisor = new Supervisor({ config: CONFIG, maxHeapMb: 256, startProcess, ...options }, (event) => events.push(event));
  return supervisor;
}

const task = (query: string, formats: QueryTask['formats'] = { select: 'text/plain' }): QueryTask => ({ query, key: query, formats });

/** The first event (after `from`) that `test` accepts, once it has come (the test's time limit ends a wait that never ends). */
async function next<T extends SupervisorEvent>(test: (event: SupervisorEvent) => event is T, from = 0): Promise<T> {
  for (;;) {
    const found = events.slice(from).find(test);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const is = <K extends SupervisorEvent['type']>(type: K, process?: number) =>
  (event: SupervisorEvent): event is Extract<SupervisorEvent, { type: K }> => event.type === type && (process === undefined || !('process' in event) || event.process === process);
const exited = (child: ChildProcess) => new Promise<string | null>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode);
  else child.once('exit', (_code, signal) => resolve(signal));
});
const niceOfThreads = (pid: number) => readdirSync(`/proc/${pid}/task`).map((tid) => getPriority(Number(tid)));
const residentMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('spawn, ready and send', () => {
  it('reports a process ready with its resident size, and passes its answer on, numbered as the task', async () => {
    const s = supervise();
    const { process, ready } = s.spawn();
    expect(process).toBe(1);
    await ready;
    const pid = children[0]!.pid!;
    expect(s.pids).toEqual([pid]);
    const readyEvent = events[0] as Extract<SupervisorEvent, { type: 'ready' }>;
    expect(readyEvent).toMatchObject({ type: 'ready', process: 1 });
    // A Node process holds tens of MB; the size is read from /proc.
    expect(readyEvent.rssMb).toBeGreaterThan(10);
    s.send(1, 7, task('cheap'));
    const done = await next(is('done', 1));
    expect(done.task).toBe(7);
    expect(done.outcome.ok && new TextDecoder().decode(done.outcome.body)).toBe(`answered by ${pid}\n`);
  });

  it('evaluates a real query in a real query process', async () => {
    const s = supervise({ startProcess: undefined });
    await s.spawn().ready;
    s.send(1, 1, task('SELECT ?x WHERE { VALUES ?x { 1 2 } }', { select: 'text/csv' }));
    const { outcome } = await next(is('done', 1));
    expect(outcome).toMatchObject({ ok: true, form: 'SELECT', rows: 2 });
    expect(outcome.ok && new TextDecoder().decode(outcome.body)).toBe('x\r\n1\r\n2\r\n');
  });

  it('rejects the start of a process that dies before it is ready, with the last line it wrote', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'asm-kg-supervisor-'));
    try {
      const s = supervise({ startProcess: undefined, config: { ...CONFIG, root: empty } });
      const error = await s.spawn().ready.then(() => undefined, (e: Error) => e);
      expect(error?.message).toBe(`a query process could not start: ${join(empty, 'data/release.json')}: not found: is --root a project folder?`);
      expect(events).toEqual([{ type: 'died', process: 1, reason: 'exit code 1', started: false, outOfMemory: false }]);
      expect(s.pids).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('death and kill', () => {
  it('reports a process that ends without being told to, and says whether it ran out of memory', async () => {
    const s = supervise();
    await Promise.all([s.spawn().ready, s.spawn().ready, s.spawn().ready]);
    process.kill(children[0]!.pid!, 'SIGTERM');
    s.send(2, 1, task('exit 3 something went wrong'));
    s.send(3, 2, task('exit 134 FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'));
    expect(await next(is('died', 1))).toEqual({ type: 'died', process: 1, reason: 'signal SIGTERM', started: true, outOfMemory: false });
    expect(await next(is('died', 2))).toEqual({ type: 'died', process: 2, reason: 'exit code 3', started: true, outOfMemory: false });
    expect(await next(is('died', 3))).toEqual({ type: 'died', process: 3, reason: 'exit code 134', started: true, outOfMemory: true });
    expect(s.pids).toEqual([]);
  });

  it('kills a process it is told to (SIGKILL) and reports nothing of it from then on', async () => {
    const s = supervise();
    await Promise.all([s.spawn().ready, s.spawn().ready]);
    s.send(1, 1, task('sleep 60000'));
    s.kill(1);
    expect(s.pids).toEqual([children[1]!.pid]);
    // The supervisor hears of the exit before this test does (its listener came first).
    expect(await exited(children[0]!)).toBe('SIGKILL');
    expect(events.map((e) => e.type)).toEqual(['ready', 'ready']);
    // A second kill, and commands to a process that is gone, change nothing.
    s.kill(1);
    s.send(1, 2, task('cheap'));
    expect(s.prioritise(1, 'slow')).toBe(false);
    expect(s.hasGrown(1)).toBe(false);
    await s.close();
    expect(await exited(children[1]!)).toBe('SIGKILL');
    expect(events.map((e) => e.type)).toEqual(['ready', 'ready']);
  });
});

describe('priorities', () => {
  it('starts a process at +5, puts it back at the server\'s nice once ready, +10 in the slow lane, and back', async () => {
    const s = supervise();
    const base = getPriority();
    const { ready } = s.spawn();
    const pid = children[0]!.pid!;
    expect(getPriority(pid)).toBe(Math.min(19, base + 5));
    await ready;
    expect(new Set(niceOfThreads(pid))).toEqual(new Set([base]));
    expect(s.prioritise(1, 'slow')).toBe(true);
    const threads = niceOfThreads(pid);
    expect(threads.length).toBeGreaterThan(1);
    expect(new Set(threads)).toEqual(new Set([Math.min(19, base + 10)]));
    // Raising a priority back needs CAP_SYS_NICE: the answer says whether the system allowed it.
    const back = s.prioritise(1, 'fast');
    expect(new Set(niceOfThreads(pid))).toEqual(new Set([back ? base : Math.min(19, base + 10)]));
  });
});

describe('memory', () => {
  it('reports a busy process grown past its allowance in the watchdog round', async () => {
    const s = supervise({ maxHeapMb: 64 });
    await s.spawn().ready;
    expect(s.watchesMemory).toBe(true);
    const rest = (events[0] as Extract<SupervisorEvent, { type: 'ready' }>).rssMb;
    s.send(1, 1, task('grow 200'));
    const round = await next((e): e is Extract<SupervisorEvent, { type: 'checked' }> => e.type === 'checked' && e.over.length > 0);
    expect(round.over).toHaveLength(1);
    expect(round.over[0]).toMatchObject({ process: 1, restMb: rest });
    expect(round.over[0]!.rssMb).toBeGreaterThan(rest + 64);
  });

  it('reports a real query process that ran out of memory as such (the 915-byte doubling query)', async () => {
    const doubling = `SELECT (STRLEN(?x28) AS ?n) { BIND("a" AS ?x0) ${Array.from({ length: 28 }, (_, i) => `BIND(CONCAT(?x${i},?x${i}) AS ?x${i + 1})`).join(' ')} }`;
    const s = supervise({ startProcess: undefined, maxHeapMb: 96 });
    await s.spawn().ready;
    s.send(1, 1, task(doubling));
    const died = await next(is('died', 1));
    expect(died).toMatchObject({ type: 'died', process: 1, started: true, outOfMemory: true });
    expect(events.filter((e) => e.type === 'done')).toEqual([]);
  });

  it('starts a real query process with glibc\'s malloc trim threshold fixed, unless the environment sets it', async () => {
    // The threshold gives the C heap's freed buffers of large queries back to the system (what it saves is
    // measured in bench/hostile.ts and docs/serving.md, not asserted here: a test cannot hold a machine's
    // memory to a figure). The process's own environment, read from /proc, says what it was started with.
    const environ = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const s = supervise({ startProcess: undefined });
    await s.spawn().ready;
    expect(environ(s.pids[0]!)).toContain('MALLOC_TRIM_THRESHOLD_=131072');
    await s.close();
    const before = process.env.MALLOC_TRIM_THRESHOLD_;
    process.env.MALLOC_TRIM_THRESHOLD_ = '262144';
    try {
      const t = supervise({ startProcess: undefined });
      await t.spawn().ready;
      expect(environ(t.pids[0]!)).toContain('MALLOC_TRIM_THRESHOLD_=262144');
      expect(environ(t.pids[0]!)).not.toContain('MALLOC_TRIM_THRESHOLD_=131072');
    } finally {
      if (before === undefined) delete process.env.MALLOC_TRIM_THRESHOLD_;
      else process.env.MALLOC_TRIM_THRESHOLD_ = before;
    }
  });

  it('says a process has grown once a query left more than 40 MB behind', async () => {
    const s = supervise();
    await s.spawn().ready;
    s.send(1, 1, task('keep 10'));
    await next(is('done', 1));
    expect(s.hasGrown(1)).toBe(false);
    s.send(1, 2, task('keep 60'));
    await next((e): e is Extract<SupervisorEvent, { type: 'done' }> => e.type === 'done' && e.task === 2);
    expect(s.hasGrown(1)).toBe(true);
  });

  it('says one more process fits only while the server and its processes, with it, stay within maxMemoryMb', async () => {
    // Sizes from a fake source: the server 120 MB, each process 100 MB (once ready as now).
    const MB = 2 ** 20;
    const sizes = new Map<number, number>();
    const s = supervise({ maxMemoryMb: 400, ownRss: () => 120 * MB, readRss: (pid) => sizes.get(pid) ?? 0 });
    // No process measured yet: a new one is expected to take nothing, so it fits.
    expect(s.hasRoom()).toBe(true);
    const first = s.spawn();
    sizes.set(children[0]!.pid!, 100 * MB);
    await first.ready;
    // 120 + 100 + 100 expected = 320 MB: fits.
    expect(s.hasRoom()).toBe(true);
    const second = s.spawn();
    // Starting, it counts as large as a ready one (100 MB), however little it holds yet: 120 + 200 + 100 > 400.
    sizes.set(children[1]!.pid!, 20 * MB);
    expect(s.hasRoom()).toBe(false);
    await second.ready;
    sizes.set(children[1]!.pid!, 100 * MB);
    expect(s.hasRoom()).toBe(false);
    // The first process ends: its memory is back.
    s.kill(first.process);
    expect(s.hasRoom()).toBe(true);
    // A process that grew counts at its size now: 120 + 190 + 100 expected > 400.
    sizes.set(children[1]!.pid!, 190 * MB);
    expect(s.hasRoom()).toBe(false);
  });

  it('has room always without a budget, or where sizes cannot be read', async () => {
    const s = supervise({ maxMemoryMb: 0, ownRss: () => 10_000 * 2 ** 20 });
    await s.spawn().ready;
    expect(s.hasRoom()).toBe(true);
    await s.close();
    const elsewhere = supervise({ maxMemoryMb: 300, platform: 'darwin', ownRss: () => 10_000 * 2 ** 20 });
    await elsewhere.spawn().ready;
    expect(elsewhere.hasRoom()).toBe(true);
  });

  it('reads no size on a system other than Linux, and says so', async () => {
    const s = supervise({ maxHeapMb: 64, platform: 'darwin' });
    expect(s.watchesMemory).toBe(false);
    await s.spawn().ready;
    expect(events[0]).toEqual({ type: 'ready', process: 1, ms: expect.any(Number), rssMb: 0 });
    s.send(1, 1, task('keep 60'));
    await next(is('done', 1));
    expect(s.hasGrown(1)).toBe(false);
    // Grown far past the allowance (as /proc tells this test): the rounds still come, and report nothing.
    s.send(1, 2, task('grow 200'));
    const pid = children[0]!.pid!;
    while (residentMb(pid) < 60 + 64 + 100) await new Promise((resolve) => setTimeout(resolve, 10));
    const from = events.length;
    await next(is('checked'), from);
    const after = events.length;
    await next(is('checked'), after);
    const rounds = events.slice(from).filter(is('checked'));
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(rounds.map((round) => round.over)).toEqual(rounds.map(() => []));
  });
});
