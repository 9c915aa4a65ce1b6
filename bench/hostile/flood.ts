/**
 * bench:hostile, the flood: 50 clients (each its own address) sending expensive queries in a loop for
 * 60 s, and a cheap probe every 0.5 s from a client whose earlier queries were cheap. Reports the probe's
 * p50/p99/max, the 429 and 503 answers, and the RSS of the server and its query processes (peak, and
 * 30 s after). Run alone: `npx tsx bench/hostile/flood.ts`.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { cheap, expensive, PROBE, queryAs, report, rssAfter, sampleRss, settle, startServer, statusCounts, stopServer, type Answer, type FairnessFigures } from './fairness-server.js';

const CLIENTS = Number(process.env.HOSTILE_FLOOD_CLIENTS ?? 50);
const WINDOW_MS = Number(process.env.HOSTILE_FLOOD_MS ?? 60_000);
const PROBE_EVERY_MS = 500;

export async function flood(): Promise<FairnessFigures> {
  const server = await startServer();
  const pid = server.process.pid!;
  try {
    await settle(server.url);
    const rss = sampleRss(pid);
    const answers: Answer[] = [];
    const probes: Answer[] = [];
    const stop = new AbortController();
    const started = performance.now();
    const ends = started + WINDOW_MS;
    const load = Array.from({ length: CLIENTS }, async (_, i) => {
      const client = `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      while (performance.now() < ends) {
        const answer = await queryAs(server.url, client, expensive(), stop.signal);
        answers.push(answer);
        // A refused client waits as Retry-After says, roughly: one second, then tries again.
        if (answer.status === 429 || answer.status === 503) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    });
    const sent: Array<Promise<void>> = [];
    for (let n = 1; started + n * PROBE_EVERY_MS < ends; n++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + n * PROBE_EVERY_MS - performance.now())));
      sent.push(queryAs(server.url, PROBE, cheap()).then((a) => { probes.push(a); }));
    }
    await Promise.all(sent);
    stop.abort();
    await Promise.all(load);
    const afterMb = await rssAfter(pid);
    rss.stop();
    return {
      scenario: `flood of ${CLIENTS} clients`, probes: probes.map((a) => a.ms), probeFailed: probes.filter((a) => a.status !== 200).length,
      statuses: statusCounts([...answers.filter((a) => a.status !== 0), ...probes]), peakMb: rss.peak(), peakDetail: rss.peakDetail(), afterMb, load: loadavg()[0]!,
    };
  } finally {
    await stopServer(server);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const figures = await flood();
  console.log(report(figures));
  console.log(`Load average (1 min) at the end: ${figures.load.toFixed(1)}`);
}
