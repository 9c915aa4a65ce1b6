/**
 * How many query processes the pool keeps, and which idle ones it retires: a function of the processes'
 * states and of what waits, with no timers and no effects. The scheduler (scheduler.ts) asks after every
 * change and carries the answer out.
 *
 * - warm spares. The pool keeps `spares` idle processes beyond those queries use, started before they are
 *   needed, so that a query never waits for a process to start while it could have found one warm.
 * - the slow lane's grace. A process whose query has been in the slow lane for SLOW_GRACE_MS stops
 *   counting among the `size + spares` kept for the fast lane, so that a new one is made ready in its place.
 * - replacements ahead of the time limit. A slow-lane query is likely to run until it is stopped, which
 *   kills its process; its replacement is started as long before the query's deadline as a process start
 *   takes (measured), so that the place is warm again when the query is stopped.
 * - the configured size, always. Processes outside the slow lane are brought back to `size + spares` after
 *   any death (out of memory, a crash, a timeout, a cancelled query), not only to the spares.
 * - no start for nothing. Starting a process costs a core for a second or two, taken from the running
 *   queries, so one starts only when one is missing, and idle processes beyond the number are retired
 *   only after IDLE_RETIRE_MS idle.
 */

/**
 * A process counts among those kept for the fast lane until its query has been this long in the slow
 * lane: most queries that pass their slice end soon after, and their process comes back; a replacement
 * started at once would be one process too many (memory) and a start for nothing (a core for a second).
 */
export const SLOW_GRACE_MS = 1000;
/**
 * An idle process beyond the fast lane and the spares is retired after this long idle: soon enough that
 * the memory of the processes a flood made the pool start (slow lane, replacements) is given back within
 * 30 s of its end.
 */
export const IDLE_RETIRE_MS = 10_000;
/**
 * A replacement starts this much earlier than a start is expected to take (half as long again, plus
 * this margin): starts take longer while others run.
 */
const AHEAD_MARGIN_MS = 500;

/** What a start is for (the `reason` of the pool's spawn event). */
export type StartReason = 'ahead' | 'waiting' | 'spare' | 'refill';

/** What the plan reads of a process (all times are performance.now()). */
export interface ProcessState {
  ready: boolean;
  /** The query it runs, if any. */
  running: unknown;
  slow: boolean;
  /** When its query moved to the slow lane. */
  slowSince: number;
  /** When its query's time is up. */
  deadline: number;
  /** When it last became idle. */
  idleSince: number;
}

export interface Demand {
  /** Processes kept for the fast lane, beyond the spares. */
  size: number;
  spares: number;
  /** Places in the slow lane. */
  slowLane: number;
  /** Queries waiting for a process. */
  queued: number;
  /** Queries waiting for a place in the slow lane. */
  waitingSlow: number;
  /** How long before a slow-lane query's deadline its replacement starts (aheadMs). */
  aheadMs: number;
}

export interface Plan<P> {
  /** Idle processes to retire now. */
  retire: P[];
  /** Some idle processes are surplus but not idle long enough yet: ask again in IDLE_RETIRE_MS. */
  retireLater: boolean;
  /** Processes to start, one reason each. */
  start: StartReason[];
}

/** How long before a slow-lane query's deadline its replacement starts, given the expected start time. */
export function aheadMs(startEstimateMs: number): number {
  return startEstimateMs === 0 ? 0 : 1.5 * startEstimateMs + AHEAD_MARGIN_MS;
}

/**
 * Keeps `spares` processes idle or starting beyond those that waiting queries could use now, plus one
 * for each slow-lane query near its deadline, so that the next query (or the place of a process that
 * moved to the slow lane, timed out or died) finds a warm one. The processes outside the slow lane are
 * held to `size + spares` (plus those replacements). Called once the idle processes have been given
 * what they could take, so that idle ones are left only if nothing waits.
 */
export function planProcesses<P extends ProcessState>(procs: readonly P[], demand: Demand, now: number): Plan<P> {
  const idle = procs.filter((p) => p.ready && p.running === undefined);
  const starting = procs.filter((p) => !p.ready).length;
  const slow = procs.filter((p) => p.running !== undefined && p.slow).length;
  const outside = procs.filter((p) => !p.slow || now - p.slowSince < SLOW_GRACE_MS).length;
  const due = procs.filter((p) => p.running !== undefined && p.slow && p.deadline - now <= demand.aheadMs).length;
  const maxOutside = demand.size + demand.spares + due;
  if (outside > maxOutside && idle.length > demand.spares) {
    // Only after a while idle: a process back from the slow lane is worth keeping while queries keep
    // moving there (retiring it, then starting another, would cost a core for a second each time).
    const surplus = Math.min(outside - maxOutside, idle.length - demand.spares);
    const retire = idle.filter((p) => now - p.idleSince >= IDLE_RETIRE_MS).slice(0, surplus);
    return { retire, retireLater: retire.length < surplus, start: [] };
  }
  const waiting = demand.queued + Math.min(demand.waitingSlow, Math.max(0, demand.slowLane - slow));
  const wanted = waiting + demand.spares + due - idle.length - starting;
  // The fast lane refills to `size + spares` after any death, timeout or kill, whatever waits: a pool
  // left short (one idle process where 2 + 1 were configured) meets the next burst with a process start.
  const refill = demand.size + demand.spares - outside;
  const room = maxOutside - outside;
  const demanded = Math.max(0, Math.min(wanted, room));
  const refilled = Math.max(0, Math.min(refill, room) - demanded);
  // What each start is for, for the events: the configured size, a query near its deadline, a waiting
  // query, or the spare.
  const start = Array.from({ length: refilled }, (): StartReason => 'refill');
  for (let n = 0; n < demanded; n++) {
    const fromEnd = demanded - n;
    start.push(fromEnd <= due ? 'ahead' : fromEnd <= due + waiting ? 'waiting' : 'spare');
  }
  return { retire: [], retireLater: false, start };
}
