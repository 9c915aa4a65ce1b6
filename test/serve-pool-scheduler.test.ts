/**
 * The scheduler (src/serve/pool/scheduler.ts) on its own: a stand-in supervisor records the commands it
 * is given, and the test plays the supervisor's events (ready, done, died, watchdog rounds) by hand, on
 * a fake clock. Asserted: which query goes to which process in what order, the lanes, the time limits,
 * and what each ending does; the clock only orders what happens, nothing here measures time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryTimeoutError } from '../src/core/errors.js';
import { ClientShareError, QueryCancelledError, QueryMemoryError, ServerBusyError, WorkerCrashedError } from '../src/query/errors.js';
import { Scheduler, type SchedulerOptions } from '../src/serve/pool/scheduler.js';
import type { Lane, ProcessControl } from '../src/serve/pool/supervisor.js';
import type { PoolEvent } from '../src/serve/pool/types.js';
import type { QueryTask, TaskOutcome } from '../src/query/runners/types.js';

/** A supervisor that starts nothing: it numbers processes and writes down every command. */
class FakeSupervisor implements ProcessControl {
  readonly commands: string[] = [];
  /** What `prioritise` answers (false: the system refuses to raise a priority back). */
  reniceAllowed = true;
  readonly grown = new Set<number>();
  estimate = 0;
  /** What `hasRoom` answers: whether one more process fits in the memory budget. */
  room = true;
  private next = 1;
  private readonly starts = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  spawn(): { process: number; ready: Promise<void> } {
    const process = this.next++;
    this.commands.push(`spawn ${process}`);
    const ready = new Promise<void>((resolve, reject) => this.starts.set(process, { resolve, reject }));
    return { process, ready };
  }
  send(process: number, task: number, query: QueryTask): void { this.commands.push(`send ${task} (${query.query}) to ${process}`); }
  kill(process: number): void { this.commands.push(`kill ${process}`); }
  prioritise(process: number, lane: Lane): boolean { this.commands.push(`${lane} ${process}`); return this.reniceAllowed; }
  hasGrown(process: number): boolean { return this.grown.has(process); }
  startEstimate(): number { return this.estimate; }
  hasRoom(): boolean { return this.room; }
  async close(): Promise<void> { this.commands.push('close'); }

  /** Settles the promise `spawn` returned, as the real supervisor does once it has reported. */
  settle(process: number, error?: Error): void {
    const start = this.starts.get(process)!;
    if (error === undefined) start.resolve(); else start.reject(error);
  }
}

const task = (query: string): QueryTask => ({ query, key: query, formats: { select: 'text/plain' } });
const answer = (text: string): TaskOutcome => ({ ok: true, form: 'SELECT', mediaType: 'text/plain', body: new TextEncoder().encode(text), etag: '"e"', rows: 1, ms: 1 });
const OPTIONS: SchedulerOptions = { size: 1, spares: 0, sliceMs: 250, slowLane: 2, timeoutMs: 10_000, maxQueue: 10, queueTimeoutMs: 60_000, maxHeapMb: 256 };

let supervisor: FakeSupervisor;
let scheduler: Scheduler;
let events: PoolEvent[];

/** A scheduler whose first processes are ready (processes 1 … size + spares). */
async function started(options: Partial<SchedulerOptions> = {}): Promise<Scheduler> {
  supervisor = new FakeSupervisor();
  events = [];
  scheduler = new Scheduler({ ...OPTIONS, ...options, onEvent: (event) => events.push(event) }, supervisor);
  const starting = scheduler.start();
  const count = Math.max(1, options.size ?? OPTIONS.size) + (options.spares ?? OPTIONS.spares ?? 1);
  for (let process = 1; process <= count; process++) ready(process);
  await starting;
  supervisor.commands.length = 0;
  events.length = 0;
  return scheduler;
}
function ready(process: number): void {
  scheduler.handle({ type: 'ready', process, ms: 1200, rssMb: 100 });
  supervisor.settle(process);
}
const done = (process: number, task: number, text = `answer ${task}`) => scheduler.handle({ type: 'done', process, task, outcome: answer(text) });
const text = (outcome: TaskOutcome) => (outcome.ok ? new TextDecoder().decode(outcome.body) : outcome.message);
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Error) => error);

beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] }); });
afterEach(async () => { await scheduler.close(); vi.useRealTimers(); });

