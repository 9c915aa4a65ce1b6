/**
 * The recipes of docs/recipes/ run as a researcher runs them: Python and R programs, each given a live
 * `asm-kg serve` (started here on a free loopback port) or a file of the built dist/. What each prints is
 * compared with test/support/recipes-expected.py, which reads the N-Quads dump with rdflib and walks its
 * quads: no SPARQL, no asm-kg code.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRelease } from '../src/core/release.js';
import { SiteMap } from '../src/site/paths.js';
import { DIST, RELEASE_DIR, ROOT } from './support/project.js';
import { parseCsv } from './support/sparql-results.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const RSCRIPT = '/usr/bin/Rscript';
const RECIPES = join(ROOT, 'docs/recipes');
const CLI = join(ROOT, 'lib/cli.js');
const release = readRelease(ROOT);

type Rows = string[][];
const expected = JSON.parse((await run(PYTHON, [join(ROOT, 'test/support/recipes-expected.py'), join(RELEASE_DIR, 'asm-kg.nq')], { timeout: 120_000 })).stdout) as Record<string, Rows>;

/** A recipe's printed CSV: its header and its rows, sorted (the recipes order them; the comparison does not need to). */
function table(stdout: string): { header: string[]; rows: Rows } {
  const [header, ...rows] = parseCsv(stdout.replace(/\r?\n/g, '\r\n'));
  return { header: header!, rows: rows.sort() };
}
const sorted = (rows: Rows) => [...rows].sort();

async function recipe(file: string, ...args: string[]): Promise<string> {
  const program = file.endsWith('.R') ? RSCRIPT : PYTHON;
  const { stdout } = await run(program, [join(RECIPES, file), ...args], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

let server: ChildProcess | undefined;
let endpoint = '';
beforeAll(async () => {
  server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /SPARQL endpoint +(http:\/\/127\.0\.0\.1:\d+\/sparql)/.exec(out)?.[1];
      if (url && out.includes('Ctrl-C stops.')) resolve(url);
    });
    server!.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    server!.on('exit', (code) => reject(new Error(`asm-kg serve exited with ${code} before listening:\n${out}`)));
  });
}, 180_000);
afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.on('exit', resolve));
  server.kill('SIGINT');
  await exited;
});

describe('Python recipes', () => {
  it('endpoint-to-pandas.py: statements per workshop, from the endpoint through SPARQLWrapper into pandas', async () => {
    const { header, rows } = table(await recipe('endpoint-to-pandas.py', endpoint));
    expect(header).toEqual(['workshop', 'name', 'statements']);
    expect(rows).toEqual(sorted(expected['statements-per-workshop']!));
  }, 120_000);

  it('named-graph-with-rdflib.py: the themes of the editorial graph, from the N-Quads dump', async () => {
    const { header, rows } = table(await recipe('named-graph-with-rdflib.py', join(RELEASE_DIR, 'asm-kg.nq')));
    expect(header).toEqual(['theme', 'label', 'statements']);
    expect(rows).toEqual(sorted(expected['themes-in-the-editorial-graph']!));
  }, 120_000);

  it('csv-with-pandas.py: statements per workshop and kind, from statements.csv', async () => {
    const { header, rows } = table(await recipe('csv-with-pandas.py', join(RELEASE_DIR, 'statements.csv')));
    expect(header).toEqual(['workshop', 'kind', 'statements']);
    expect(rows).toEqual(sorted(expected['statements-per-workshop-and-kind']!));
  }, 120_000);

  it('counting.py: the default graph counts each statement once; GRAPH ?g counts it per graph', async () => {
    const { header, rows } = table(await recipe('counting.py', endpoint));
    expect(header).toEqual(['how', 'statements']);
    expect(rows).toEqual(sorted(expected.counting!));
    // The two right answers are the same number, and the wrong one is larger.
    const [right, tooMany] = [Number(expected.counting![0]![1]), Number(expected.counting![1]![1])];
    expect(tooMany).toBeGreaterThan(right);
  }, 120_000);
});

