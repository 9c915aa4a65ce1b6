/**
 * Driving the query page's YASGUI in a real browser, for the site and serve tests: open the editor, run a
 * catalogue example, put text in the editor, run, and read what came back.
 */
import type { Page, Response } from 'playwright-core';

/** Opens the query page and waits until the editor is ready (the service worker controls the page, on the site). */
export async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('html[data-query-editor]', { timeout: 60_000 });
  const state = await page.getAttribute('html', 'data-query-editor');
  if (state !== 'ready') throw new Error(`the query editor did not start: ${await page.textContent('#query-status')}`);
}

const ACTIVE = '.tabPanel.active';

/** The text of the active tab's editor (CodeMirror 5 keeps its instance on its wrapper element). */
export function editorText(page: Page): Promise<string> {
  return page.$eval(`${ACTIVE} .CodeMirror`, (element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.$eval(`${ACTIVE} .CodeMirror`, (element, value) => { (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value); }, text);
}

/** Runs the active tab's query and returns the endpoint's response (from the service worker, on the site). */
export async function runQuery(page: Page): Promise<Response> {
  const response = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/sparql') && r.request().method() === 'POST', { timeout: 120_000 });
  await page.click(`${ACTIVE} .yasqe_queryButton`);
  const answered = await response;
  // YASR draws once the response is read.
  await page.waitForSelector(`${ACTIVE} .yasr_results > *`, { timeout: 60_000 });
  return answered;
}

/** Opens a catalogue query from the examples list (in a tab of its own) and runs it. */
export async function runExample(page: Page, name: string): Promise<{ response: Response; text: string; query: string }> {
  await page.selectOption('#query-examples', name);
  const query = await editorText(page);
  const response = await runQuery(page);
  return { response, text: await response.text(), query };
}
