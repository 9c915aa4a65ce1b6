/**
 * The served evaluation of catalogue queries without HTTP or processes: an OxigraphRunner driven the way a
 * query process drives it (createEvaluator's runner, the task the server sends), in a loop, so that a CPU
 * profile (`node --cpu-prof`) shows where a query process's time goes, and the median of each query's
 * `ms` (what the server reports as Server-Timing eval) can be set beside Oxigraph writing the same answer
 * in this process. --pause-ms idles that long before each task, as a query process does between requests
 * (a sub-millisecond task then takes 2 to 4 times longer: cold caches); --gc runs a full collection
 * after each task (needs node --expose-gc).
 *
 *   npx tsx bench/served-path.ts [--runs 200] [--pause-ms 0] [--gc] [--format json|xml|csv|tsv] [name ...]
 *   node --cpu-prof --cpu-prof-dir=.scratch/perf --import tsx bench/served-path.ts --runs 2000 implied-actor-also-named-violation
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as oxigraph from 'oxigraph';
import { listCatalogue } from '../src/query/catalogue.js';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { builtGraphPath } from '../src/query/load-graph.js';
import { OxigraphEngine } from '../src/query/oxigraph-engine.js';
import { CSV, SPARQL_JSON, SPARQL_XML, TSV } from '../src/core/formats.js';
import { OxigraphRunner } from '../src/query/runners/oxigraph.js';
import { hashKey } from '../src/query/query-key.js';
import { DEFAULT_BASE } from '../src/core/iri.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '200' }, format: { type: 'string', default: 'json' }, gc: { type: 'boolean', default: false }, 'pause-ms': { type: 'string', default: '0' } } });
const RUNS = Math.max(1, Number(values.runs));
const FORMATS: Record<string, string> = { json: SPARQL_JSON, xml: SPARQL_XML, csv: CSV, tsv: TSV };
const format = FORMATS[values.format!];
if (format === undefined) throw new Error(`--format: one of ${Object.keys(FORMATS).join(', ')}`);

const nquads = readFileSync(builtGraphPath(PACKAGE_ROOT), 'utf8');
const engine = OxigraphEngine.fromNQuads(nquads);
const base = DEFAULT_BASE;
const runner = new OxigraphRunner(engine, { base, allowService: [], maxRows: 10_000 }, { comunica: () => { throw new Error('Comunica is not wanted here'); } });
await runner.warm();
const ox = new oxigraph.Store();
ox.load(nquads, { format: 'application/n-quads', lenient: true });

const catalogue = listCatalogue(PACKAGE_ROOT).filter((entry) => positionals.length === 0 || positionals.includes(entry.name));
const PAUSE_MS = Number(values['pause-ms']);
const wait = () => new Promise((resolve) => (PAUSE_MS > 0 ? setTimeout(resolve, PAUSE_MS) : setImmediate(resolve)));
const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
process.stdout.write(`| query | served evaluation (runner ms) | Oxigraph writing in this process | ratio |\n|---|--:|--:|--:|\n`);
for (const entry of catalogue) {
  const query = readFileSync(entry.path, 'utf8');
  const task = { query, key: hashKey(query), formats: { select: format, ask: format, graph: 'application/n-triples' } };
  const served: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const outcome = await runner.run(task);
    if (!outcome.ok) throw new Error(`${entry.name}: ${outcome.message}`);
    served.push(outcome.ms);
    if (values.gc) (globalThis as { gc?: () => void }).gc?.();
    // Back to the event loop between runs, as a query process is between tasks: Oxigraph's terms are freed
    // by FinalizationRegistry callbacks, which never run in a loop of microtasks (its memory then grows
    // without end and every query slows down, 30 times after a few hundred runs of proposals-against).
    await wait();
  }
  const isGraph = /\b(CONSTRUCT|DESCRIBE)\b/i.test(query.replace(/#[^\n]*/g, ''));
  const written: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 200); i++) {
    // The same pause as the runner's tasks had, so that both are timed on equally warm (or cold) caches.
    await wait();
    const started = performance.now();
    ox.query(query, { use_default_graph_as_union: true, results_format: isGraph ? 'application/n-triples' : 'application/sparql-results+json' });
    written.push(performance.now() - started);
  }
  const s = median(served);
  const w = median(written);
  process.stdout.write(`| ${entry.name} | ${s.toFixed(3)} | ${w.toFixed(3)} | ${(s / w).toFixed(1)}× |\n`);
}