describe('R recipes', () => {
  it('endpoint-with-httr.R: statements per workshop, from the endpoint through httr and jsonlite', async () => {
    const { header, rows } = table(await recipe('endpoint-with-httr.R', endpoint));
    expect(header).toEqual(['workshop', 'name', 'statements']);
    expect(rows).toEqual(sorted(expected['statements-per-workshop']!));
  }, 120_000);

  it('csv-with-read-csv.R: statements per workshop and kind, from statements.csv with read.csv', async () => {
    const { header, rows } = table(await recipe('csv-with-read-csv.R', join(RELEASE_DIR, 'statements.csv')));
    expect(header).toEqual(['workshop', 'kind', 'statements']);
    expect(rows).toEqual(sorted(expected['statements-per-workshop-and-kind']!));
  }, 120_000);
});

describe('the recipes folder', () => {
  const programs = readdirSync(RECIPES).filter((name) => /\.(py|R)$/.test(name)).sort();

  it('every recipe is run above and explained in a page of its own, listed in the index', () => {
    expect(programs).toEqual(['counting.py', 'csv-with-pandas.py', 'csv-with-read-csv.R', 'endpoint-to-pandas.py', 'endpoint-with-httr.R', 'named-graph-with-rdflib.py']);
    const index = readFileSync(join(RECIPES, 'README.md'), 'utf8');
    for (const program of programs) {
      const page = `${program.replace(/\.(py|R)$/, '')}.md`;
      expect(readFileSync(join(RECIPES, page), 'utf8'), page).toContain(`(${program})`);
      expect(index, program).toContain(`(${page})`);
    }
  });

  it('the recipes that read a file default to the current release', () => {
    for (const program of programs) {
      const text = readFileSync(join(RECIPES, program), 'utf8');
      for (const url of text.match(/https:\/\/w3id\.org\/asm-kg\/dist\/[^"\s)]+/g) ?? []) {
        expect(url, program).toMatch(new RegExp(`^https://w3id\\.org/asm-kg/dist/(packages/)?${release.version.replace(/\./g, '\\.')}/`));
        // And the file it names is one the release has.
        expect(readdirSync(join(DIST, url.slice('https://w3id.org/asm-kg/dist/'.length, url.lastIndexOf('/')))), url).toContain(url.slice(url.lastIndexOf('/') + 1));
      }
    }
  });
});

describe('the recipes on the web: serve and the static site', () => {
  const origin = () => new URL(endpoint).origin;
  const programs = () => readdirSync(RECIPES).filter((name) => /\.(py|R)$/.test(name)).sort();

  it('the home page links the recipes page, which links every program and its explanation', async () => {
    expect(await (await fetch(`${origin()}/`)).text()).toContain('<a href="/recipes">Recipes for Python and R</a>');
    const response = await fetch(`${origin()}/recipes`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    for (const program of programs()) {
      expect(html, program).toContain(`<a href="/recipes/${program}">${program}</a>`);
      const page = program.replace(/\.(py|R)$/, '.md');
      expect(html, page).toContain(`<a href="/recipes/${page}">${page}</a>`);
      // Under the title its explanation gives itself.
      expect(html).toContain(`<h2>${readFileSync(join(RECIPES, page), 'utf8').split('\n')[0]!.replace(/^# /, '')}</h2>`);
    }
  });

  it('serves each program and its explanation as the files of docs/recipes/, byte for byte', async () => {
    for (const name of programs().flatMap((p) => [p, p.replace(/\.(py|R)$/, '.md')])) {
      const response = await fetch(`${origin()}/recipes/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toMatch(name.endsWith('.md') ? /^text\/markdown/ : /^text\/plain/);
      expect(await response.text(), name).toBe(readFileSync(join(RECIPES, name), 'utf8'));
    }
    expect((await fetch(`${origin()}/recipes/nothing.py`)).status).toBe(404);
  });

  it('the static site writes the page as recipes.html and each file under recipes/ with its own name', () => {
    const map = new SiteMap(['/recipes']);
    expect(map.fileOf('/recipes')).toBe('recipes.html');
    for (const program of programs()) expect(map.fileOf(`/recipes/${program}`)).toBe(`recipes/${program}`);
    expect(map.href('index.html', '/recipes/counting.py')).toBe('recipes/counting.py');
  });
});
