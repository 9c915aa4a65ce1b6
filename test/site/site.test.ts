/**
 * The static export (src/site): the same sources give the same bytes; every page of src/pages is written
 * with its description documents beside it; links are relative and land on files of the site; the
 * catalogue pages carry the answers of test/expected/; the command line checks its options.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Parser } from 'n3';
import { createPages } from '../../src/render/pages/index.js';
import { loadGraph } from '../../src/query/load-graph.js';
import { readRelease } from '../../src/core/release.js';
import { SiteMap } from '../../src/site/paths.js';
import { ResourceIndex } from '../../src/render/resource-index.js';
import { siteFiles } from '../../src/site/build-site.js';
import { listCatalogue } from '../../src/query/catalogue.js';
import { DEFAULT_BASE } from '../../src/core/iri.js';
import { ROOT } from '../support/project.js';
import { sharedSite, type SharedSite } from '../support/shared-builds.js';
import { frozenProject } from './support.js';

const BASE = 'https://w3id.org/asm-kg/';

function listFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path); else found.push(relative(folder, path));
    }
  };
  walk(folder);
  return found;
}

describe('SiteMap: where a path is written, and relative links', () => {
  const map = new SiteMap(['/', '/id/workshop/2', '/dataset/0.2.0/distribution/asm-kg.ttl']);
  it.each([
    ['/', 'index.html'],
    ['/id/workshop/2', 'id/workshop/2.html'],
    ['/id/statement/w2-a-1.2', 'id/statement/w2-a-1.2.html'],
    ['/dataset/0.2.0', 'dataset/0.2.0.html'],
    ['/dataset/0.2.0/distribution/asm-kg.ttl', 'dataset/0.2.0/distribution/asm-kg.ttl.html'],
    ['/id/statement/', 'id/statement/index.html'],
    ['/id/workshop/2.ttl', 'id/workshop/2.ttl'],
    ['/dist/0.2.0/asm-kg.nq', 'dist/0.2.0/asm-kg.nq'],
    ['/assets/site.css', 'assets/site.css'],
    ['/version/0.2.1/id/statement/w2-a-1.2', 'version/0.2.1/id/statement/w2-a-1.2.html'],
    ['/version/0.2.1/id/statement/w2-a-1.2.ttl', 'version/0.2.1/id/statement/w2-a-1.2.ttl'],
    ['/timemap/id/statement/w2-a-1.2', 'timemap/id/statement/w2-a-1.2.txt'],
  ])('%s → %s', (path, file) => { expect(map.fileOf(path)).toBe(file); });

  it('links relative to the page, keeping query and fragment', () => {
    expect(map.href('id/workshop/2.html', '/id/statement/w2-a-1')).toBe('../statement/w2-a-1.html');
    expect(map.href('id/workshop/2.html', '/')).toBe('../../index.html');
    expect(map.href('index.html', '/search?q=mercury')).toBe('search.html?q=mercury');
    expect(map.href('id/statement/w2-a-1.html', '/ontology#Obstacle')).toBe('../../ontology.html#Obstacle');
    expect(map.href('id/workshop/2.html', '/id/workshop/2')).toBe('2.html');
    expect(map.href('id/workshop/2.html', '#sec-w2-a')).toBe('2.html#sec-w2-a');
    expect(map.href('index.html', 'https://creativecommons.org/licenses/by/4.0/')).toBe('https://creativecommons.org/licenses/by/4.0/');
  });
});

describe('asm-kg site', () => {
  let project: ReturnType<typeof frozenProject>;
  /**
   * The first build: every file of the site, by path, as buildSite() makes them before it writes them
   * (src/site/build-site.ts, siteFiles): built here in memory, not written again to disk (some 14,000 files).
   */
  let first: Map<string, Uint8Array>;
  /** The run's shared site: the second build, made by buildSite() in another process from another copy of the sources, and written. */
  let second: SharedSite;
  /** The folders of the first build, for links that name a folder. */
  let folders: Set<string>;
  const exists = (file: string): boolean => first.has(file) || folders.has(file.replace(/\/$/, ''));
  const text = (file: string): string => Buffer.from(first.get(file) ?? expect.fail(`the site has no ${file}`)).toString('utf8');

  beforeAll(async () => {
    project = frozenProject();
    const shared = sharedSite();
    // For the URL the shared site was built for, so that every byte of the two can be compared. Without the
    // engine check (Oxigraph's answers to the catalogue, some 3 s of CPU): the shared build, buildSite() with
    // its defaults, runs it; the bytes compared below show that the check changes nothing the site holds.
    first = await siteFiles(project.root, DEFAULT_BASE, inject('asmKgSharedBuilds').siteUrl, { checkEngines: false });
    folders = new Set(['.', ...[...first.keys()].flatMap((file) => file.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/')))]);
    second = await shared;
  }, 900_000);

  afterAll(() => { project?.cleanup(); }, 120_000);

  it('gives the same bytes from the same sources, and writes exactly those files', () => {
    const files = [...first.keys()].sort();
    expect(files.length).toBeGreaterThan(1000);
    expect(listFiles(second.dir).sort()).toEqual(files);
    const different = files.filter((file) => !Buffer.from(first.get(file)!).equals(readFileSync(join(second.dir, file))));
    expect(different).toEqual([]);
  });

  it('writes every page of src/pages, and each resource with its four RDF documents', async () => {
    const graph = await loadGraph({ root: project.root, sources: ['void.ttl', 'dcat.ttl'].map((f) => join(project.root, 'dist', f)) });
    const pages = createPages({ store: graph.store, base: BASE, release: readRelease(project.root), root: project.root });
    const map = new SiteMap(pages.paths());
    const missing = pages.paths().filter((path) => !exists(map.fileOf(path)));
    expect(missing).toEqual([]);
    const index = new ResourceIndex(graph.store, BASE);
    for (const path of pages.paths().filter((p) => p !== '/' && index.has(`${BASE}${p.slice(1)}`))) {
      for (const suffix of ['ttl', 'nt', 'jsonld', 'rdf']) expect(exists(`${path.slice(1)}.${suffix}`), `${path}.${suffix}`).toBe(true);
    }
    for (const file of ['index.html', '404.html', 'sparql.html', 'sw.js', 'queries/index.html', 'dist/index.html', 'w3id/.htaccess', '.nojekyll', 'assets/query-editor/query-page.js']) {
      expect(exists(file), file).toBe(true);
    }
  });

  it('runs the engine check by default: Oxigraph answered every catalogue query as the pages show them', () => {
    // The shared site is buildSite() with its defaults, as `asm-kg site` runs it; this file's own build left the check out.
    expect(second.report.enginesChecked).toBe(listCatalogue(project.root).length);
    expect(second.report.enginesChecked).toBeGreaterThan(30);
  });

  it('describes a resource as serve does, in every format', () => {
    const iri = `${BASE}id/statement/w2-a-1`;
    const turtle = new Parser().parse(text('id/statement/w2-a-1.ttl'));
    const ntriples = new Parser({ format: 'N-Triples' }).parse(text('id/statement/w2-a-1.nt'));
    const key = (q: { subject: { value: string }; predicate: { value: string }; object: { value: string } }) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`;
    expect(new Set(ntriples.map(key))).toEqual(new Set(turtle.map(key)));
    expect(turtle.some((q) => q.subject.value === iri && q.object.value === 'ASM can and should be legalised')).toBe(true);
    expect(turtle.some((q) => q.object.value === iri && q.predicate.value === `${BASE}ontology#addresses`)).toBe(true);
    expect(text('id/statement/w2-a-1.rdf')).toContain(`rdf:about="${iri}"`);
  });

  it('links every page only to files of the site (or to other hosts by absolute URL)', () => {
    const broken: string[] = [];
    for (const file of [...first.keys()].sort().filter((f) => f.endsWith('.html'))) {
      const html = text(file);
      for (const [, href] of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
        if (/^(?:[a-z]+:|#)/i.test(href!)) continue;
        const target = posix.normalize(posix.join(posix.dirname(file), href!.replace(/&amp;/g, '&').replace(/[?#].*$/, '')));
        if (!exists(target)) broken.push(`${file}: ${href}`);
      }
    }
    expect(broken.slice(0, 20)).toEqual([]);
  });

  it('shows each catalogue query with its answer computed at build time', () => {
    const expected = JSON.parse(readFileSync(join(ROOT, 'test/expected/obstacles-by-workshop.json'), 'utf8')) as { rows: unknown[] };
    const html = text('queries/obstacles-by-workshop.html');
    expect(html).toContain(`<p>${expected.rows.length} rows.</p>`);
    expect(html.match(/<tr><td>/g)).toHaveLength(expected.rows.length);
    expect(text('queries/obstacles-by-workshop.rq')).toBe(readFileSync(join(ROOT, 'queries/obstacles-by-workshop.rq'), 'utf8'));
  });

  it('writes the w3id rules for the URL given', () => {
    const rules = text('w3id/.htaccess');
    expect(rules).toContain('RewriteEngine on');
    const url = second.url;
    const things = rules.split('\n').filter((line) => line.endsWith(` ${url}$1.%{ENV:ASM_THING_SUFFIX} [R=303,L,NE]`));
    expect(things.some((line) => line.includes('|id/statement/[^/]+|'))).toBe(true);
    // A named graph goes to its content: graph/links.content.ttl.
    expect(rules).toContain(`RewriteRule ^(graph/editorial|graph/links|graph/ontology|graph/provenance|graph/statements)$ ${url}$1.content.%{ENV:ASM_GRAPH_SUFFIX} [R=303,L,NE]`);
  });
});

describe('asm-kg site on the command line', () => {
  const cli = join(ROOT, 'lib', 'cli.js');
  it('refuses a --base that is not where a site can be published', () => {
    for (const base of ['example.org/asm-kg/', 'https://example.org/asm-kg', 'ftp://example.org/']) {
      const result = spawnSync(process.execPath, [cli, 'site', '--base', base], { encoding: 'utf8' });
      expect(result.status, base).toBe(2);
      expect(result.stderr).toBe(`asm-kg: --base: "${base}" must be the absolute http(s) URL the site is published at, ending in "/"\n`);
    }
  });

  it('prints its help', () => {
    expect(execFileSync(process.execPath, [cli, 'site', '--help'], { encoding: 'utf8' })).toContain('asm-kg site [--out DIR] [--base URL]');
  });
});
