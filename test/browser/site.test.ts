/**
 * The static site in real Chromium, served as it is by a plain static server under /site/: every kind of
 * page renders with no console error and no request leaving the host; the query page runs catalogue queries
 * in the browser (YASGUI over the service worker and Comunica) with the answers of test/expected/ and of
 * serve's engine and writers (JSON-LD included), shows a syntax error inline with the query kept, and
 * downloads results as CSV.
 *
 * serve's engine is Oxigraph (src/serve/pool/evaluate.ts): the answers the browser must give are Oxigraph's,
 * over the site's own N-Quads dump. (The site build has checked that Comunica in Node gives the same answers
 * to every catalogue query: src/query/engine-check.ts.)
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { listCatalogue } from '../../src/query/catalogue.js';
import { builtGraphPath } from '../../src/query/load-graph.js';
import { OxigraphEngine } from '../../src/query/oxigraph-engine.js';
import { parseQuery } from '../../src/query/parse-query.js';
import { projected } from '../../src/query/runners/oxigraph.js';
import type { QueryResult } from '../../src/query/types.js';
import { turtleTerm } from '../../src/serialize/sparql-results/terms.js';
import { quadsToJsonLd, quadsToNQuads, quadsToTurtle } from '../../src/serialize/quads.js';
import { DEFAULT_BASE, vocabulary } from '../../src/core/iri.js';
import { parseJsonResults } from '../support/sparql-results.js';
import { compareWithExpected } from '../site/support.js';
import { launchChromium } from '../support/chromium.js';
import { sharedSite, type SharedSite } from '../support/shared-builds.js';
import { editorText, openEditor, runExample, runQuery, setEditorText } from '../site/yasgui-driver.js';
import { parseCsv } from '../support/csvw.js';

/** The run's shared site (test/support/shared-builds.ts), served by a plain static server under /site/. */
let site: SharedSite;
let browser: Browser;
let context: BrowserContext;
/**
 * The page the tests navigate, one for the file: a new page starts a renderer process, which cost more CPU
 * than the visit itself. `problems` holds what it recorded since a test last emptied it.
 */
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  site = await sharedSite();
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  watch(page, () => problems);
}, 600_000);

/** serve's engine over the site's graph (its N-Quads dump, as serve loads it), loaded once. */
let siteEngine: OxigraphEngine | undefined;
const engineOfSite = (): OxigraphEngine => (siteEngine ??= OxigraphEngine.fromNQuads(readFileSync(builtGraphPath(site.root), 'utf8')));

