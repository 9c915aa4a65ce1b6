/**
 * The YASGUI query editor on serve's /sparql, in real Chromium, under serve's Content-Security-Policy:
 * the editor starts with no console error and no request leaving the host, opens the catalogue queries
 * as named examples and their answers equal test/expected/, a syntax error shows inline with the query
 * kept, results download as CSV, and the plain form is there for browsers without JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../fixtures/serve/server.js';
import { sharedServer } from '../fixtures/serve/shared-server.js';
import { ROOT } from '../support/project.js';
import { compareWithExpected } from '../site/support.js';
import { launchChromium } from '../support/chromium.js';
import { editorText, openEditor, runExample, runQuery, setEditorText } from '../site/yasgui-driver.js';

let server: TestServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  server = await sharedServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(`${server.url}/`) && !/^(?:data|blob):/.test(request.url())) problems.push(`left the host: ${request.url()}`);
  });
  await openEditor(page, `${server.url}/sparql`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('YASGUI on serve\'s /sparql', () => {
  it('starts with the first catalogue query, lists them all, and hides the plain form', async () => {
    const options = await page.$$eval('#query-examples option', (elements) => elements.map((e) => (e as HTMLOptionElement).value).filter((v) => v !== ''));
    const catalogue = readFileSync(join(ROOT, 'queries', 'README.md'), 'utf8');
    expect(options.length).toBeGreaterThanOrEqual(14);
    for (const name of options) expect(catalogue).toContain(`${name}.rq`);
    expect(await editorText(page)).toBe(readFileSync(join(ROOT, 'queries', `${options[0]}.rq`), 'utf8'));
    expect(await page.isHidden('#query-form')).toBe(true);
  });

  it('keeps the plain form in the page for browsers without JavaScript', async () => {
    const html = await (await fetch(`${server.url}/sparql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<div id="query-form">\n<form method="get" action="/sparql">');
    expect(html).toContain('<script type="application/json" id="query-config">');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it.each(['obstacles-by-workshop', 'lessons-by-stakeholder', 'unanswered-obstacles'])('runs %s with the answers of test/expected/', async (name) => {
    const { response, text } = await runExample(page, name);
    expect(response.status()).toBe(200);
    const { actual, expected } = compareWithExpected(name, text);
    expect(actual).toEqual(expected);
    await page.waitForSelector('.tabPanel.active .yasr .dataTable tbody tr');
    expect(await page.textContent('.tabPanel.active .yasr_response_chip')).toContain(`${expected.length} result`);
  }, 120_000);

  it('offers our prefixes for completion, and no other host is asked', async () => {
    await setEditorText(page, 'PREFIX ');
    await page.click('.tabPanel.active .CodeMirror');
    await page.keyboard.press('End');
    await page.keyboard.type('st');
    await page.keyboard.press('Control+Space');
    const hints = await page.waitForSelector('.CodeMirror-hints', { timeout: 10_000 });
    expect(await hints.textContent()).toContain('st: <https://w3id.org/asm-kg/id/statement/>');
  });

  it('shows a syntax error inline and keeps the query', async () => {
    const broken = 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nSELECT ?s WHERE { ?s a asm:Obstacle \n';
    await setEditorText(page, broken);
    const response = await runQuery(page);
    expect(response.status()).toBe(400);
    expect(await page.textContent('.tabPanel.active .errorResult')).toContain("400 Bad Request: syntax error at line 2, column 36: expected '}' but found the end of the query");
    expect(await editorText(page)).toBe(broken);
  }, 60_000);

  it('downloads the results as CSV', async () => {
    const { text } = await runExample(page, 'lessons-by-stakeholder');
    const rows = compareWithExpected('lessons-by-stakeholder', text).expected.length;
    expect(rows).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.tabPanel.active .yasr_downloadIcon')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('"stakeholder","workshop","lesson","text"');
    expect(csv.match(/"https:\/\/w3id\.org\/asm-kg\/id\/statement\//g)).toHaveLength(rows);
  }, 60_000);

  it('downloads the response as SPARQL JSON', async () => {
    const { text } = await runExample(page, 'obstacles-by-workshop');
    await page.click('.tabPanel.active .select_response');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.tabPanel.active .yasr_downloadIcon')]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved).toBe(text);
    const { actual, expected } = compareWithExpected('obstacles-by-workshop', saved);
    expect(actual).toEqual(expected);
  }, 60_000);

  it('caused no console error (but the refused query\'s 400) and no request off the host', () => {
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
