/**
 * The scale bench: at about 10k, 100k and 1M triples of synthetic corpora in our model
 * (bench/generate-corpus.ts), measures
 *   - `asm-kg build`: wall time and peak resident memory (targets at 1M triples: < 60 s, < 2 GB);
 *   - `asm-kg serve`: time from start to listening and the peak memory of the server and its query
 *     processes, embedded, and with `--backend` in front of Virtuoso 7 (after its bulk loader has read the
 *     N-Quads dump; start-up reads the graphs into the pages' snapshot);
 *   - one catalogue query over /sparql, uncached (--no-cache), warm (the median of 3 runs after one),
 *     embedded versus Virtuoso through `--backend`;
 *   - the `--source` join of the issue: `asm-kg query` over the corpus and a 500,000-triple governance
 *     dataset, a GROUP BY over both, versus the same query in Oxigraph (the npm package) in Node.
 * Every step runs in its own process, under a time limit (--step-timeout): a step that runs out is
 * recorded as such and the bench goes on. The row of a size is printed (stderr) and the table written to
 * WORK/scale-table.md after every step, so that a run stopped part-way keeps what it measured. Times
 * depend on the machine and its load: each row notes the load average (1 min) before and after it.
 *
 *   npm run bench:scale                                  # 10k, 100k and 1M
 *   npx tsx bench/scale.ts --sizes 10000,100000 --query theme-consensus
 *   npx tsx bench/scale.ts --sizes 1000000 --reuse --steps embedded,backend,join --work /tmp/h5
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { readRelease } from '../src/core/release.js';
import { runIsql, startVirtuoso, type Virtuoso } from '../test/support/virtuoso.js';
import { generateCorpus } from './generate-corpus.js';
import { treeRss } from './process-tree.js';

const STEPS = ['build', 'embedded', 'backend', 'join'] as const;
type Step = typeof STEPS[number];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    query: { type: 'string', default: 'obstacles-by-workshop' },
    'gov-triples': { type: 'string', default: '500000' },
    work: { type: 'string', default: join(tmpdir(), 'asm-kg-scale') },
    steps: { type: 'string', default: STEPS.join(',') },
    /** Keep a corpus already built in WORK (its build figures from that run), rather than generate and build again. */
    reuse: { type: 'boolean', default: false },
    'step-timeout': { type: 'string', default: '1800' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const STEPS_RUN = new Set(values.steps.split(',').map((s) => s.trim()).filter((s): s is Step => {
  if (!(STEPS as readonly string[]).includes(s)) throw new Error(`--steps: "${s}" is not one of ${STEPS.join(', ')}`);
  return true;
}));
const STEP_TIMEOUT_S = Number(values['step-timeout']);
const CLI = join(PACKAGE_ROOT, 'lib/cli.js');
const WORK = values.work;
/** Heap for the processes that hold a large graph (the build, the query processes, the join). */
const HEAP_MB = 8000;

interface Measured { seconds: number; peakMb: number; ok: boolean; timedOut: boolean; output: string }

/** Runs a command under /usr/bin/time: wall seconds and peak RSS of the process (not its children). */
function timed(command: string, args: string[], timeoutSeconds = STEP_TIMEOUT_S): Measured {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' });
  const timedOut = result.error !== undefined || result.signal !== null;
  const lines = (result.stderr ?? '').trim().split('\n');
  const [seconds, kb] = timedOut ? [(performance.now() - started) / 1000, NaN] : (lines.at(-1) ?? '').split(' ').map(Number);
  return { seconds: seconds ?? NaN, peakMb: (kb ?? NaN) / 1024, ok: result.status === 0, timedOut, output: `${result.stdout ?? ''}${lines.slice(0, -1).join('\n')}` };
}

/**
 * Runs a command that starts processes of its own (the build starts its validation process): wall seconds
 * and the peak of its whole process tree's RSS, sampled from /proc every 200 ms (/usr/bin/time reports the
 * largest single process, not the sum).
 */
async function timedTree(command: string, args: string[], timeoutSeconds = STEP_TIMEOUT_S): Promise<Measured> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  let peak = 0;
  const sampler = setInterval(() => { if (child.pid !== undefined && child.exitCode === null) peak = Math.max(peak, treeRss(child.pid).tree); }, 200);
  let timedOut = false;
  const limit = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutSeconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearInterval(sampler);
  clearTimeout(limit);
  return { seconds: (performance.now() - started) / 1000, peakMb: timedOut ? NaN : peak, ok: code === 0, timedOut, output };
}

