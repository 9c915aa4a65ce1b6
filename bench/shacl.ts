/**
 * Compares the two well-kept JS SHACL engines on our data and shapes: shacl-engine (used by the build)
 * and rdf-validate-shacl. Prints a table: median time over several runs, result count, and whether both
 * find the same violations on a broken copy of the graph.
 *
 *   npm run bench:shacl
 */
import { DataFactory, Parser, Store, type Quad } from 'n3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SHACLValidator from 'rdf-validate-shacl';
import Validator from 'shacl-engine/Validator.js';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.js';
import { addSuperclassTypes } from '../src/rdf/entail.js';
import { loadShapes, loadSources } from '../src/rdf/load.js';

const RUNS = 7;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { quads } = loadSources(PROJECT_ROOT);
const shapes = loadShapes(PROJECT_ROOT);
const fixture = new Parser().parse(readFileSync(join(PROJECT_ROOT, 'test/fixtures/shacl/two-kinds/input.ttl'), 'utf8'));
const broken = addSuperclassTypes([...quads, ...fixture]);

async function withShaclEngine(data: Quad[]): Promise<string[]> {
  const validator = new Validator(new Store(shapes), { factory: DataFactory });
  const report = await validator.validate({ dataset: new Store(data) });
  return (report.results as Array<{ focusNode: { term: { value: string } } }>).map((r) => r.focusNode.term.value).sort();
}

async function withRdfValidateShacl(data: Quad[]): Promise<string[]> {
  const validator = new SHACLValidator(new Store(shapes) as never);
  const report = await validator.validate(new Store(data) as never);
  return report.results.map((r) => r.focusNode!.value).sort();
}

const rows: string[][] = [];
for (const [name, run] of [['shacl-engine', withShaclEngine], ['rdf-validate-shacl', withRdfValidateShacl]] as const) {
  const times: number[] = [];
  let results: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    results = await run(quads);
    times.push(performance.now() - start);
  }
  const onBroken = await run(broken);
  const flagged = onBroken.filter((focus) => focus.endsWith('/statement/broken')).length;
  rows.push([name, `${median(times).toFixed(0)} ms`, String(results.length), `${flagged} result(s) on st:broken`]);
}
const headers = ['engine', `median of ${RUNS} (${quads.length} quads)`, 'results on our data', 'two-kinds fixture'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
