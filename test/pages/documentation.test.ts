/**
 * The documentation (/docs): the home page links it; it lists every guide of docs/ and every decision record
 * of docs/decisions/ under its own title; each has a page (/docs/serving) with its Markdown as HTML, whose
 * headings carry GitHub's ids and whose links to other documents lead to their pages and sections; and each
 * is served beside it as its Markdown file, byte for byte. The static site writes the list as docs.html, the
 * pages as docs/<name>.html and each file under docs/ with its own name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { SiteMap } from '../../src/site/paths.js';
import { headingIds } from '../support/heading-ids.js';
import type { TestServer } from '../fixtures/serve/server.js';
import { sharedServer } from '../fixtures/serve/shared-server.js';
import { loadPages, LINKS, render, ROOT } from './support.js';

const markdown = (folder: string) => readdirSync(join(ROOT, 'docs', folder)).filter((n) => n.endsWith('.md') && n !== 'README.md').sort();
const titleOf = (file: string) => readFileSync(join(ROOT, 'docs', file), 'utf8').split('\n')[0]!.replace(/^# /, '').replace(/`/g, '');
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('the documentation page', () => {
  it('is linked from the home page', async () => {
    expect((await render('/')).html).toContain('<a href="/docs">Documentation</a>');
  });

  it('links every guide of docs/ and every decision record, each under the title it gives itself', async () => {
    const page = await render('/docs');
    expect(page.status).toBe(200);
    expect(page.title).toBe('Documentation');
    const files = [...markdown(''), ...markdown('decisions').map((n) => `decisions/${n}`)];
    expect(files).toContain('serving.md');
    expect(files).toContain('decisions/0002-no-address-space-limit.md');
    for (const file of files) expect(page.html, file).toContain(`<a href="/docs/${file.replace(/\.md$/, '')}">${escape(titleOf(file))}</a>`);
  });

  it('serves each document as its Markdown file, byte for byte, and lists it among the pages to export', async () => {
    const { pages } = await loadPages();
    const assets = new Map(pages.assets().map((a) => [a.path, a]));
    for (const file of [...markdown(''), ...markdown('decisions').map((n) => `decisions/${n}`)]) {
      const asset = assets.get(`/docs/${file}`);
      expect(asset?.mediaType, file).toBe('text/markdown');
      expect(asset?.body, file).toBe(readFileSync(join(ROOT, 'docs', file), 'utf8'));
    }
    expect(pages.paths()).toContain('/docs');
    expect(pages.render('/docs/nothing.md', new URLSearchParams(), LINKS)).toBeUndefined();
  });

  it('gives each document a page: its headings with the ids GitHub gives them, its links to other documents to their pages and sections', async () => {
    const { pages } = await loadPages();
    const files = [...markdown(''), ...markdown('decisions').map((n) => `decisions/${n}`)];
    const rendered = new Map(files.map((file) => [`/docs/${file.replace(/\.md$/, '')}`, pages.render(`/docs/${file.replace(/\.md$/, '')}`, new URLSearchParams(), LINKS)]));
    const idsOf = (html: string) => new Set([...html.matchAll(/<h[1-6] id="([^"]*)"/g)].map((m) => m[1]!));
    let crossLinks = 0;
    for (const file of files) {
      const path = `/docs/${file.replace(/\.md$/, '')}`;
      const page = rendered.get(path);
      expect(page?.status ?? 200, file).toBe(200);
      expect(page?.title, file).toBe(titleOf(file).replace(/\*/g, ''));
      expect(pages.paths(), file).toContain(path);
      // The pages' Content-Security-Policy allows no inline style or script.
      expect(page!.html, file).not.toMatch(/ style=|<script(?![^>]* src=)/);
      // Two readings of the same Markdown: the line-based one of the link check, and markdown-it's.
      expect(idsOf(page!.html), file).toEqual(headingIds(readFileSync(join(ROOT, 'docs', file), 'utf8')));
      for (const [, target] of page!.html.matchAll(/<a href="(\/docs\/[^"#]*)(?:#([^"]*))?"/g)) {
        if (target!.endsWith('.md')) continue;
        const linked = rendered.get(target!);
        expect(linked, `${file} links ${target}`).toBeDefined();
        crossLinks++;
      }
      for (const [, target, anchor] of page!.html.matchAll(/<a href="(\/docs\/[^"#]*)#([^"]*)"/g)) {
        expect(idsOf(rendered.get(target!)!.html), `${file} links ${target}#${anchor}`).toContain(anchor);
      }
    }
    expect(crossLinks).toBeGreaterThan(20);
    expect(rendered.get('/docs/serving')!.html).toContain('<a href="/docs/engines">engines</a>');
  });

  it('shows raw HTML of a document as text, and keeps the words of a link to a file that has no page', () => {
    const html = renderMarkdown('# A <script>alert(1)</script>\n\nSee [the code](../src/core/iri.ts), [serving](serving.md#routes) and [GitHub](https://github.com/).\n\n![a chart](chart.png)\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n', {
      file: 'docs/x.md',
      resolve: (path) => (path === 'docs/serving.md' ? '/docs/serving' : undefined),
    });
    expect(html).toBe('<h1 id="a-scriptalert1script">A &lt;script&gt;alert(1)&lt;/script&gt;</h1>\n'
      + '<p>See the code, <a href="/docs/serving#routes">serving</a> and <a href="https://github.com/">GitHub</a>.</p>\n'
      + '<p><span class="missing-image">[a chart]</span></p>\n'
      + '<table>\n<thead>\n<tr>\n<th>a</th>\n<th class="align-right">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td class="align-right">2</td>\n</tr>\n</tbody>\n</table>\n');
  });

  it('is written by the static site as docs.html, each document under docs/ with its own name', () => {
    const map = new SiteMap(['/docs']);
    expect(map.fileOf('/docs')).toBe('docs.html');
    expect(map.fileOf('/docs/serving.md')).toBe('docs/serving.md');
    expect(map.fileOf('/docs/decisions/0002-no-address-space-limit.md')).toBe('docs/decisions/0002-no-address-space-limit.md');
    expect(map.href('index.html', '/docs/serving.md')).toBe('docs/serving.md');
    const pagesMap = new SiteMap(['/docs', '/docs/serving']);
    expect(pagesMap.fileOf('/docs/serving')).toBe('docs/serving.html');
    expect(pagesMap.href('docs/engines.html', '/docs/serving')).toBe('serving.html');
  });
});

describe('the documentation on the server', () => {
  let server: TestServer;
  beforeAll(async () => { server = await sharedServer(); }, 120_000);
  afterAll(() => server?.close());

  it('answers /docs with the page, and each document as text/markdown, byte for byte', async () => {
    const page = await server.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<a href="/docs/serving">');
    const document = await server.get('/docs/serving');
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await document.text()).toContain('<h2 id="routes">Routes</h2>');
    for (const file of ['serving.md', 'decisions/0009-query-pool-scheduling.md']) {
      const response = await server.get(`/docs/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(/^text\/markdown/);
      expect(await response.text(), file).toBe(readFileSync(join(ROOT, 'docs', file), 'utf8'));
    }
    expect((await server.get('/docs/nothing.md')).status).toBe(404);
  });
});
