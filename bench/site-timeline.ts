/**
 * Where a cold visit to the static query page spends its time, for bench/site.ts: the page's and the
 * engine worker's performance marks (client/engine-client.ts, client/query-page.ts and
 * client/sparql-engine.ts set them, `asm:…`) and resource timings, put on one clock (milliseconds after
 * the navigation started) by each global's timeOrigin, with the benchmark's own steps (the query sent,
 * the result drawn) added from Node's clock.
 */
import type { Page } from 'playwright-core';

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
  'engine started (start-engine.js): service worker registered, engine worker created, dump requested',
  'page script received (query-page.js, YASGUI)',
  'page script running',
  'YASGUI built',
  'page controlled by the service worker',
  'editor ready (an example can be run)',
  'engine worker script running (sparql-engine.js received and compiled)',
  'engine: Comunica built',
  'engine: dump received',
  'engine: dump parsed into a store',
  'engine: warm-up query starts',
  'engine: warm-up query done',
  'query sent (example picked, run clicked)',
  'engine: query starts',
  'engine: answer sent',
  'result drawn (YASR table)',
] as const;
export type Step = (typeof STEPS)[number];

const PAGE_MARKS: Partial<Record<string, Step>> = {
  'asm:sw-register': STEPS[1], 'asm:script-start': 'page script running', 'asm:editor-built': 'YASGUI built',
  'asm:sw-controlling': 'page controlled by the service worker', 'asm:ready': 'editor ready (an example can be run)',
};
const ENGINE_MARKS: Partial<Record<string, Step>> = {
  'asm:engine-script': STEPS[7], 'asm:engine-built': 'engine: Comunica built', 'asm:dump-received': 'engine: dump received',
  'asm:dump-parsed': 'engine: dump parsed into a store', 'asm:warm-up': 'engine: warm-up query starts', 'asm:warm': 'engine: warm-up query done',
  'asm:query-start': 'engine: query starts', 'asm:query-answered': 'engine: answer sent',
};

/**
 * The timeline of one visit, in ms after navigation start. `node` gives the benchmark's own steps as
 * epoch milliseconds (Date.now() clock; performance.timeOrigin is on the same one).
 */
export async function timeline(page: Page, node: Partial<Record<Step, number>>): Promise<Partial<Record<Step, number>>> {
  const out: Partial<Record<Step, number>> = {};
  const pageSide = await page.evaluate(snapshot);
  const start = pageSide.origin;
  const put = (step: Step | undefined, epoch: number) => { if (step !== undefined && out[step] === undefined) out[step] = epoch - start; };
  for (const e of pageSide.entries) {
    if (e.entryType === 'navigation') put('page HTML received', start + (e.responseEnd ?? 0));
    if (e.entryType === 'resource' && e.name.endsWith('/query-page.js')) put('page script received (query-page.js, YASGUI)', start + (e.responseEnd ?? 0));
    if (e.entryType === 'mark') put(PAGE_MARKS[e.name], start + e.startTime);
  }
  for (const worker of page.workers()) {
    const side = await worker.evaluate(snapshot);
    for (const e of side.entries) if (e.entryType === 'mark') put(ENGINE_MARKS[e.name], side.origin + e.startTime);
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
