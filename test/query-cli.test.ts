/**
 * The `query` and `queries` commands, run as a user runs them: the compiled lib/cli.js in a child process
 * (stdout is then a pipe, so the default format is TSV), once for each exit code and for stdin, stdout and
 * stderr. The tests of answers, formats and options that load the graph run the same command in-process
 * (test/support/query-command.ts): a child process would add only its start, a second or two of CPU each.
 * Expected values are read from data/ and queries/.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { listCatalogue } from '../src/query/catalogue.js';
import { QUERY_HELP } from '../src/cli/query.js';
import { ROOT } from './support/project.js';
import { runQueryInProcess } from './support/query-command.js';
import { parseCsv, parseJsonResults, parseTsvResults } from './support/sparql-results.js';

const CLI = join(ROOT, 'lib/cli.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input, timeout: 60_000 });
const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-query-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ASM = 'https://w3id.org/asm-kg/ontology#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** The obstacles the statement files type asm:Obstacle, read with N3.js (not with the query engine). */
function obstaclesInData(): string[] {
  const folder = join(ROOT, 'data/statements');
  return readdirSync(folder).filter((f) => f.endsWith('.ttl')).flatMap((file) =>
    new Parser().parse(readFileSync(join(folder, file), 'utf8'))
      .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${ASM}Obstacle`)
      .map((q) => q.subject.value)).sort();
}

describe('asm-kg queries', () => {
  it('lists every catalogue query with its title', () => {
    const result = run(['queries']);
    expect(result.status).toBe(0);
    for (const entry of listCatalogue()) expect(result.stdout).toMatch(new RegExp(`\\n  ${entry.name} +${entry.title!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  });
});

