/**
 * The workshop report pages against the source text itself: the items, their markers, words and nesting
 * are read from data/source/workshops-summary.txt by the independent outline reader, not from the graph.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOutline, type WorkshopKey } from '../support/source-outline.js';
import { attr, children, findAll, hasClass, parseStrict, render, ROOT, text, type Element } from './support.js';

const outline = readOutline(join(ROOT, 'data/source/workshops-summary.txt'));

/** The statement's verbatim text as the page shows it: the link inside its first paragraph. */
function itemText(li: Element): { marker: string; text: string } {
  const paragraph = children(li, 'p').find((p) => hasClass(p, 'statement-text'))!;
  const marker = findAll(paragraph, (e) => hasClass(e, 'marker'))[0]!;
  const link = children(paragraph, 'a')[0]!;
  return { marker: text(marker), text: text(link) };
}

/** The statements of a report list, depth first, with their depth. */
function items(list: Element, depth = 0): Array<{ marker: string; text: string; depth: number }> {
  return children(list, 'li').flatMap((li) => [
    { ...itemText(li), depth },
    ...children(li, 'ol').filter((ol) => hasClass(ol, 'report')).flatMap((ol) => items(ol, depth + 1)),
  ]);
}

/** Every top-level report list of a page (those not nested inside a statement). */
function reportLists(root: Element): Element[] {
  return findAll(root, (e) => e.tagName === 'ol' && hasClass(e, 'report') && !(e.parentNode && 'tagName' in e.parentNode && e.parentNode.tagName === 'li'));
}

describe('Workshop 2 report', () => {
  it('shows its nine numbered lessons in order, each with as many bullets under it as the source prints', async () => {
    const lessons = outline.items.filter((i) => i.workshop === 'w2' && i.section.startsWith('A.') && /^\d+\.$/.test(i.marker));
    expect(lessons).toHaveLength(9);
    const { document } = parseStrict((await render('/id/workshop/2')).html);
    const section = findAll(document as unknown as Element, (e) => attr(e, 'id') === 'sec-w2-a')[0]!;
    expect(section, 'section A of Workshop 2').toBeDefined();
    const lists = reportLists(section);
    const top = lists.flatMap((ol) => children(ol, 'li'));
    expect(top.map((li) => itemText(li).marker)).toEqual(lessons.map((l) => l.marker));
    expect(top.map((li) => itemText(li).marker)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.']);
    top.forEach((li, i) => {
      const lesson = lessons[i]!;
      expect(itemText(li).text).toBe(lesson.text);
      const bullets = outline.items.filter((b) => b.parent === lesson.index);
      const nested = children(li, 'ol').flatMap((ol) => children(ol, 'li'));
      expect(nested.map((b) => itemText(b).text), `bullets under lesson ${lesson.marker}`).toEqual(bullets.map((b) => b.text));
    });
  });

  it('names the facilitator the source names', async () => {
    const { document } = parseStrict((await render('/id/workshop/2')).html);
    const terms = findAll(document as unknown as Element, (e) => e.tagName === 'dt' || e.tagName === 'dd');
    const at = terms.findIndex((e) => e.tagName === 'dt' && text(e) === 'Facilitator');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(text(terms[at + 1]!)).toBe(outline.facilitators.w2);
  });
});

describe('every workshop report', () => {
  const pages: Array<[WorkshopKey, string]> = [['w1', '/id/workshop/1'], ['w2', '/id/workshop/2'], ['w3', '/id/workshop/3'], ['fw', '/id/workshop/facilitators']];
  it.each(pages)('%s lists every item of the source in order, with its marker, words and nesting', async (key, path) => {
    const depthOf = (index: number): number => { const parent = outline.items[index]!.parent; return parent === undefined ? 0 : 1 + depthOf(parent); };
    const expected = outline.items.filter((i) => i.workshop === key).map((i) => ({ marker: i.marker, text: i.text, depth: depthOf(i.index) }));
    const { document } = parseStrict((await render(path)).html);
    const main = findAll(document as unknown as Element, (e) => e.tagName === 'main')[0]!;
    const shown = reportLists(main).flatMap((ol) => items(ol));
    expect(shown).toEqual(expected);
  });

  it('marks the CAPITALISED emphasis as printed and the bracketed items as tentative', async () => {
    const w1 = parseStrict((await render('/id/workshop/1')).html).document as unknown as Element;
    const emphasis = findAll(w1, (e) => e.tagName === 'strong' && hasClass(e, 'emphasis')).map(text);
    expect(emphasis).toContain('PROMOTE');
    for (const phrase of emphasis) expect(phrase).toBe(phrase.toUpperCase());
    const fw = parseStrict((await render('/id/workshop/facilitators')).html).document as unknown as Element;
    const tentative = findAll(fw, (e) => e.tagName === 'li' && hasClass(e, 'statement') && children(children(e, 'p')[0]!, 'span').some((s) => hasClass(s, 'tentative')));
    const bracketed = outline.items.filter((i) => i.workshop === 'fw' && /^\[.*\]$/.test(i.text));
    expect(bracketed.length).toBeGreaterThan(0);
    expect(tentative.map((li) => itemText(li).text)).toEqual(bracketed.map((i) => i.text));
  });
});
