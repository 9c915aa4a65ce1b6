/**
 * Whole-process time to answer a query from the command line, the way a user waits for it: three catalogue
 * queries and one ad-hoc query, each run by `node lib/cli.js query` (Comunica lite over the N-Quads dump),
 * by comunica-sparql-file over the Turtle dump, and by Python rdflib over the Turtle dump when it is
 * installed. Runs are interleaved round by round so that a busy machine slows every tool alike; the
 * table gives the median and, in the last column, our time as a fraction of comunica-sparql-file's.
 *
 *   npm run bench:query                # compiles, then 5 rounds
 *   npx tsx bench/query.ts --runs 9
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { listCatalogue } from '../src/query/catalogue.js';
import { releasePath } from '../src/core/release.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(values.runs));
const ROOT = PACKAGE_ROOT;
const CLI = join(ROOT, 'lib/cli.js');
const TURTLE = releasePath(ROOT, 'asm-kg.ttl');
const COMUNICA_FILE = join(ROOT, 'node_modules/.bin/comunica-sparql-file');
const PYTHON = '/usr/bin/python3';

/** Catalogue queries without parameters (the other tools cannot bind them), these first when present. */
const PREFERRED = ['obstacles-by-workshop', 'remedies-for-obstacles', 'theme-consensus'];

const AD_HOC = `PREFIX asm: <https://w3id.org/asm-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# Obstacles raised by each workshop, with their themes (the README's first query)
SELECT ?workshop ?text (GROUP_CONCAT(?theme; separator=", ") AS ?themes) WHERE {
  ?o a asm:Obstacle ; asm:text ?text ; asm:raisedIn/rdfs:label ?workshop ; asm:position ?pos .
  OPTIONAL { ?o asm:theme/skos:prefLabel ?theme }
} GROUP BY ?workshop ?text ?pos ORDER BY ?pos
`;

/** The same queries written out when the catalogue is empty, so that the bench still runs. */
const FALLBACK: Record<string, string> = {
  'all-obstacles': 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nSELECT ?o ?text WHERE { ?o a asm:Obstacle ; asm:text ?text } ORDER BY ?o\n',
  'remedies-per-obstacle': 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nSELECT ?o (COUNT(?r) AS ?n) WHERE { ?o a asm:Obstacle . OPTIONAL { ?r asm:addresses ?o } } GROUP BY ?o ORDER BY ?o\n',
  'themes-by-kind': 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nSELECT ?kind ?theme (COUNT(?s) AS ?n) WHERE { ?s a ?kind ; asm:theme ?theme . FILTER (?kind IN (asm:Issue, asm:Obstacle, asm:Opportunity, asm:SpecificStep)) } GROUP BY ?kind ?theme ORDER BY ?kind ?theme\n',
};

