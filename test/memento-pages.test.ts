/**
 * A resource's history on its page (serve; the static site renders the same sections, test/site/memento-site.test.ts):
 * the releases in which its description changed, what each added and removed in words made from the
 * labels and as triples, and links to the versioned descriptions, whose pages say which release they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import type { TestServer } from './fixtures/serve/server.js';
import { sharedServer } from './fixtures/serve/shared-server.js';
import { DIST } from './support/project.js';

const BASE = 'https://w3id.org/asm-kg/';
const REMEDY = 'id/statement/fw-next-steps-2.1';
const WITHDRAWN = 'id/statement/w1-a-government-13';

/** The verbatim text of a statement in a release's dump, read with n3 from the file. */
function textIn(version: string, path: string): string {
  const quads = new Parser({ format: 'N-Quads' }).parse(readFileSync(join(DIST, version, 'asm-kg.nq'), 'utf8'));
  return quads.find((q) => q.subject.value === `${BASE}${path}` && q.predicate.value === `${BASE}ontology#text`)!.object.value;
}

/** The text content of an element, tags dropped, entities of the page decoded. */
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

let t: TestServer;
beforeAll(async () => { t = await sharedServer(); }, 120_000);
afterAll(async () => { await t?.close(); });

async function page(path: string): Promise<string> {
  const response = await t.get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

describe('the history on a page', () => {
  it('a remedy whose reading 0.3.0 withdrew: “no longer addresses” the obstacle, by its words, with links to both releases', async () => {
    const html = await page(`/${REMEDY}.html`);
    const item = /<li id="release-0\.3\.0">([\s\S]*?)<\/details><\/li>/.exec(html)?.[1];
    expect(item).toBeDefined();
    // The obstacle's label is its verbatim text, cut at 120 characters on a word.
    const obstacle = textIn('0.2.1', WITHDRAWN);
    expect(text(item!)).toContain(`no longer addresses ${obstacle.slice(0, 100)}`);
    expect(text(item!)).toContain('0.3.0 (7 December 2026), compared with 0.2.1:');
    expect(item).toContain(`<a href="/version/0.3.0/${REMEDY}">0.3.0</a>`);
    expect(item).toContain(`<a href="/version/0.2.1/${REMEDY}">0.2.1</a>`);
    // And as triples, the removed one marked −.
    expect(text(item!)).toContain(`− st:fw-next-steps-2.1 asm:addresses st:w1-a-government-13 .  # graph/editorial`);
  });

  it('lists every release in which the description changed, and links the TimeMap', async () => {
    const html = await page(`/${REMEDY}.html`);
    expect([...html.matchAll(/<li id="release-([\d.]+)">/g)].map((m) => m[1])).toEqual(['0.1.0', '0.2.0', '0.3.0']);
    expect(text(/<li id="release-0\.1\.0">([\s\S]*?)<\/li>/.exec(html)![1]!)).toBe('0.1.0 (26 November 2026): first published.');
    expect(html).toContain(`<a href="/timemap/${REMEDY}" type="application/link-format">`);
  });

  it.each(['id/theme/dialogue-and-consensus-building', 'id/stakeholder/government'])('%s (a theme, a stakeholder) has its history too', async (path) => {
    const html = await page(`/${path}.html`);
    expect(html).toContain('<h2 id="h-history">History</h2>');
    expect(html).toMatch(/<li id="release-0\.3\.0">/);
  });

  it('a statement that never changed says so, and since when', async () => {
    const html = await page('/id/reading/addresses/fw-next-steps-1--w1-b-2.html');
    // Not a statement, stakeholder or theme: a reading's page has no history section.
    expect(html).not.toContain('h-history');
    const unchanged = await page('/id/statement/w1-a-government-8.html');
    const section = /<section class="history"[\s\S]*?<\/section>/.exec(unchanged)?.[0];
    expect(section === undefined ? undefined : text(section)).toMatch(/First published in 0\.1\.0 \(26 November 2026\); its description is the same in every release that has it: 0\.1\.0, 0\.2\.0, 0\.2\.1, 0\.3\.0\./);
  });
});

describe('a versioned description’s page', () => {
  it('says its release and date, links the current page and the other releases, and shows what that release said', async () => {
    const html = await page(`/version/0.2.1/${REMEDY}.html`);
    expect(html).toContain(`<title>`);
    expect(text(html)).toContain('As released in 0.2.1 on 2 December 2026');
    expect(html).toContain(`<a href="/${REMEDY}">The current description</a>`);
    expect(html).toContain(`<a href="/version/0.1.0/${REMEDY}">0.1.0</a>`);
    // 0.2.1 still read it as addressing the obstacle that 0.3.0 withdrew.
    const addresses = (body: string) => /<tr><th><a [^>]*>addresses<\/a><\/th><td>([\s\S]*?)<\/td><\/tr>/.exec(body)?.[1] ?? '';
    expect(addresses(html)).toContain(`href="/${WITHDRAWN}"`);
    const current = await page(`/version/0.3.0/${REMEDY}.html`);
    expect(addresses(current)).not.toBe('');
    expect(addresses(current)).not.toContain(`href="/${WITHDRAWN}"`);
  });
});
