/**
 * The scale bench (issue 12): at about 10k, 100k and 1M triples of synthetic corpora in our model
 * (bench/generate-corpus.ts), measures
 *   - `asm-kg build`: wall time and peak resident memory (targets at 1M triples: < 60 s, < 2 GB);
 *   - `asm-kg serve`: time from start to listening (embedded: the server and one query process load the
 *     dump), and with `--backend` in front of Virtuoso 7 (start-up reads the graphs into the pages' snapshot);
 *   - one catalogue query over /sparql, uncached (--no-cache), warm (the median of 3 runs after one),
 *     embedded (Comunica in a query process) versus Virtuoso through `--backend`;
 *   - the `--source` join of the issue: `asm-kg query` over the corpus and a 500,000-triple governance
 *     dataset, a GROUP BY over both, versus the same query in Oxigraph (the npm package) in Node.
 * Every step runs in its own process, timed with /usr/bin/time (wall clock, peak RSS). Prints a markdown
 * table. Times depend on the machine and its load: say what else ran when quoting them.
 *
 *   npm run bench:scale                                  # 10k, 100k and 1M
 *   npx tsx bench/scale.ts --sizes 10000,100000 --query theme-consensus
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/query/load-graph.js';
import { readRelease } from '../src/release.js';
import { runIsql, startVirtuoso, type Virtuoso } from '../test/support/virtuoso.js';
import { generateCorpus } from './generate-corpus.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    query: { type: 'string', default: 'obstacles-by-workshop' },
    'gov-triples': { type: 'string', default: '500000' },
    work: { type: 'string', default: join(tmpdir(), 'asm-kg-scale') },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const CLI = join(PACKAGE_ROOT, 'lib/cli.js');
const WORK = values.work;
/** Heap for the processes that hold a large graph (the build, the query processes, the join). */
const HEAP_MB = 8000;

interface Measured { seconds: number; peakMb: number; ok: boolean; output: string }

/** Runs a command under /usr/bin/time: wall seconds and peak RSS of the process (not its children). */
function timed(command: string, args: string[], timeoutSeconds = 1800): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutSeconds * 1000 });
  const lines = (result.stderr ?? '').trim().split('\n');
  const [seconds, kb] = (lines.at(-1) ?? '').split(' ').map(Number);
  return { seconds: seconds ?? NaN, peakMb: (kb ?? NaN) / 1024, ok: result.status === 0, output: `${result.stdout ?? ''}${lines.slice(0, -1).join('\n')}` };
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

interface Server { url: string; startSeconds: number; stop(): Promise<void> }

