/**
 * Where a cold visit to the static query page spends its time, for bench/site.ts: the page's and the
 * service worker's performance marks (client/engine-client.ts, client/query-page.ts, client/sparql-sw.ts
 * and client/sparql-answer.ts set them, `asm:…`) and resource timings, put on one clock (milliseconds after
 * the navigation started) by each global's timeOrigin, with the benchmark's own steps (the query sent,
 * the result drawn) added from Node's clock.
 */
import type { BrowserContext, Page } from 'playwright-core';

interface Entry { name: string; entryType: string; startTime: number; responseEnd?: number }
interface Snapshot { origin: number; entries: Entry[] }

const snapshot = (): Snapshot => ({
  origin: performance.timeOrigin,
  entries: performance.getEntries().map((e) => ({
    name: e.name, entryType: e.entryType, startTime: e.startTime,
    ...('responseEnd' in e ? { responseEnd: (e as PerformanceResourceTiming).responseEnd } : {}),
  })),
});

/** The steps of a cold visit. */
export const STEPS = [
  'page HTML received',
  'page script received (query-page.js, YASGUI)',
  'page script running',
  'service worker registration sent',
  'YASGUI built',
  'worker script running (sw.js, 1.5 MB, received, compiled, run)',
  'worker installing',
  'worker activating',
  'page controlled by the worker',
  'editor ready (an example can be run)',
  'worker: dump received',
  'worker: Comunica built',
  'worker: dump parsed into a store',
  'query sent (example picked, run clicked)',
  'worker: query starts',
  'worker: answer sent',
  'result drawn (YASR table)',
] as const;
export type Step = (typeof STEPS)[number];

const PAGE_MARKS: Partial<Record<string, Step>> = {
  'asm:sw-register': 'service worker registration sent', 'asm:script-start': 'page script running', 'asm:editor-built': 'YASGUI built',
  'asm:sw-controlling': 'page controlled by the worker', 'asm:ready': 'editor ready (an example can be run)',
};
const WORKER_MARKS: Partial<Record<string, Step>> = {
  'asm:sw-script': 'worker script running (sw.js, 1.5 MB, received, compiled, run)', 'asm:sw-install': 'worker installing', 'asm:sw-activate': 'worker activating',
  'asm:engine-built': 'worker: Comunica built', 'asm:dump-received': 'worker: dump received',
  'asm:dump-parsed': 'worker: dump parsed into a store',
  'asm:query-start': 'worker: query starts', 'asm:query-answered': 'worker: answer sent',
};

/**
 * The timeline of one visit, in ms after navigation start. `node` gives the benchmark's own steps as
 * epoch milliseconds (Date.now() clock; performance.timeOrigin is on the same one).
 */
export async function timeline(page: Page, context: BrowserContext, node: Partial<Record<Step, number>>): Promise<Partial<Record<Step, number>>> {
  const out: Partial<Record<Step, number>> = {};
  const pageSide = await page.evaluate(snapshot);
  const start = pageSide.origin;
  const put = (step: Step | undefined, epoch: number) => { if (step !== undefined && out[step] === undefined) out[step] = epoch - start; };
  for (const e of pageSide.entries) {
    if (e.entryType === 'navigation') put('page HTML received', start + (e.responseEnd ?? 0));
    if (e.entryType === 'resource' && e.name.endsWith('/query-page.js')) put('page script received (query-page.js, YASGUI)', start + (e.responseEnd ?? 0));
    if (e.entryType === 'mark') put(PAGE_MARKS[e.name], start + e.startTime);
  }
  for (const worker of context.serviceWorkers()) {
    const side = await worker.evaluate(snapshot);
    for (const e of side.entries) if (e.entryType === 'mark') put(WORKER_MARKS[e.name], side.origin + e.startTime);
  }
  for (const [step, epoch] of Object.entries(node) as Array<[Step, number]>) put(step, epoch);
  return out;
}

/**
 * The median of each step over the runs, in time order, as table rows: step, ms after navigation start,
 * ms since the step before (the page and the engine run side by side, so a step's time is not all its own).
 */
export function timelineRows(runs: Array<Partial<Record<Step, number>>>): string[][] {
  const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
  const medians = STEPS.map((step) => [step, runs.map((r) => r[step]).filter((v): v is number => v !== undefined)] as const)
    .filter(([, values]) => values.length > 0).map(([step, values]) => [step, median(values)] as const)
    .sort((a, b) => a[1] - b[1]);
  let before = 0;
  return medians.map(([step, at]) => {
    const row = [step, `${Math.round(at)}`, `+${Math.round(at - before)}`];
    before = at;
    return row;
  });
}
