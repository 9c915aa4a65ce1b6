/**
 * How many query processes the pool keeps (src/serve/pool/capacity.ts): the plan for given process
 * states and waiting queries, at a given moment (times in ms, as performance.now() would give them).
 */
import { describe, expect, it } from 'vitest';
import { aheadMs, IDLE_RETIRE_MS, planProcesses, SLOW_GRACE_MS, type Demand, type ProcessState } from '../src/serve/pool/capacity.js';

const NOW = 100_000;
const idle = (idleSince = NOW): ProcessState => ({ ready: true, running: undefined, slow: false, slowSince: 0, deadline: Infinity, idleSince });
const starting = (): ProcessState => ({ ...idle(), ready: false });
const fast = (): ProcessState => ({ ...idle(), running: 'a query', deadline: NOW + 10_000 });
const slow = (slowSince: number, deadline = NOW + 10_000): ProcessState => ({ ...idle(), running: 'a query', slow: true, slowSince, deadline });
const demand = (more: Partial<Demand> = {}): Demand => ({ size: 2, spares: 1, slowLane: 4, queued: 0, waitingSlow: 0, aheadMs: 0, ...more });

describe('aheadMs', () => {
  it('is half as long again as the expected start, plus 0.5 s, and 0 before any start was measured', () => {
    expect(aheadMs(1200)).toBe(2300);
    expect(aheadMs(0)).toBe(0);
  });
});

describe('planProcesses', () => {
  it('starts nothing while the spares are idle', () => {
    expect(planProcesses([fast(), fast(), idle()], demand(), NOW)).toEqual({ retire: [], retireLater: false, start: [] });
  });

  it('refills the fast lane to size + spares after deaths, with nothing waiting', () => {
    // What two processes killed for memory left: one idle process where 2 + 1 were configured.
    expect(planProcesses([idle()], demand(), NOW).start).toEqual(['refill', 'refill']);
    expect(planProcesses([idle(), starting()], demand(), NOW).start).toEqual(['refill']);
    expect(planProcesses([fast(), idle()], demand(), NOW).start).toEqual(['refill']);
    // A slow-lane query past the grace does not hold a place in the fast lane.
    expect(planProcesses([slow(NOW - 5000), fast(), idle()], demand(), NOW).start).toEqual(['refill']);
  });

  it('starts a spare when none is idle or starting, up to size + spares', () => {
    expect(planProcesses([fast(), fast()], demand(), NOW).start).toEqual(['spare']);
    expect(planProcesses([fast(), fast(), starting()], demand(), NOW).start).toEqual([]);
    expect(planProcesses([fast(), fast(), fast()], demand({ queued: 2 }), NOW).start).toEqual([]);
  });

  it('starts one for each waiting query, within size + spares', () => {
    expect(planProcesses([fast()], demand({ queued: 1 }), NOW).start).toEqual(['spare', 'waiting']);
    expect(planProcesses([fast()], demand({ queued: 3 }), NOW).start).toEqual(['waiting', 'waiting']);
  });

  it('counts a slow-lane process in the fast lane until its query has been there for the grace', () => {
    const within = slow(NOW - SLOW_GRACE_MS + 1);
    const past = slow(NOW - SLOW_GRACE_MS);
    expect(planProcesses([within, fast(), fast()], demand(), NOW).start).toEqual([]);
    expect(planProcesses([past, fast(), fast()], demand(), NOW).start).toEqual(['spare']);
  });

  it('starts the replacement of a slow-lane query once its deadline is within aheadMs', () => {
    const long = NOW - 5000;
    expect(planProcesses([slow(long, NOW + 2301), fast(), fast(), idle()], demand({ aheadMs: 2300 }), NOW).start).toEqual([]);
    expect(planProcesses([slow(long, NOW + 2300), fast(), fast(), idle()], demand({ aheadMs: 2300 }), NOW).start).toEqual(['ahead']);
  });

  it('counts a slow-lane query waiting for a place only if the slow lane has one', () => {
    const lane = [slow(NOW - 5000), slow(NOW - 5000)];
    expect(planProcesses([...lane, fast(), idle()], demand({ slowLane: 2, waitingSlow: 1 }), NOW).start).toEqual(['refill']);
    expect(planProcesses([...lane, fast(), idle()], demand({ slowLane: 3, waitingSlow: 1 }), NOW).start).toEqual(['waiting']);
  });

  it('retires idle processes beyond size + spares once idle for IDLE_RETIRE_MS, and says when some must wait', () => {
    const old = idle(NOW - IDLE_RETIRE_MS);
    const recent = idle(NOW - 10);
    const plan = planProcesses([old, recent, idle(NOW - IDLE_RETIRE_MS - 5), recent], demand({ size: 1, spares: 1 }), NOW);
    expect(plan.retire).toHaveLength(2);
    expect(plan.retire[0]).toBe(old);
    expect(plan).toMatchObject({ retireLater: false, start: [] });
    const later = planProcesses([old, recent, recent, recent], demand({ size: 1, spares: 1 }), NOW);
    expect(later.retire).toEqual([old]);
    expect(later.retireLater).toBe(true);
  });

  it('keeps the spares even when more processes than size + spares are idle', () => {
    const plan = planProcesses([slow(NOW - 5000), slow(NOW - 5000), idle(0)], demand({ size: 0, spares: 1 }), NOW);
    expect(plan).toEqual({ retire: [], retireLater: false, start: [] });
  });
});