describe('the queue', () => {
  it('gives one process its queries in the order they came, and says how long each waited', async () => {
    await started();
    const outcomes = ['first', 'second', 'third'].map((query) => scheduler.run(task(query)));
    expect(supervisor.commands).toEqual(['send 1 (first) to 1']);
    expect(scheduler.stats).toMatchObject({ busy: 1, queued: 2, assignedAtOnce: 1, waitedForProcess: 2 });
    vi.advanceTimersByTime(100);
    done(1, 1);
    vi.advanceTimersByTime(40);
    done(1, 2);
    done(1, 3);
    expect(await Promise.all(outcomes).then((all) => all.map(text))).toEqual(['answer 1', 'answer 2', 'answer 3']);
    expect(supervisor.commands).toEqual(['send 1 (first) to 1', 'send 2 (second) to 1', 'send 3 (third) to 1']);
    expect(events.filter((e) => e.type === 'assign')).toEqual([
      { type: 'assign', task: 1, process: 1, lane: 'fast', atOnce: true, waitedMs: 0 },
      { type: 'assign', task: 2, process: 1, lane: 'fast', atOnce: false, waitedMs: 100 },
      { type: 'assign', task: 3, process: 1, lane: 'fast', atOnce: false, waitedMs: 140 },
    ]);
    expect(scheduler.stats).toMatchObject({ completed: 3, queued: 0, busy: 0, processes: 1 });
  });

  it('refuses a query when the queue is full, and one that waited too long', async () => {
    await started({ maxQueue: 1, queueTimeoutMs: 500 });
    const running = scheduler.run(task('running'));
    const waiting = failure(scheduler.run(task('waiting')));
    expect(await failure(scheduler.run(task('one too many')))).toEqual(new ServerBusyError('1 queries are waiting'));
    vi.advanceTimersByTime(500);
    const error = await waiting;
    expect(error).toBeInstanceOf(ServerBusyError);
    expect(error?.message).toBe('the endpoint is busy: the query waited 500 ms for a query process; try again shortly');
    expect(scheduler.stats.queued).toBe(0);
    done(1, 1);
    expect(text(await running)).toBe('answer 1');
  });

  it('gives each query any warm idle process, spare included, and starts none beyond size + spares', async () => {
    await started({ size: 1, spares: 1 });
    const outcomes = [scheduler.run(task('a')), scheduler.run(task('b')), scheduler.run(task('c'))];
    expect(supervisor.commands).toEqual(['send 1 (a) to 1', 'send 2 (b) to 2']);
    expect(scheduler.stats).toMatchObject({ busy: 2, queued: 1, assignedAtOnce: 2, waitedForProcess: 1, processes: 2 });
    done(2, 2);
    expect(supervisor.commands).toEqual(['send 1 (a) to 1', 'send 2 (b) to 2', 'send 3 (c) to 2']);
    done(1, 1);
    done(2, 3);
    expect(await Promise.all(outcomes).then((all) => all.map(text))).toEqual(['answer 1', 'answer 2', 'answer 3']);
  });
});

