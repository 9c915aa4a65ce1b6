/**
 * bench:hostile, the burst: 4 expensive queries from 4 clients at once (each sent again as soon as it is
 * answered, so that 4 run), and a cheap probe every 250 ms from the first 250 ms on, from a client whose
 * earlier queries were cheap. Reports the probe's p50/p99/max, the 429 and 503 answers, and the RSS of
 * the server and its query processes (peak, and 30 s after). Run alone: `npx tsx bench/hostile/burst.ts`.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { cheap, expensive, PROBE, queryAs, report, rssAfter, sampleRss, settle, startServer, statusCounts, stopServer, type Answer, type FairnessFigures } from './fairness-server.js';

const WINDOW_MS = Number(process.env.HOSTILE_BURST_MS ?? 30_000);
const PROBE_EVERY_MS = 250;

export async function burst(): Promise<FairnessFigures> {
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
    const load = Array.from({ length: 4 }, async (_, i) => {
      while (performance.now() < ends) answers.push(await queryAs(server.url, `10.0.0.${i + 1}`, expensive(), stop.signal));
    });
    const sent: Array<Promise<void>> = [];
    for (let n = 1; started + n * PROBE_EVERY_MS < ends; n++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + n * PROBE_EVERY_MS - performance.now())));
      sent.push(queryAs(server.url, PROBE, cheap()).then((a) => { probes.push(a); }));
    }
    await Promise.all(sent);
    // The load's last queries are called off (their clients go away): the pool frees their processes.
    stop.abort();
    await Promise.all(load);
    const afterMb = await rssAfter(pid);
    rss.stop();
    return {
      scenario: 'burst of 4 expensive', probes: probes.map((a) => a.ms), probeFailed: probes.filter((a) => a.status !== 200).length,
      statuses: statusCounts([...answers.filter((a) => a.status !== 0), ...probes]), peakMb: rss.peak(), peakDetail: rss.peakDetail(), afterMb, load: loadavg()[0]!,
    };
  } finally {
    await stopServer(server);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const figures = await burst();
  console.log(report(figures));
  console.log(`Load average (1 min) at the end: ${figures.load.toFixed(1)}`);
}