describe('asm-kg query', () => {
  it('runs a catalogue query by name, as TSV when stdout is not a terminal', () => {
    const result = run(['query', 'obstacles-by-workshop']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const parsed = parseTsvResults(result.stdout);
    expect(parsed.variables).toEqual(['workshop', 'position', 'obstacle', 'text']);
    expect(parsed.rows.map((r) => r.obstacle!.value).sort()).toEqual(obstaclesInData());
  });

  it.each([['json'], ['csv']])('prints --format %s', async (format) => {
    const result = await runQueryInProcess(['obstacles-by-workshop', '--format', format]);
    expect(result.status).toBe(0);
    const obstacles = format === 'json'
      ? (parseJsonResults(result.stdout) as { rows: Array<Record<string, { value: string }>> }).rows.map((r) => r.obstacle!.value)
      : parseCsv(result.stdout).slice(1).map((record) => record[2]!);
    expect(obstacles.sort()).toEqual(obstaclesInData());
  });

  it('writes --output atomically, in the format its extension names', async () => {
    const file = join(scratch, 'obstacles.json');
    const result = await runQueryInProcess(['obstacles-by-workshop', '--output', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Wrote ${obstaclesInData().length} rows to ${file} (json).\n`);
    expect((parseJsonResults(readFileSync(file, 'utf8')) as { rows: unknown[] }).rows).toHaveLength(obstaclesInData().length);
    expect(readdirSync(scratch)).toEqual(['obstacles.json']);
  });

  it('binds --param values as RDF terms', async () => {
    const result = await runQueryInProcess(['theme-statements', '--param', 'theme=theme:child-labour']);
    expect(result.status).toBe(0);
    const rows = parseTsvResults(result.stdout).rows;
    // data/editorial/statement-themes.ttl gives theme:child-labour to these three statements.
    expect(rows.map((r) => r.statement!.value.replace('https://w3id.org/asm-kg/id/statement/', '')).sort())
      .toEqual(['w1-a-miners-1', 'w1-b-12', 'w1-b-2']);
    expect(new Set(rows.map((r) => r.theme!.value))).toEqual(new Set(['https://w3id.org/asm-kg/id/theme/child-labour']));
  });

  it('refuses a plain word where the header asks for an IRI', () => {
    const result = run(['query', 'theme-statements', '--param', 'theme=child-labour']);
    expect(result.status).toBe(2);
    const declared = listCatalogue().find((e) => e.name === 'theme-statements')!.parameters[0]!;
    expect(result.stderr).toBe(`asm-kg: parameter theme: theme-statements needs an IRI (${declared.type}), written <…> or as a prefixed name; "child-labour" is not one\n`);
  });

  it('names the catalogue when the name is unknown, exit code 2', () => {
    const result = run(['query', 'obstacle-by-workshop']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`asm-kg: no query "obstacle-by-workshop" in the catalogue; the catalogue has: ${listCatalogue().map((e) => e.name).join(', ')}\n`);
  });

  it('says why a query file cannot be read, and names an --output it cannot write, exit code 2', async () => {
    const folder = run(['query', 'queries/']);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toBe('asm-kg: cannot read the query file queries/ (EISDIR)\n');
    const own = mkdtempSync(join(scratch, 'blocked-'));
    const blocked = join(own, 'a-file');
    writeFileSync(blocked, '');
    const output = await runQueryInProcess(['obstacles-by-workshop', '--output', join(blocked, 'answer.csv')]);
    expect(output.status).toBe(2);
    expect(output.stderr).toBe(`asm-kg: --output ${join(blocked, 'answer.csv')}: cannot write it: EEXIST: file already exists, mkdir '${blocked}'\n`);
    expect(readdirSync(own)).toEqual(['a-file']);
  });

  it('reports a syntax error with the file, line and column, exit code 1', async () => {
    const file = 'test/fixtures/query/errors/object-list/query.rq';
    const result = await runQueryInProcess([file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`asm-kg: ${readFileSync(join(ROOT, 'test/fixtures/query/errors/object-list/error.txt'), 'utf8')}`);
  });

  it('stops a query at --timeout and exits 1, even one that aggregates a cross product', () => {
    const started = performance.now();
    const result = run(['query', '-', '--timeout', '200'], 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('asm-kg: <stdin>: timed out after 200 ms; the query was stopped\n');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('joins the graph with a --source file', async () => {
    const result = await runQueryInProcess(['test/fixtures/query/join-second-source.rq', '--source', 'test/fixtures/query/second-source.ttl', '--format', 'csv']);
    expect(result.status).toBe(0);
    // Labels from data/editorial/stakeholders.ttl, counts from the fixture.
    expect(parseCsv(result.stdout)).toEqual([
      ['stakeholder', 'label', 'respondents'],
      ['https://w3id.org/asm-kg/id/stakeholder/government', 'government', '12'],
      ['https://w3id.org/asm-kg/id/stakeholder/civil-society', 'civil society', '7'],
      ['https://w3id.org/asm-kg/id/stakeholder/ngos', 'non-government organizations', '3'],
    ]);
  });

  it('queries only the --source files with --no-default, reading the query from stdin', async () => {
    const result = await runQueryInProcess(['-', '--no-default', '--source', 'test/fixtures/query/second-source.ttl'], 'SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('?triples\n4\n');
  });

  it('prints a CONSTRUCT as Turtle, and refuses a solution format for it', async () => {
    const construct = 'PREFIX stk: <https://w3id.org/asm-kg/id/stakeholder/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> CONSTRUCT { stk:ngos skos:prefLabel ?l } WHERE { stk:ngos skos:prefLabel ?l }';
    const turtle = await runQueryInProcess(['-'], construct);
    expect(turtle.status).toBe(0);
    expect(turtle.stdout).toBe('@prefix skos: <http://www.w3.org/2004/02/skos/core#>.\n@prefix stk: <https://w3id.org/asm-kg/id/stakeholder/>.\n\nstk:ngos skos:prefLabel "non-government organizations"@en .\n');
    const csv = await runQueryInProcess(['-', '--format', 'csv'], construct);
    expect(csv.status).toBe(2);
    expect(csv.stderr).toBe('asm-kg: a CONSTRUCT or DESCRIBE gives a graph: choose --format turtle, ntriples, jsonld, not csv\n');
  });

  it.each([
    [['--format', 'yaml'], 'asm-kg: --format yaml: choose one of table, csv, tsv, json, xml, turtle, ntriples, jsonld\n'],
    [['--timeout', 'soon'], 'asm-kg: --timeout soon: give a whole number of milliseconds\n'],
    [['--param', 'theme'], 'asm-kg: --param "theme": write NAME=VALUE\n'],
    [['--no-default'], 'asm-kg: --no-default needs at least one --source\n'],
    [['--source', 'missing.ttl'], 'asm-kg: missing.ttl: no such file\n'],
  ])('rejects %j with a message', async (args, message) => {
    // In-process: the exit codes and stderr of a process are the tests' above (2: a plain word, an unknown name).
    const result = await runQueryInProcess(['obstacles-by-workshop', ...args]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(message);
    expect(result.status).toBe(message.includes('no such file') ? 1 : 2);
  });

  it('explains itself with --help, and the main help lists the commands', () => {
    expect(run(['query', '--help']).stdout).toBe(QUERY_HELP);
    const help = run(['--help']).stdout;
    expect(help).toContain('asm-kg query NAME | FILE.rq | -');
    expect(help).toContain('asm-kg queries');
  });
});
