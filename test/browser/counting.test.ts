/**
 * The counting suite (test/counting/) on the static site's in-browser engine, in real Chromium: each
 * question POSTed to the query page's endpoint, answered by the service worker (Comunica over the N-Quads
 * dump, its default graph the merge of the named graphs), compared with expected.py's rows as multisets.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtGraphPath } from '../../src/query/load-graph.js';
import { answersOf, multiset, QUESTIONS, rowsOfJson, type Rows } from '../counting/questions.js';
import { launchChromium } from '../support/chromium.js';
import { sharedSite, type SharedSite } from '../support/shared-builds.js';
import { openEditor } from '../site/yasgui-driver.js';

/** The run's shared site (test/support/shared-builds.ts), served by a plain static server under /site/. */
let site: SharedSite;
let browser: Browser;
let page: Page;
let expected: Record<string, Rows>;

beforeAll(async () => {
  site = await sharedSite();
  expected = answersOf(builtGraphPath(site.root));
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  await openEditor(page, `${site.url}sparql.html`);
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('the in-browser engine (service worker)', () => {
  it.each(QUESTIONS.map((q) => [q.id, q] as const))('%s', async (_id, q) => {
    const answer = await page.evaluate(async (body) => {
      const response = await fetch('sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body });
      return { status: response.status, text: await response.text() };
    }, q.query);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(multiset(rowsOfJson(answer.text))).toEqual(multiset(expected[q.id]!));
  }, 120_000);
});
