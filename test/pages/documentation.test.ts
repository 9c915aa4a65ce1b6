/**
 * The documentation page (/docs): the home page links it, it lists every guide of docs/ and every decision
 * record of docs/decisions/ under its own title, and each is served beside it as its Markdown file, byte for
 * byte; the static site writes the page as docs.html and each file under docs/ with its own name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteMap } from '../../src/site/paths.js';
import { startServer, type TestServer } from '../fixtures/serve/server.js';
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
    for (const file of files) expect(page.html, file).toContain(`<a href="/docs/${file}">${escape(titleOf(file))}</a>`);
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

  it('is written by the static site as docs.html, each document under docs/ with its own name', () => {
    const map = new SiteMap(['/docs']);
    expect(map.fileOf('/docs')).toBe('docs.html');
    expect(map.fileOf('/docs/serving.md')).toBe('docs/serving.md');
    expect(map.fileOf('/docs/decisions/0002-no-address-space-limit.md')).toBe('docs/decisions/0002-no-address-space-limit.md');
    expect(map.href('index.html', '/docs/serving.md')).toBe('docs/serving.md');
  });
});

describe('the documentation on the server', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startServer(); }, 120_000);
  afterAll(() => server?.close());

  it('answers /docs with the page, and each document as text/markdown, byte for byte', async () => {
    const page = await server.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<a href="/docs/serving.md">');
    for (const file of ['serving.md', 'decisions/0009-query-pool-scheduling.md']) {
      const response = await server.get(`/docs/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(/^text\/markdown/);
      expect(await response.text(), file).toBe(readFileSync(join(ROOT, 'docs', file), 'utf8'));
    }
    expect((await server.get('/docs/nothing.md')).status).toBe(404);
  });
});