describe('the lanes', () => {
  it('moves a query past its slice to the slow lane, reniced, and back to the fast lane when it ends', async () => {
    await started({ size: 1, spares: 1 });
    const slow = scheduler.run(task('expensive'));
    vi.advanceTimersByTime(249);
    expect(events.some((e) => e.type === 'slow')).toBe(false);
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toEqual({ type: 'slow', task: 1, process: 1 });
    expect(scheduler.stats).toMatchObject({ slow: 1, movedSlow: 1 });
    // A cheap query still finds the spare in the fast lane.
    const cheap = scheduler.run(task('cheap'));
    done(2, 2);
    expect(text(await cheap)).toBe('answer 2');
    done(1, 1);
    expect(text(await slow)).toBe('answer 1');
    expect(supervisor.commands).toEqual(['send 1 (expensive) to 1', 'slow 1', 'send 2 (cheap) to 2', 'fast 1']);
    expect(scheduler.stats).toMatchObject({ slow: 0, processes: 2, completed: 2 });
  });

  it('starts no process for queries that end within the grace after their slice, and a spare once one stays past it', async () => {
    await started({ size: 1, spares: 1 });
    const both = [scheduler.run(task('a')), scheduler.run(task('b'))];
    vi.advanceTimersByTime(250 + 999);
    expect(scheduler.stats).toMatchObject({ slow: 2, movedSlow: 2 });
    done(1, 1);
    done(2, 2);
    await Promise.all(both);
    expect(supervisor.commands.filter((c) => c.startsWith('spawn'))).toEqual([]);
    // Again, but both stay: once their grace is over, no process is left in the fast lane, which refills to size + spares.
    const more = [scheduler.run(task('c')), scheduler.run(task('d'))];
    vi.advanceTimersByTime(250 + 999);
    expect(supervisor.commands.filter((c) => c.startsWith('spawn'))).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events.filter((e) => e.type === 'spawn')).toEqual([{ type: 'spawn', process: 3, reason: 'refill' }, { type: 'spawn', process: 4, reason: 'spare' }]);
    expect(scheduler.stats).toMatchObject({ slow: 2, processes: 4, replaced: 2 });
    done(1, 3);
    done(2, 4);
    expect(await Promise.all(more).then((all) => all.map(text))).toEqual(['answer 3', 'answer 4']);
  });

  it('retires a process back from the slow lane whose priority the system will not raise again', async () => {
    await started({ size: 1, spares: 1 });
    const expensive = scheduler.run(task('expensive'));
    vi.advanceTimersByTime(250);
    supervisor.reniceAllowed = false;
    done(1, 1);
    expect(events.filter((e) => e.type === 'retire')).toEqual([{ type: 'retire', process: 1, reason: 'not-reniced' }]);
    // The fast lane refills to size + spares.
    expect(supervisor.commands).toEqual(['send 1 (expensive) to 1', 'slow 1', 'fast 1', 'kill 1', 'spawn 3']);
    expect(text(await expensive)).toBe('answer 1');
    expect(scheduler.stats).toMatchObject({ processes: 2, ready: 1 });
  });

  it('stops a query that passes its slice with the slow lane full, and runs it there later with the time it has left', async () => {
    await started({ size: 1, spares: 1, slowLane: 1, timeoutMs: 1000 });
    const first = scheduler.run(task('first'));
    vi.advanceTimersByTime(250);
    const second = scheduler.run(task('second'));
    vi.advanceTimersByTime(250);
    expect(events.filter((e) => e.type === 'requeue')).toEqual([{ type: 'requeue', task: 2 }]);
    expect(scheduler.stats).toMatchObject({ slow: 1, waitingSlow: 1, movedSlow: 1 });
    // A spare is started in the place of process 2, which was killed.
    expect(supervisor.commands).toEqual(['send 1 (first) to 1', 'slow 1', 'send 2 (second) to 2', 'kill 2', 'spawn 3']);
    vi.advanceTimersByTime(100);
    done(1, 1);
    expect(text(await first)).toBe('answer 1');
    // Process 1, back at normal priority, takes the waiting query into the slow lane at once.
    expect(events.filter((e) => e.type === 'assign').at(-1)).toEqual({ type: 'assign', task: 2, process: 1, lane: 'slow', atOnce: false, waitedMs: 100 });
    expect(supervisor.commands.slice(-3)).toEqual(['fast 1', 'slow 1', 'send 2 (second) to 1']);
    // It had run 250 ms of its 1000: it is stopped 750 ms after it started again.
    vi.advanceTimersByTime(749);
    expect(scheduler.stats.timedOut).toBe(0);
    vi.advanceTimersByTime(1);
    expect(await failure(second)).toEqual(new QueryTimeoutError('query', 1000));
  });
});