interface BenchQuery {
  label: string;
  /** What `asm-kg query` is given: a catalogue name or a file. */
  target: string;
  file: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-bench-'));
const queries = pickQueries();

interface Tool {
  name: string;
  available: string | true;
  command: (q: BenchQuery) => [string, string[]];
  /** Number of solutions in the tool's output, to check that every tool answered the same. */
  count: (stdout: string) => number;
}

const countJson = (stdout: string): number => {
  const parsed = JSON.parse(stdout) as { results?: { bindings: unknown[] }; boolean?: boolean };
  return parsed.results?.bindings.length ?? (parsed.boolean === undefined ? NaN : 1);
};

const PYTHON_SCRIPT = `
import sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="turtle")
result = g.query(open(sys.argv[2], encoding="utf-8").read())
sys.stdout.write(result.serialize(format="json").decode("utf-8"))
`;

const tools: Tool[] = [
  {
    name: 'asm-kg query',
    available: existsSync(CLI) || 'run `npx tsc -p tsconfig.json` first',
    command: (q) => [process.execPath, [CLI, 'query', q.target, '--format', 'json']],
    count: countJson,
  },
  {
    name: 'comunica-sparql-file',
    available: existsSync(COMUNICA_FILE) || 'not installed (npm install)',
    command: (q) => [process.execPath, [COMUNICA_FILE, TURTLE, '-f', q.file, '-t', 'application/sparql-results+json']],
    count: countJson,
  },
  {
    name: 'Python rdflib',
    available: spawnSync(PYTHON, ['-c', 'import rdflib'], { encoding: 'utf8' }).status === 0 || `${PYTHON} with rdflib not found: skipped`,
    command: (q) => [PYTHON, ['-c', PYTHON_SCRIPT, TURTLE, q.file]],
    count: countJson,
  },
];

const active = tools.filter((t) => t.available === true);
const times = new Map<string, number[]>();
const counts = new Map<string, number>();
const failures = new Map<string, string>();
for (let round = 0; round < RUNS; round++) {
  for (const q of queries) {
    for (const tool of active) {
      const [command, args] = tool.command(q);
      const started = performance.now();
      const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const elapsed = performance.now() - started;
      const key = `${tool.name}\u0000${q.label}`;
      if (result.status !== 0) {
        // A tool that cannot answer a query gets "failed" in its cell and its last error line below.
        const lines = result.stderr.trim().split('\n');
        failures.set(key, lines[lines.length - 1]!.slice(0, 160));
        continue;
      }
      times.set(key, [...(times.get(key) ?? []), elapsed]);
      if (round === 0) counts.set(key, tool.count(result.stdout));
    }
  }
}
rmSync(scratch, { recursive: true, force: true });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number | undefined): string => (x === undefined ? 'n/a' : `${Math.round(x)} ms`);
const headers = ['query', 'rows', ...tools.map((t) => t.name), 'asm-kg / comunica-sparql-file'];
const rows = queries.map((q) => {
  const key = (tool: Tool): string => `${tool.name}\u0000${q.label}`;
  const med = (tool: Tool): number | undefined => {
    const measured = times.get(key(tool));
    return tool.available === true && measured !== undefined && !failures.has(key(tool)) ? median(measured) : undefined;
  };
  const answered = active.filter((t) => counts.has(key(t)));
  const answers = new Set(answered.map((t) => counts.get(key(t))));
  const rowCount = answers.size === 1 ? String([...answers][0]) : answered.map((t) => `${t.name}: ${counts.get(key(t))}`).join(', ');
  const ours = med(tools[0]!);
  const theirs = med(tools[1]!);
  const cell = (tool: Tool): string => (failures.has(key(tool)) ? 'failed' : tool.available === true ? ms(med(tool)) : 'n/a');
  return [q.label, rowCount, ...tools.map(cell), ours !== undefined && theirs !== undefined ? `${(ours / theirs).toFixed(2)}×` : 'n/a'];
});
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`Whole-process wall time, median of ${RUNS} interleaved runs; Node ${process.version}; ${queries.length} queries.\n`);
console.log([line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
for (const tool of tools) if (tool.available !== true) console.log(`\n${tool.name}: ${tool.available}`);
for (const [key, error] of failures) console.log(`\n${key.replace('\u0000', ' failed on ')}: ${error}`);

function pickQueries(): BenchQuery[] {
  const catalogue = listCatalogue(ROOT).filter((e) => e.parameters.length === 0 && !e.name.endsWith('-violation'));
  const names = [...PREFERRED.filter((n) => catalogue.some((e) => e.name === n)), ...catalogue.map((e) => e.name)];
  const picked: BenchQuery[] = [...new Set(names)].slice(0, 3).map((name) => ({
    label: name, target: name, file: catalogue.find((e) => e.name === name)!.path,
  }));
  for (const [name, text] of Object.entries(FALLBACK).slice(0, 3 - picked.length)) picked.push(adHoc(`${name} (ad hoc)`, name, text));
  picked.push(adHoc('ad hoc: obstacles with themes', 'obstacles-with-themes', AD_HOC));
  return picked;
}

function adHoc(label: string, name: string, text: string): BenchQuery {
  const file = join(scratch, `${name}.rq`);
  writeFileSync(file, text);
  return { label, target: file, file };
}