/** A 500,000-triple governance dataset: indicators per theme and stakeholder group, with values. */
function governanceDataset(path: string, triples: number): void {
  if (existsSync(path)) return;
  const themes = [...readFileSync(join(PACKAGE_ROOT, 'data/editorial/themes.ttl'), 'utf8').matchAll(/^theme:([a-z-]+)\s/gm)].map((m) => m[1]!);
  const groups = ['government', 'small-scale-miners', 'rest-of-industry', 'rest-of-society'];
  const lines: string[] = [];
  for (let i = 0; lines.length < triples; i++) {
    const s = `<https://example.org/gov/indicator/${i}>`;
    lines.push(`${s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://example.org/gov/Indicator> .`);
    lines.push(`${s} <https://example.org/gov/theme> <https://w3id.org/asm-kg/id/theme/${themes[i % themes.length]}> .`);
    lines.push(`${s} <https://example.org/gov/actor> <https://w3id.org/asm-kg/id/stakeholder/${groups[i % groups.length]}> .`);
    lines.push(`${s} <https://example.org/gov/value> "${(i * 7919) % 1000}"^^<http://www.w3.org/2001/XMLSchema#integer> .`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The join: statements per theme (ours) beside indicators and their total per theme (the governance data). */
const JOIN = `PREFIX asm: <https://w3id.org/asm-kg/ontology#>
PREFIX gov: <https://example.org/gov/>
SELECT ?theme ?statements ?indicators ?total WHERE {
  { SELECT ?theme (COUNT(?s) AS ?statements) WHERE { ?s asm:theme ?theme } GROUP BY ?theme }
  { SELECT ?theme (COUNT(?i) AS ?indicators) (SUM(?v) AS ?total) WHERE { ?i gov:theme ?theme ; gov:value ?v } GROUP BY ?theme }
}
ORDER BY ?theme
`;

/** The same join in Oxigraph, in Node: load both files, run, print the row count. */
const OXIGRAPH_JOIN = `
const { readFileSync } = require('node:fs');
const oxigraph = require(${JSON.stringify(join(PACKAGE_ROOT, 'node_modules/oxigraph'))});
const [nq, gov, query] = process.argv.slice(2);
const store = new oxigraph.Store();
store.load(readFileSync(nq), { format: 'application/n-quads' });
store.load(readFileSync(gov), { format: 'application/n-triples', to_graph_name: oxigraph.namedNode('urn:gov') });
const rows = store.query(readFileSync(query, 'utf8'), { use_default_graph_as_union: true });
console.log(rows.length + ' rows');
`;

/** Peak memory of a process tree, sampled every second until stopped. */
function sampleRss(child: ChildProcess): { peak: { own: number; tree: number }; stop(): void } {
  const peak = { own: 0, tree: 0 };
  const timer = setInterval(() => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const now = treeRss(child.pid);
    peak.own = Math.max(peak.own, now.own);
    peak.tree = Math.max(peak.tree, now.tree);
  }, 1000);
  return { peak, stop: () => clearInterval(timer) };
}

interface Server { url: string; startSeconds: number; peak: { own: number; tree: number }; stop(): Promise<void> }

/**
 * Starts `asm-kg serve` on a free port; resolves when it prints that it listens, rejects after the step's
 * time limit. No row limit that a catalogue query over a large corpus would meet (obstacles-by-workshop
 * has about 11,000 rows at 1M triples).
 */
function serve(root: string, extra: string[]): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'serve', '--root', root, '--port', '0', '--no-cache', '--timeout', '600000', '--max-rows', '10000000', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = sampleRss(child);
  let output = '';
  const stop = () => new Promise<void>((done) => {
    sampler.stop();
    if (child.exitCode !== null || child.signalCode !== null) { done(); return; }
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => { clearTimeout(kill); done(); });
    child.kill('SIGINT');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const seconds = (performance.now() - started) / 1000;
      const { peak } = sampler;
      void stop().then(() => reject(Object.assign(new Error(`not listening after ${seconds.toFixed(0)} s (--step-timeout)`), { timedOut: true, seconds, peak })));
    }, STEP_TIMEOUT_S * 1000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?)\/? /.exec(output);
      if (match) {
        clearTimeout(timer);
        // One more sample at the moment it listens: a start shorter than the sampling period still has a figure.
        const now = treeRss(child.pid!);
        sampler.peak.own = Math.max(sampler.peak.own, now.own);
        sampler.peak.tree = Math.max(sampler.peak.tree, now.tree);
        resolve({ url: match[1]!, startSeconds: (performance.now() - started) / 1000, peak: sampler.peak, stop });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); sampler.stop(); reject(new Error(`serve exited (${code}): ${output.slice(-500)}`)); });
  });
}