describe('the time limit', () => {
  it('kills the process of a query past timeoutMs and answers QueryTimeoutError', async () => {
    await started({ timeoutMs: 2000 });
    const query = failure(scheduler.run(task('endless')));
    vi.advanceTimersByTime(1999);
    expect(scheduler.stats.timedOut).toBe(0);
    vi.advanceTimersByTime(1);
    const error = await query;
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(error?.message).toBe('query: timed out after 2000 ms; the query was stopped');
    expect(events.filter((e) => e.type === 'timeout')).toEqual([{ type: 'timeout', task: 1, process: 1 }]);
    // The fast lane refilled to its size (1) once the query was past the grace in the slow lane.
    expect(supervisor.commands).toEqual(['send 1 (endless) to 1', 'slow 1', 'spawn 2', 'kill 1']);
    expect(scheduler.stats).toMatchObject({ timedOut: 1, processes: 1 });
    const next = scheduler.run(task('next'));
    expect(supervisor.commands.at(-1)).toBe('kill 1');
    ready(2);
    done(2, 2);
    expect(text(await next)).toBe('answer 2');
  });

  it('starts the replacement of a slow-lane query ahead of its deadline by 1.5 start times plus 0.5 s', async () => {
    // No fast lane beyond the spare (size 0): what is started past the grace is the ahead replacement only.
    await started({ size: 0, spares: 1, timeoutMs: 4000 });
    supervisor.estimate = 300;
    const endless = failure(scheduler.run(task('endless')));
    vi.advanceTimersByTime(250);
    // Due at 4000 − (1.5 × 300 + 500) = 3050 ms.
    vi.advanceTimersByTime(3049 - 250);
    expect(supervisor.commands.filter((c) => c.startsWith('spawn'))).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events.filter((e) => e.type === 'spawn')).toEqual([{ type: 'spawn', process: 3, reason: 'ahead' }]);
    expect(scheduler.stats).toMatchObject({ startedAhead: 1, replaced: 1 });
    vi.advanceTimersByTime(950);
    expect(await endless).toBeInstanceOf(QueryTimeoutError);
  });
});

describe('what the supervisor reports', () => {
  it('fails the query of a process that died: out of memory, or a crash', async () => {
    await started({ size: 2 });
    const [oom, crash] = [failure(scheduler.run(task('big'))), failure(scheduler.run(task('bad')))];
    scheduler.handle({ type: 'died', process: 1, reason: 'exit code 134', started: true, outOfMemory: true });
    scheduler.handle({ type: 'died', process: 2, reason: 'signal SIGSEGV', started: true, outOfMemory: false });
    expect(await oom).toEqual(new QueryMemoryError(256));
    expect(await crash).toEqual(new WorkerCrashedError('signal SIGSEGV'));
    expect(events.filter((e) => e.type === 'died')).toEqual([
      { type: 'died', process: 1, task: 1, reason: 'exit code 134' },
      { type: 'died', process: 2, task: 2, reason: 'signal SIGSEGV' },
    ]);
    // Both places are refilled.
    expect(scheduler.stats).toMatchObject({ outOfMemory: 1, crashed: 1, processes: 2, ready: 0 });
  });

  it('starts a process for a query left waiting by a death, and waits a second after one that could not start', async () => {
    await started();
    const crashed = failure(scheduler.run(task('a')));
    const waiting = scheduler.run(task('b'));
    scheduler.handle({ type: 'died', process: 1, reason: 'exit code 1', started: true, outOfMemory: false });
    expect(await crashed).toEqual(new WorkerCrashedError('exit code 1'));
    expect(events.filter((e) => e.type === 'spawn')).toEqual([{ type: 'spawn', process: 2, reason: 'waiting' }]);
    scheduler.handle({ type: 'died', process: 2, reason: 'exit code 1', started: false, outOfMemory: false });
    supervisor.settle(2, new Error('a query process could not start'));
    const commands = ['send 1 (a) to 1', 'kill 1', 'spawn 2', 'kill 2'];
    expect(supervisor.commands).toEqual(commands);
    vi.advanceTimersByTime(999);
    expect(supervisor.commands).toEqual(commands);
    vi.advanceTimersByTime(1);
    expect(supervisor.commands).toEqual([...commands, 'spawn 3']);
    ready(3);
    done(3, 2);
    expect(text(await waiting)).toBe('answer 2');
  });

  it('stops the query of a process the watchdog found over its allowance', async () => {
    await started({ maxHeapMb: 64 });
    const query = failure(scheduler.run(task('grows')));
    scheduler.handle({ type: 'checked', over: [] });
    expect(scheduler.stats.busy).toBe(1);
    scheduler.handle({ type: 'checked', over: [{ process: 1, rssMb: 170, restMb: 98 }] });
    expect(await query).toEqual(new QueryMemoryError(64, 98));
    expect(events.find((e) => e.type === 'memory')).toEqual({ type: 'memory', task: 1, process: 1, rssMb: 170, limitMb: 162 });
    expect(supervisor.commands).toEqual(['send 1 (grows) to 1', 'kill 1', 'spawn 2']);
    expect(scheduler.stats).toMatchObject({ outOfMemory: 1, overResident: 1 });
  });

  it('replaces a grown process after its query, unless a query waits for it', async () => {
    await started();
    const outcomes = [scheduler.run(task('a')), scheduler.run(task('b'))];
    supervisor.grown.add(1);
    done(1, 1);
    expect(supervisor.commands).toEqual(['send 1 (a) to 1', 'send 2 (b) to 1']);
    done(1, 2);
    await Promise.all(outcomes);
    expect(events.filter((e) => e.type === 'retire')).toEqual([{ type: 'retire', process: 1, reason: 'grown' }]);
    expect(supervisor.commands.slice(2)).toEqual(['kill 1', 'spawn 2']);
    expect(scheduler.stats).toMatchObject({ recycled: 1 });
  });

  it('ignores an answer that is not the one its process runs', async () => {
    await started();
    const query = scheduler.run(task('a'));
    done(1, 7);
    expect(scheduler.stats).toMatchObject({ busy: 1, completed: 0 });
    done(1, 1);
    expect(text(await query)).toBe('answer 1');
  });
});