/** Starts `asm-kg serve` on a free port; resolves when it prints that it listens. */
function serve(root: string, extra: string[]): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'serve', '--root', root, '--port', '0', '--no-cache', '--timeout', '600000', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const stop = () => new Promise<void>((done) => { if (child.exitCode !== null) done(); else { child.once('exit', () => done()); child.kill('SIGINT'); } });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?)\/? /.exec(output);
      if (match) resolve({ url: match[1]!, startSeconds: (performance.now() - started) / 1000, stop });
    });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${output.slice(-500)}`)));
  });
}

/** Median seconds of 3 warm runs (after one) of a catalogue query over /sparql. */
async function queryTime(url: string, query: string): Promise<{ seconds: number; rows: string }> {
  const run = async () => {
    const started = performance.now();
    const response = await fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'text/csv' }, body: query, signal: AbortSignal.timeout(900_000) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status}: ${text.slice(0, 200)}`);
    return { seconds: (performance.now() - started) / 1000, rows: response.headers.get('x-result-rows') ?? '?' };
  };
  await run();
  const runs = [await run(), await run(), await run()].sort((a, b) => a.seconds - b.seconds);
  return runs[1]!;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const gov = join(WORK, 'gov.nt');
  governanceDataset(gov, Number(values['gov-triples']));
  const joinFile = join(WORK, 'join.rq');
  writeFileSync(joinFile, JOIN);
  const oxigraphScript = join(WORK, 'oxigraph-join.cjs');
  writeFileSync(oxigraphScript, OXIGRAPH_JOIN);
  const catalogueQuery = readFileSync(join(PACKAGE_ROOT, 'queries', `${values.query}.rq`), 'utf8');

  const rows: string[] = [];
  for (const size of SIZES) {
    const root = join(WORK, `corpus-${size}`);
    const corpus = generateCorpus(root, size);
    const build = timed(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'build', '--root', root, '--out', join(root, 'dist')]);
    const triples = Number(/\((\d+) triples, base/.exec(build.output)?.[1] ?? NaN);
    process.stderr.write(`${size}: ${corpus.events} events, ${triples} triples, build ${fmt(build.seconds)} s ${fmt(build.peakMb, 0)} MB ${build.ok ? '' : `FAILED ${build.output.slice(-300)}`}\n`);
    if (!build.ok) { rows.push(`| ${size} | ${triples} | failed | ${fmt(build.peakMb, 0)} | | | | | | | |`); continue; }
    const nq = join(root, 'dist', readRelease(root).version, 'asm-kg.nq');

    // Embedded serve: start-up and the catalogue query.
    let embeddedStart = NaN;
    let embeddedQuery = NaN;
    let resultRows = '?';
    try {
      const server = await serve(root, ['--workers', '1', '--max-query-memory', String(HEAP_MB)]);
      embeddedStart = server.startSeconds;
      try { ({ seconds: embeddedQuery, rows: resultRows } = await queryTime(server.url, catalogueQuery)); } finally { await server.stop(); }
    } catch (error) { process.stderr.write(`  embedded serve: ${(error as Error).message}\n`); }

    // Virtuoso: bulk-load the dump, then serve --backend in front of it.
    let loadSeconds = NaN;
    let backendStart = NaN;
    let backendQuery = NaN;
    let virtuoso: Virtuoso | undefined;
    try {
      virtuoso = await startVirtuoso();
      copyFileSync(nq, join(virtuoso.dir, 'asm-kg.nq'));
      const loadStarted = performance.now();
      await runIsql(virtuoso, [`ld_dir('${virtuoso.dir}', 'asm-kg.nq', 'urn:asm-kg:unused')`, 'rdf_loader_run()', 'checkpoint']);
      loadSeconds = (performance.now() - loadStarted) / 1000;
      const server = await serve(root, ['--backend', `sparql:${virtuoso.sparqlUrl}`]);
      backendStart = server.startSeconds;
      try { backendQuery = (await queryTime(server.url, catalogueQuery)).seconds; } finally { await server.stop(); }
    } catch (error) {
      process.stderr.write(`  virtuoso: ${(error as Error).message}\n`);
    } finally { await virtuoso?.stop(); }

    // The --source join: asm-kg query versus Oxigraph in Node.
    const ours = timed(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'query', joinFile, '--root', root, '--source', gov, '--format', 'csv', '--timeout', '1800000']);
    const oxigraph = timed(process.execPath, [`--max-old-space-size=${HEAP_MB}`, oxigraphScript, nq, gov, joinFile]);
    if (!ours.ok) process.stderr.write(`  asm-kg query: ${ours.output.slice(-300)}\n`);
    if (!oxigraph.ok) process.stderr.write(`  oxigraph: ${oxigraph.output.slice(-300)}\n`);

    rows.push(`| ${size.toLocaleString('en')} | ${triples.toLocaleString('en')} | ${fmt(build.seconds)} | ${fmt(build.peakMb, 0)} | ${fmt(embeddedStart)} | ${fmt(backendStart)} (load ${fmt(loadSeconds)}) | ${fmt(embeddedQuery, 2)} | ${fmt(backendQuery, 2)} | ${resultRows} | ${ours.ok ? `${fmt(ours.seconds)} s, ${fmt(ours.peakMb, 0)} MB` : 'failed'} | ${oxigraph.ok ? `${fmt(oxigraph.seconds)} s, ${fmt(oxigraph.peakMb, 0)} MB` : 'failed'} |`);
    process.stderr.write(`${rows.at(-1)}\n`);
  }
  process.stdout.write([
    `Catalogue query: ${values.query} (uncached, warm median of 3); join: the corpus + ${Number(values['gov-triples']).toLocaleString('en')} governance triples.`,
    '',
    '| target triples | built triples | build s | build peak MB | serve start s (embedded) | serve start s (--backend Virtuoso) | query s embedded | query s Virtuoso | rows | join: asm-kg query | join: Oxigraph in Node |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows,
    '',
  ].join('\n'));
}

await main();