/** Median seconds of 3 warm runs (after one) of a catalogue query over /sparql. */
async function queryTime(url: string, query: string): Promise<{ seconds: number; rows: string }> {
  const run = async () => {
    const started = performance.now();
    const response = await fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'text/csv' }, body: query, signal: AbortSignal.timeout(STEP_TIMEOUT_S * 1000) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status}: ${text.slice(0, 200)}`);
    return { seconds: (performance.now() - started) / 1000, rows: response.headers.get('x-result-rows') ?? '?' };
  };
  await run();
  const runs = [await run(), await run(), await run()].sort((a, b) => a.seconds - b.seconds);
  return runs[1]!;
}

const fmt = (n: number | undefined, digits = 1): string => (n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '');
const mb = (n: number | undefined): string => (n !== undefined && Number.isFinite(n) && n > 0 ? n.toFixed(0) : '');

/** What was measured at one size so far; a cell stays empty until its step ran, and says why it has no figure. */
interface Row {
  size: number;
  triples?: number;
  build?: string;
  buildPeak?: string;
  embeddedStart?: string;
  embeddedPeak?: string;
  backendStart?: string;
  backendPeak?: string;
  embeddedQuery?: string;
  backendQuery?: string;
  rows?: string;
  joinOurs?: string;
  joinOxigraph?: string;
  load: string;
}

const HEADER = [
  '| target triples | built triples | build s | build peak MB (all its processes) | serve start s (embedded) | serve peak MB (server / with query processes) | serve start s (`--backend` Virtuoso; its bulk load) | `--backend` server peak MB | query s embedded | query s Virtuoso | rows | join: `asm-kg query` | join: Oxigraph in Node | load avg (before → after) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
];

function line(row: Row): string {
  const cells = [row.size.toLocaleString('en'), row.triples?.toLocaleString('en'), row.build, row.buildPeak, row.embeddedStart, row.embeddedPeak,
    row.backendStart, row.backendPeak, row.embeddedQuery, row.backendQuery, row.rows, row.joinOurs, row.joinOxigraph, row.load];
  return `| ${cells.map((c) => c ?? '').join(' | ')} |`;
}

function table(rows: Row[]): string {
  return [
    `Catalogue query: ${values.query} (uncached, warm median of 3); join: the corpus + ${Number(values['gov-triples']).toLocaleString('en')} governance triples; step time limit ${STEP_TIMEOUT_S} s.`,
    '',
    ...HEADER,
    ...rows.map(line),
    '',
  ].join('\n');
}

const load1 = (): string => loadavg()[0]!.toFixed(1);

/** Virtuoso's buffers for a corpus: 8 kB pages, about 40 per thousand triples, at least Debian's 10,000. */
function virtuosoBuffers(triples: number): number {
  return Math.max(10_000, Math.min(250_000, Math.round(triples * 0.2)));
}

async function measureSize(size: number, row: Row, show: () => void): Promise<void> {
  const root = join(WORK, `corpus-${size}`);
  const recordPath = join(root, 'build-measured.json');
  const built = (): string | undefined => {
    try { const path = join(root, 'dist', readRelease(root).version, 'asm-kg.nq'); return existsSync(path) ? path : undefined; } catch { return undefined; }
  };

  if (values.reuse && built() !== undefined) {
    const record = existsSync(recordPath) ? JSON.parse(readFileSync(recordPath, 'utf8')) as { triples: number; build: string; buildPeak: string } : undefined;
    row.triples = record?.triples;
    row.build = record ? `${record.build} (earlier run)` : 'reused';
    row.buildPeak = record?.buildPeak;
  } else if (STEPS_RUN.has('build') || built() === undefined) {
    const corpus = generateCorpus(root, size);
    process.stderr.write(`${size}: ${corpus.events} learning events, ${corpus.sourceTriples} source triples; building\n`);
    const build = await timedTree(process.execPath, [CLI, 'build', '--root', root, '--out', join(root, 'dist')]);
    row.triples = Number(/\((\d+) triples, base/.exec(build.output)?.[1] ?? NaN);
    row.build = build.timedOut ? `> ${fmt(build.seconds, 0)} (stopped)` : build.ok ? fmt(build.seconds) : 'failed';
    row.buildPeak = mb(build.peakMb);
    if (!build.ok) { process.stderr.write(`  build: ${build.output.slice(-300)}\n`); show(); return; }
    writeFileSync(recordPath, JSON.stringify({ triples: row.triples, build: row.build, buildPeak: row.buildPeak }));
  }
  show();
  const nq = built();
  if (nq === undefined) return;
  if (row.triples === undefined) row.triples = readFileSync(nq, 'utf8').split('\n').filter((l) => l !== '').length;
  const catalogueQuery = readFileSync(join(PACKAGE_ROOT, 'queries', `${values.query}.rq`), 'utf8');

  // Embedded serve: start-up and the catalogue query.
  if (STEPS_RUN.has('embedded')) {
    try {
      const server = await serve(root, ['--workers', '1', '--max-query-memory', String(HEAP_MB)]);
      row.embeddedStart = fmt(server.startSeconds);
      row.embeddedPeak = `${mb(server.peak.own)} / ${mb(server.peak.tree)}`;
      show();
      try {
        const { seconds, rows } = await queryTime(server.url, catalogueQuery);
        row.embeddedQuery = fmt(seconds, 2);
        row.rows = rows;
      } catch (error) { row.embeddedQuery = 'failed'; process.stderr.write(`  embedded query: ${(error as Error).message}\n`); } finally {
        row.embeddedPeak = `${mb(server.peak.own)} / ${mb(server.peak.tree)}`;
        await server.stop();
      }
    } catch (error) {
      const failure = error as Error & { timedOut?: boolean; seconds?: number; peak?: { own: number; tree: number } };
      row.embeddedStart = failure.timedOut ? `> ${fmt(failure.seconds, 0)}: not listening` : 'failed';
      if (failure.peak) row.embeddedPeak = `${mb(failure.peak.own)} / ${mb(failure.peak.tree)}`;
      process.stderr.write(`  embedded serve: ${failure.message}\n`);
    }
    show();
  }

  // Virtuoso: bulk-load the dump, then serve --backend in front of it.
  if (STEPS_RUN.has('backend')) {
    let virtuoso: Virtuoso | undefined;
    let loadSeconds = NaN;
    try {
      virtuoso = await startVirtuoso({ resultSetMaxRows: Math.max(1_000_000, 2 * row.triples), numberOfBuffers: virtuosoBuffers(row.triples), maxQueryExecutionSeconds: STEP_TIMEOUT_S });
      copyFileSync(nq, join(virtuoso.dir, 'asm-kg.nq'));
      const loadStarted = performance.now();
      await runIsql(virtuoso, [`ld_dir('${virtuoso.dir}', 'asm-kg.nq', 'urn:asm-kg:unused')`, 'rdf_loader_run()', 'checkpoint']);
      loadSeconds = (performance.now() - loadStarted) / 1000;
      row.backendStart = `(load ${fmt(loadSeconds)})`;
      show();
      const server = await serve(root, ['--backend', `sparql:${virtuoso.sparqlUrl}`]);
      row.backendStart = `${fmt(server.startSeconds)} (load ${fmt(loadSeconds)})`;
      row.backendPeak = mb(server.peak.own);
      show();
      try { row.backendQuery = fmt((await queryTime(server.url, catalogueQuery)).seconds, 2); } catch (error) {
        row.backendQuery = 'failed';
        process.stderr.write(`  backend query: ${(error as Error).message}\n`);
      } finally { row.backendPeak = mb(server.peak.own); await server.stop(); }
    } catch (error) {
      const failure = error as Error & { timedOut?: boolean; seconds?: number; peak?: { own: number } };
      const load = Number.isFinite(loadSeconds) ? ` (load ${fmt(loadSeconds)})` : '';
      row.backendStart = `${failure.timedOut ? `> ${fmt(failure.seconds, 0)}: not listening` : 'failed'}${load}`;
      if (failure.peak) row.backendPeak = mb(failure.peak.own);
      process.stderr.write(`  virtuoso: ${failure.message}\n`);
    } finally { await virtuoso?.stop(); }
    show();
  }

  // The --source join: asm-kg query versus Oxigraph in Node.
  if (STEPS_RUN.has('join')) {
    const joinFile = join(WORK, 'join.rq');
    // Each cell with its row count, so that the two answers can be seen to agree.
    const cell = (m: Measured, rows: number | undefined) => (m.timedOut ? `> ${fmt(m.seconds, 0)} s (stopped)` : m.ok ? `${fmt(m.seconds)} s, ${mb(m.peakMb)} MB, ${rows} rows` : 'failed');
    const ours = timed(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'query', joinFile, '--root', root, '--source', join(WORK, 'gov.nt'), '--format', 'csv', '--timeout', String(STEP_TIMEOUT_S * 1000)]);
    if (!ours.ok) process.stderr.write(`  asm-kg query: ${ours.output.slice(-300)}\n`);
    row.joinOurs = cell(ours, ours.output.split('\n').filter((l) => /^https?:/.test(l)).length);
    show();
    const oxigraph = timed(process.execPath, [`--max-old-space-size=${HEAP_MB}`, join(WORK, 'oxigraph-join.cjs'), nq, join(WORK, 'gov.nt'), joinFile]);
    if (!oxigraph.ok) process.stderr.write(`  oxigraph: ${oxigraph.output.slice(-300)}\n`);
    row.joinOxigraph = cell(oxigraph, Number(/(\d+) rows/.exec(oxigraph.output)?.[1] ?? NaN));
    show();
  }
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  governanceDataset(join(WORK, 'gov.nt'), Number(values['gov-triples']));
  writeFileSync(join(WORK, 'join.rq'), JOIN);
  writeFileSync(join(WORK, 'oxigraph-join.cjs'), OXIGRAPH_JOIN);
  const tablePath = join(WORK, 'scale-table.md');
  const rows: Row[] = [];
  for (const size of SIZES) {
    const row: Row = { size, load: `${load1()} →` };
    rows.push(row);
    const show = () => {
      process.stderr.write(`${line(row)}\n`);
      writeFileSync(tablePath, table(rows));
    };
    try {
      await measureSize(size, row, show);
    } catch (error) {
      process.stderr.write(`  ${size}: ${(error as Error).stack ?? (error as Error).message}\n`);
    }
    row.load = `${row.load} ${load1()}`;
    show();
  }
  process.stdout.write(table(rows));
}

await main();