describe('the memory budget', () => {
  const spawns = () => events.filter((e) => e.type === 'spawn');

  it('puts off a replacement ahead of a deadline while it does not fit, and starts it once it does', async () => {
    // No fast lane beyond the spare (size 0), as in the test of the replacement ahead above.
    await started({ size: 0, spares: 1, timeoutMs: 4000 });
    supervisor.estimate = 300;
    supervisor.room = false;
    const endless = failure(scheduler.run(task('endless')));
    // Its replacement is due at 4000 − (1.5 × 300 + 500) = 3050 ms, and does not fit.
    vi.advanceTimersByTime(3100);
    expect(spawns()).toEqual([]);
    expect(events.filter((e) => e.type === 'defer')).toEqual([{ type: 'defer', reason: 'ahead' }]);
    expect(scheduler.stats).toMatchObject({ deferred: 1, processes: 2, slow: 1, startedAhead: 0 });
    // Memory comes back (another process gave some back, the server's heap shrank): the next check starts it.
    supervisor.room = true;
    vi.advanceTimersByTime(250);
    expect(spawns()).toEqual([{ type: 'spawn', process: 3, reason: 'ahead' }]);
    expect(scheduler.stats).toMatchObject({ deferred: 1, processes: 3, startedAhead: 1 });
    vi.advanceTimersByTime(900);
    expect(await endless).toBeInstanceOf(QueryTimeoutError);
  });

  it('starts the fast lane and its spare whatever the budget', async () => {
    await started({ size: 1, spares: 1 });
    supervisor.room = false;
    const endless = failure(scheduler.run(task('endless')));
    // Past its slice and the grace, the slow-lane query leaves one process in the fast lane where 1 + 1 are kept.
    vi.advanceTimersByTime(250 + 1000);
    expect(spawns()).toEqual([{ type: 'spawn', process: 3, reason: 'refill' }]);
    expect(scheduler.stats.deferred).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(await endless).toBeInstanceOf(QueryTimeoutError);
  });

  it('refills to size + spares after deaths whatever the budget', async () => {
    await started({ size: 2, spares: 1 });
    supervisor.room = false;
    scheduler.handle({ type: 'died', process: 1, reason: 'signal SIGKILL', started: true, outOfMemory: false });
    scheduler.handle({ type: 'died', process: 2, reason: 'signal SIGKILL', started: true, outOfMemory: false });
    expect(spawns()).toEqual([{ type: 'spawn', process: 4, reason: 'refill' }, { type: 'spawn', process: 5, reason: 'refill' }]);
    expect(scheduler.stats).toMatchObject({ deferred: 0, processes: 3 });
  });

  it('replaces a grown process after its query even while one waits, once no other fits', async () => {
    await started();
    supervisor.room = false;
    const outcomes = [scheduler.run(task('a')), scheduler.run(task('b'))];
    supervisor.grown.add(1);
    done(1, 1);
    // The fast lane's process starts again whatever the budget; the waiting query gets it.
    expect(supervisor.commands).toEqual(['send 1 (a) to 1', 'kill 1', 'spawn 2']);
    expect(events.filter((e) => e.type === 'retire')).toEqual([{ type: 'retire', process: 1, reason: 'grown' }]);
    ready(2);
    expect(supervisor.commands.at(-1)).toBe('send 2 (b) to 2');
    done(2, 2);
    expect((await Promise.all(outcomes)).map(text)).toEqual(['answer 1', 'answer 2']);
    expect(scheduler.stats).toMatchObject({ recycled: 1 });
  });
});

