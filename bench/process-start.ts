/**
 * What a query process of `asm-kg serve` costs to start (src/serve/pool/process-start.ts): time until it says
 * 'ready', the CPU it used until then, and its RSS once idle; with --describe, also its first DESCRIBE
 * (which starts Comunica in an Oxigraph process) and its RSS after it. Runs the compiled lib/ (what
 * `asm-kg serve` runs), so compile first.
 *
 *   npx tsc -p tsconfig.json && npx tsx bench/process-start.ts --engine oxigraph --runs 3 --describe
 *   npx tsx bench/process-start.ts --engine comunica
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { rssMb } from './process-tree.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'oxigraph' }, runs: { type: 'string', default: '3' }, describe: { type: 'boolean', default: false } } });
const compiled = new URL('../lib/serve/pool/process-start.js', import.meta.url).href;
const { startQueryProcess } = await import(compiled) as typeof import('../src/serve/pool/process-start.js');
const config = { root: PACKAGE_ROOT, base: 'https://w3id.org/asm-kg/', allowService: [], maxRows: 10_000, engine: values.engine as 'oxigraph' | 'comunica' };

/** CPU milliseconds of a process so far (utime + stime from /proc, in clock ticks of 10 ms). */
const cpuMs = (pid: number) => { const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(fields[11]) + Number(fields[12])) * 10; };

for (let run = 0; run < Number(values.runs); run++) {
  const started = performance.now();
  const { child, stderr } = startQueryProcess(config, 256);
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: { type: string }) => { if (message.type === 'ready') resolve(); });
    child.once('exit', () => reject(new Error(`the query process died: ${stderr()}`)));
  });
  const ready = performance.now() - started;
  const cpu = cpuMs(child.pid!);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const line = [`${values.engine}: ready in ${ready.toFixed(0)} ms, ${cpu} ms of CPU, idle RSS ${rssMb(child.pid!).toFixed(0)} MB`];
  if (values.describe) {
    const asked = performance.now();
    await new Promise((resolve) => {
      child.once('message', resolve);
      child.send({ type: 'run', id: 1, task: { query: 'DESCRIBE <https://w3id.org/asm-kg/id/workshop/1>', key: 'describe', formats: { graph: 'text/turtle' } } });
    });
    line.push(`first DESCRIBE ${(performance.now() - asked).toFixed(0)} ms, then RSS ${rssMb(child.pid!).toFixed(0)} MB`);
  }
  process.stdout.write(`${line.join('; ')}\n`);
  child.kill('SIGKILL');
}