/** serve's engine's answer to a SELECT, ASK or CONSTRUCT (the variables of a SELECT in the query's order). */
function serveAnswer(text: string, name: string): QueryResult {
  const { form, operation } = parseQuery(text, DEFAULT_BASE, name);
  if (form === 'DESCRIBE') throw new Error(`${name}: a DESCRIBE (serve answers it with Comunica): not expected in the catalogue`);
  return engineOfSite().query(text, { baseIri: DEFAULT_BASE, form, variables: form === 'SELECT' ? projected(operation) : undefined });
}

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Records on `page`, into the list `into()` gives at that moment, console errors, failed requests and requests to other hosts. */
function watch(page: Page, into: () => string[]): void {
  const origin = new URL(site.url).origin;
  page.on('console', (message) => { if (message.type() === 'error') into().push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => into().push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => into().push(`failed: ${request.url()}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !/^(?:data|blob):/.test(url)) into().push(`left the host: ${url}`);
  });
}

describe('every kind of page', () => {
  const pages = [
    'index.html', 'id/workshop/2.html', 'id/statement/w2-a-1.html', 'id/stakeholder/government.html', 'id/theme/health-and-mercury.html',
    'consensus.html', 'remedies.html', 'search.html?q=mercury', 'ontology.html', 'id/statement/index.html', 'id/theme/index.html',
    'graph/editorial.html', 'dataset.html', 'queries/index.html', 'queries/theme-consensus.html', 'dist/index.html', 'sparql.html',
  ];
  it.each(pages)('%s renders with no console error and no request leaving the host', async (path) => {
    problems = [];
    const response = await page.goto(`${site.url}${path}`);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main h1').first().textContent()).not.toBe('');
    expect(problems).toEqual([]);
  }, 120_000);

  it('answers a missing page with the site\'s 404 page', async () => {
    const response = await page.goto(`${site.url}id/statement/nope.html`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('h1')).toContain('404');
  });
});

describe('the query page: SPARQL in the browser', () => {
  beforeAll(async () => {
    problems = [];
    await openEditor(page, `${site.url}sparql.html`);
  }, 120_000);

  it.each(['obstacles-by-workshop', 'lessons-by-stakeholder', 'unanswered-obstacles'])('runs %s with the answers of test/expected/', async (name) => {
    const { response, text } = await runExample(page, name);
    expect(response.status()).toBe(200);
    expect(response.fromServiceWorker()).toBe(true);
    const { actual, expected } = compareWithExpected(name, text);
    expect(actual).toEqual(expected);
    // YASR shows them as a table.
    await page.waitForSelector('.tabPanel.active .yasr .dataTable tbody tr');
    expect(await page.textContent('.tabPanel.active .yasr_response_chip')).toContain(`${expected.length} result`);
  }, 180_000);

  it('shows a syntax error inline and keeps the query', async () => {
    const broken = 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nSELECT ?s WHERE { ?s a asm:Obstacle \n';
    await setEditorText(page, broken);
    const response = await runQuery(page);
    expect(response.status()).toBe(400);
    const error = await page.textContent('.tabPanel.active .errorResult');
    // The message serve gives for the same query (src/query/syntax-error.ts), from the service worker.
    expect(error).toContain("400 Bad Request: syntax error at line 2, column 36: expected '}' but found the end of the query");
    expect(await editorText(page)).toBe(broken);
  }, 120_000);

  it('downloads the results as CSV', async () => {
    const { text } = await runExample(page, 'obstacles-by-workshop');
    const rows = compareWithExpected('obstacles-by-workshop', text).expected.length;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.tabPanel.active .yasr_downloadIcon')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const records = parseCsv(csv);
    expect(records[0]).toEqual(['workshop', 'position', 'obstacle', 'text']);
    expect(records).toHaveLength(rows + 1);
    expect(records.slice(1).every((record) => record.length === 4 && record[2]!.startsWith('https://w3id.org/asm-kg/id/statement/'))).toBe(true);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  }, 120_000);

  it('gives the answers of the engine serve runs, for every catalogue query', async () => {
    const entries = listCatalogue(site.root).map((entry) => ({ name: entry.name, text: readFileSync(entry.path, 'utf8') }));
    const differences: string[] = [];
    for (const entry of entries) {
      const text = entry.text;
      const expected = serveAnswer(text, entry.name);
      const accept = expected.type === 'quads' ? 'application/n-triples' : 'application/sparql-results+json';
      const answer = await page.evaluate(async ({ body, accept }) => {
        const response = await fetch('sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: accept }, body });
        return { status: response.status, text: await response.text() };
      }, { body: text, accept });
      if (answer.status !== 200) { differences.push(`${entry.name}: ${answer.status} ${answer.text}`); continue; }
      if (canonicalOf(expected) !== canonicalText(answer.text, expected.type)) differences.push(`${entry.name}: the answers differ`);
    }
    expect(differences).toEqual([]);
  }, 600_000);

  it('answers a CONSTRUCT in the graph formats of serve, JSON-LD as serve writes it', async () => {
    // The first five obstacles by a FILTER, not ORDER BY … LIMIT 5: on a CONSTRUCT, Comunica applies the LIMIT
    // to the triples made (5), Oxigraph, as SPARQL 1.1 says, to the solutions (5 solutions, 10 triples).
    const construct = `PREFIX asm: <https://w3id.org/asm-kg/ontology#>
CONSTRUCT { ?obstacle asm:text ?text ; asm:position ?position } WHERE { ?obstacle a asm:Obstacle ; asm:text ?text ; asm:position ?position FILTER (?position <= 48) }`;
    const ask = (accept: string) => page.evaluate(async ({ body, accept }) => {
      const response = await fetch('sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: accept }, body });
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    }, { body: construct, accept });
    const result = serveAnswer(construct, 'construct');
    if (result.type !== 'quads') throw new Error('expected a graph');
    expect(result.quads).toHaveLength(10);
    const prefixes = vocabulary().prefixes;

    const jsonld = await ask('application/ld+json');
    expect([jsonld.status, jsonld.type]).toEqual([200, 'application/ld+json']);
    expect(JSON.parse(jsonld.text)).toEqual(JSON.parse(await quadsToJsonLd(result.quads, prefixes)));
    expect(JSON.parse(jsonld.text)['@context'].asm).toBe('https://w3id.org/asm-kg/ontology#');

    const turtle = await ask('text/turtle');
    expect([turtle.status, turtle.type, turtle.text]).toEqual([200, 'text/turtle; charset=utf-8', quadsToTurtle(result.quads, prefixes)]);
    const nquads = await ask('application/n-quads');
    expect([nquads.status, nquads.text]).toEqual([200, quadsToNQuads(result.quads)]);
    // RDF/XML's writer needs rdflib, too big for the browser: refused as serve refuses what it cannot write.
    const rdfxml = await ask('application/rdf+xml');
    expect([rdfxml.status, rdfxml.text]).toEqual([406, '406 Not Acceptable: a graph can be had as text/turtle, application/n-triples, application/ld+json, application/n-quads, application/trig\n']);
  }, 120_000);

  it('answers sparql?query=… opened in the browser itself (a navigation, as a link to the endpoint gives)', async () => {
    const text = 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\nASK { ?s a asm:Obstacle }';
    const other = await context.newPage();
    const response = await other.goto(`${site.url}sparql?query=${encodeURIComponent(text)}`);
    expect(response?.status()).toBe(200);
    expect(response?.fromServiceWorker()).toBe(true);
    // A browser's Accept (text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8) picks
    // application/xml among the worker's offers: the SPARQL XML results.
    expect(response?.headers()['content-type']).toBe('application/xml');
    expect(await response!.text()).toContain('<boolean>true</boolean>');
    await other.close();
  }, 120_000);

  it('caused no console error and no request off the host', () => {
    // A 400 or 406 answer is logged by Chromium as a failed resource load: those are the tests' own doing.
    expect(problems.filter((p) => !/status of 40[06] /.test(p))).toEqual([]);
  });
});

/** An answer as sorted lines of N-Triples terms, blank nodes as one placeholder (their labels are the engine's own). */
function canonicalOf(result: QueryResult): string {
  const term = (t: Parameters<typeof turtleTerm>[0]) => (t.termType === 'BlankNode' ? '_:b' : turtleTerm(t));
  if (result.type === 'boolean') return String(result.value);
  if (result.type === 'quads') return result.quads.map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`).sort().join('\n');
  return result.rows.map((row) => result.variables.map((v) => (row[v] ? term(row[v]!) : '')).join('\t')).sort().join('\n');
}

function canonicalText(text: string, type: QueryResult['type']): string {
  if (type === 'quads') return canonicalOf({ type: 'quads', quads: new Parser({ format: 'N-Triples' }).parse(text) });
  const parsed = parseJsonResults(text);
  if (typeof parsed === 'boolean') return String(parsed);
  return canonicalOf({ type: 'bindings', variables: parsed.variables, rows: parsed.rows });
}
