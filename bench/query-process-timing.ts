/**
 * The served evaluation of catalogue queries in a real query process, without HTTP: the compiled
 * lib/serve/pool/query-process.js forked with the flags the pool gives it (process-start.ts), sent one task at a
 * time over IPC with a pause between tasks as a served request has (the HTTP round trip), and each task's
 * `ms` read back (what the server reports as `Server-Timing: eval`). With --profile the query process runs
 * under `--cpu-prof`, its profile written to .scratch/perf/ when it exits; QP_FLAGS adds Node flags to the
 * query process (e.g. QP_FLAGS=--trace-gc). Compile first: `npx tsc -p tsconfig.json`.
 *
 *   npx tsx bench/query-process-timing.ts [--runs 5] [--warm 2] [--rounds 1] [--pause-ms 3] [--format json] [--profile] [name ...]
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BASE } from '../src/core/iri.js';
import { listCatalogue } from '../src/query/catalogue.js';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { CSV, SPARQL_JSON, SPARQL_XML, TSV } from '../src/core/formats.js';
import { WASM_PAGES_PER_MB } from '../src/serve/pool/process-start.js';
import { CONFIG_VARIABLE, type FromProcess, type ToProcess } from '../src/serve/pool/process-protocol.js';
import { hashKey } from '../src/query/query-key.js';
import type { TaskOutcome } from '../src/query/runners/types.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '5' }, warm: { type: 'string', default: '2' }, rounds: { type: 'string', default: '1' },
    'pause-ms': { type: 'string', default: '3' }, format: { type: 'string', default: 'json' }, profile: { type: 'boolean', default: false },
  },
});
const FORMATS: Record<string, string> = { json: SPARQL_JSON, xml: SPARQL_XML, csv: CSV, tsv: TSV };
const format = FORMATS[values.format!];
if (format === undefined) throw new Error(`--format: one of ${Object.keys(FORMATS).join(', ')}`);
const RUNS = Number(values.runs);
const WARM = Number(values.warm);
const PAUSE = Number(values['pause-ms']);
const HEAP_MB = 256;

const config = { root: PACKAGE_ROOT, base: DEFAULT_BASE, allowService: [], maxRows: 10_000 };
const execArgv = [`--max-old-space-size=${HEAP_MB}`, `--wasm-max-mem-pages=${HEAP_MB * WASM_PAGES_PER_MB}`, '--max-semi-space-size=4', '--expose-gc'];
if (process.env.QP_FLAGS) execArgv.push(...process.env.QP_FLAGS.split(' '));
if (values.profile) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(PACKAGE_ROOT, '.scratch/perf')}`, '--cpu-prof-interval=100');
const child = fork(join(PACKAGE_ROOT, 'lib/serve/pool/query-process.js'), [], {
  execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, [CONFIG_VARIABLE]: JSON.stringify(config) },
});
const pending = new Map<number, (outcome: TaskOutcome) => void>();
let ready: () => void;
const isReady = new Promise<void>((resolve) => { ready = resolve; });
child.on('message', (message: FromProcess) => {
  if (message.type === 'ready') ready();
  else pending.get(message.id)?.(message.outcome);
});
await isReady;
let id = 0;
function run(query: string): Promise<TaskOutcome> {
  const message: ToProcess = { type: 'run', id: ++id, task: { query, key: hashKey(query), formats: { select: format, ask: format, graph: 'application/n-triples' } } };
  return new Promise((resolve) => { pending.set(message.id, resolve); child.send(message); });
}
const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE));

const catalogue = listCatalogue(PACKAGE_ROOT).filter((entry) => positionals.length === 0 || positionals.includes(entry.name)).map((entry) => ({ name: entry.name, query: readFileSync(entry.path, 'utf8') }));
const samples = new Map<string, number[]>();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const { name, query } of catalogue) {
    for (let i = 0; i < WARM + RUNS; i++) {
      const outcome = await run(query);
      if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
      if (i >= WARM) samples.set(name, [...(samples.get(name) ?? []), outcome.ms]);
      await pause();
    }
  }
}
const exited = new Promise((resolve) => child.once('exit', resolve));
child.disconnect();
await exited;
process.stdout.write(`| query | served evaluation, median (ms) | 10th percentile |\n|---|--:|--:|\n`);
for (const [name, list] of samples) {
  list.sort((a, b) => a - b);
  process.stdout.write(`| ${name} | ${list[Math.floor(list.length / 2)]!.toFixed(3)} | ${list[Math.floor(list.length / 10)]!.toFixed(3)} |\n`);
}