describe('close', () => {
  it('refuses what waits and what runs, retires every process and closes the supervisor', async () => {
    await started();
    const running = failure(scheduler.run(task('a')));
    const waiting = failure(scheduler.run(task('b')));
    await scheduler.close();
    const closing = new ServerBusyError('the server is shutting down');
    expect([await running, await waiting]).toEqual([closing, closing]);
    expect(events.filter((e) => e.type === 'retire')).toEqual([{ type: 'retire', process: 1, reason: 'closed' }]);
    expect(supervisor.commands.slice(-2)).toEqual(['kill 1', 'close']);
    expect(await failure(scheduler.run(task('c')))).toEqual(closing);
  });
});

describe('clients', () => {
  it("runs at most a client's share, queues its others, and refuses one more with its Retry-After", async () => {
    await started({ size: 2, spares: 1, clientProcesses: 1, clientQueue: 1, timeoutMs: 10_000 });
    const first = scheduler.run(task('a1'), undefined, { client: 'a' });
    vi.advanceTimersByTime(1000);
    const second = scheduler.run(task('a2'), undefined, { client: 'a' });
    // Processes 2 and 3 are idle, but client a is at its share: a2 waits for a1.
    expect(scheduler.stats).toMatchObject({ busy: 1, queued: 1 });
    const refused = await failure(scheduler.run(task('a3'), undefined, { client: 'a' }));
    // a1's deadline is 9 s away.
    expect(refused).toEqual(new ClientShareError(1, 1, 9));
    expect(refused?.message).toBe('too many queries from this client: 1 running and 1 waiting, its share of this endpoint; send the next when one of them is answered (in 9 s at most)');
    expect(events.filter((e) => e.type === 'refuse')).toEqual([{ type: 'refuse', client: 'a', running: 1, waiting: 1 }]);
    // Another client is served at once.
    const other = scheduler.run(task('b1'), undefined, { client: 'b' });
    expect(supervisor.commands.filter((c) => c.startsWith('send'))).toEqual(['send 1 (a1) to 1', 'send 3 (b1) to 2']);
    done(1, 1);
    expect(supervisor.commands.at(-1)).toBe('send 2 (a2) to 1');
    done(2, 3);
    done(1, 2);
    expect((await Promise.all([first, second, other])).map(text)).toEqual(['answer 1', 'answer 2', 'answer 3']);
  });

  it('keeps the reserve for a client whose last query was cheap, and sends a client whose last query was expensive to the slow lane first', async () => {
    await started({ size: 1, spares: 1, reserve: 1, slowLane: 2 });
    // A client the pool has not seen takes process 1; another unseen one waits: process 2 is the reserve.
    const heavy = scheduler.run(task('h1'), undefined, { client: 'heavy' });
    const unseen = scheduler.run(task('u1'), undefined, { client: 'unseen' });
    expect(scheduler.stats).toMatchObject({ busy: 1, queued: 1 });
    // h1 is still running after its slice and the grace: its client is expensive. Process 3 refills the fast lane.
    vi.advanceTimersByTime(250 + 1000);
    expect(supervisor.commands).toEqual(['send 1 (h1) to 1', 'slow 1', 'spawn 3']);
    ready(3);
    // Two idle now, one beyond the reserve: u1 runs.
    expect(supervisor.commands.at(-1)).toBe('send 2 (u1) to 2');
    done(2, 2);
    await unseen;
    // u1 was answered at once: its client is cheap now, and takes the reserve while another runs elsewhere.
    const u2 = scheduler.run(task('u2'), undefined, { client: 'unseen' });
    done(2, 3);
    await u2;
    const busyElsewhere = scheduler.run(task('x1'), undefined, { client: 'x' });
    expect(supervisor.commands.at(-1)).toBe('send 4 (x1) to 2');
    const reserved = scheduler.run(task('u3'), undefined, { client: 'unseen' });
    expect(supervisor.commands.at(-1)).toBe('send 5 (u3) to 3');
    done(3, 5);
    done(2, 4);
    done(1, 1);
    await Promise.all([heavy, busyElsewhere, reserved]);
  });

  it('gives the reserve to a query with no client (from the loopback interface), which has no class', async () => {
    await started({ size: 1, spares: 1, reserve: 1, slowLane: 2 });
    const elsewhere = scheduler.run(task('x1'), undefined, { client: 'x' });
    // Process 2 is the reserve, and an unseen client would wait for it; a query with no client does not.
    const local = scheduler.run(task('l1'));
    expect(scheduler.stats).toMatchObject({ busy: 2, queued: 0 });
    expect(supervisor.commands.slice(-2)).toEqual(['send 1 (x1) to 1', 'send 2 (l1) to 2']);
    done(1, 1);
    done(2, 2);
    await Promise.all([elsewhere, local]);
  });

  it('classes a query with no client by its shape: once a shape was expensive twice in a row, its queries go to the slow lane first and leave the reserve to the others', async () => {
    await started({ size: 1, spares: 1, reserve: 1, slowLane: 2 });
    const local = (query: string, shape: string) => scheduler.run(task(query), undefined, { shape });
    for (const [n, query] of [[1, 'h1'], [2, 'h2']] as const) {
      const run = local(query, 'heavy');
      vi.advanceTimersByTime(250 + 1000);
      done(1, n);
      await run;
    }
    // A query of the expensive shape runs in the slow lane, beyond the reserve; the next waits for a place.
    const h3 = local('h3', 'heavy');
    const h4 = local('h4', 'heavy');
    expect(scheduler.stats).toMatchObject({ slowFirst: 2, slow: 1, busy: 1, waitingSlow: 1, queued: 0 });
    // A query of another shape, from the same (absent) client, takes the reserve at once.
    const cheap = local('c1', 'light');
    expect(supervisor.commands.slice(-3)).toEqual(['slow 1', 'send 3 (h3) to 1', 'send 5 (c1) to 2']);
    expect(scheduler.stats).toMatchObject({ busy: 2, assignedAtOnce: 4, waitedForProcess: 1 });
    done(2, 5);
    done(1, 3);
    expect(supervisor.commands.at(-1)).toBe('send 4 (h4) to 1');
    done(1, 4);
    await Promise.all([h3, h4, cheap]);
  });

  it('sends a client whose last two queries were expensive to the slow lane first, and makes it cheap again when one is answered soon', async () => {
    await started({ size: 1, spares: 1, reserve: 1, slowLane: 2 });
    for (const [n, query] of [[1, 'h1'], [2, 'h2']] as const) {
      const run = scheduler.run(task(query), undefined, { client: 'heavy' });
      vi.advanceTimersByTime(250 + 1000);
      done(1, n);
      await run;
    }
    expect(scheduler.stats).toMatchObject({ slowFirst: 0, completed: 2 });
    // Two in a row past the grace: h3 goes to the slow lane first, on process 1 (process 2 is the reserve).
    const next = scheduler.run(task('h3'), undefined, { client: 'heavy' });
    expect(scheduler.stats).toMatchObject({ slowFirst: 1, slow: 1, busy: 1 });
    expect(supervisor.commands.slice(-2)).toEqual(['slow 1', 'send 3 (h3) to 1']);
    done(1, 3);
    // Answered at once: its client is cheap again.
    const after = scheduler.run(task('h4'), undefined, { client: 'heavy' });
    expect(scheduler.stats.slowFirst).toBe(1);
    done(1, 4);
    await Promise.all([next, after]);
  });

  it('cancels a waiting query and a running one when their signals abort, and refills', async () => {
    await started({ size: 1, spares: 0 });
    const running = new AbortController();
    const waiting = new AbortController();
    const first = failure(scheduler.run(task('a'), undefined, { signal: running.signal }));
    const second = failure(scheduler.run(task('b'), undefined, { signal: waiting.signal }));
    waiting.abort();
    expect(await second).toEqual(new QueryCancelledError());
    expect(scheduler.stats).toMatchObject({ queued: 0, busy: 1, cancelled: 1 });
    running.abort();
    expect(await first).toEqual(new QueryCancelledError());
    expect(events.filter((e) => e.type === 'cancel')).toEqual([{ type: 'cancel', task: 2, process: undefined }, { type: 'cancel', task: 1, process: 1 }]);
    expect(supervisor.commands).toEqual(['send 1 (a) to 1', 'kill 1', 'spawn 2']);
    expect(scheduler.stats).toMatchObject({ busy: 0, cancelled: 2, processes: 1 });
  });
});
