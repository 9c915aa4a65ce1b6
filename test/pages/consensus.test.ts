/**
 * The consensus view against the catalogue query it claims to show: queries/theme-consensus.rq, run by
 * the project's query engine over the same graph, gives the rows; the page's matrix must give the same
 * themes in the same order with the same numbers, and its cells must add up to the statement counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { query, readCatalogueQuery } from '../../src/index.js';
import { consensusRows } from '../../src/render/pages/index.js';
import { Graph } from '../../src/render/pages/graph.js';
import { BASE, children, findAll, hasClass, loadPages, parseStrict, render, ROOT, text, type Element } from './support.js';

interface Row { theme: string; label: string; workshops: number; groups: number; statements: number; echoes?: number }
let expected: Row[];

beforeAll(async () => {
  const { graph } = await loadPages();
  const result = await query(graph, readCatalogueQuery('theme-consensus', ROOT).text, { name: 'theme-consensus' });
  if (result.type !== 'bindings') throw new Error('theme-consensus is a SELECT query');
  expected = result.rows.map((r) => ({
    theme: r.theme!.value, label: r.label!.value,
    workshops: Number(r.workshops!.value), groups: Number(r.groups!.value), statements: Number(r.statements!.value),
    // Echoes (asm:Echo) are counted since 0.2.0.
    ...(r.echoes === undefined ? {} : { echoes: Number(r.echoes.value) }),
  }));
}, 60_000);

describe('consensusRows', () => {
  it('equals the rows of theme-consensus.rq, in its order', async () => {
    const { graph } = await loadPages();
    const withEchoes = expected.some((r) => r.echoes !== undefined);
    const rows = consensusRows(new Graph(graph.store, BASE)).map(({ theme, label, workshops, groups, statements, echoes }) => ({ theme, label, workshops, groups, statements, ...(withEchoes ? { echoes } : {}) }));
    expect(expected.length).toBeGreaterThan(20);
    expect(rows).toEqual(expected);
  });
});

describe('/consensus', () => {
  it('shows the same themes, ranks and numbers as the query, each cell opening the statements it counts', async () => {
    const { document } = parseStrict((await render('/consensus')).html);
    const table = findAll(document as unknown as Element, (e) => e.tagName === 'table' && hasClass(e, 'matrix'))[0]!;
    const head = findAll(table, (e) => e.tagName === 'thead')[0]!;
    const columns = findAll(head, (e) => e.tagName === 'th').map(text);
    const at = (name: string) => columns.indexOf(name);
    const tbody = findAll(table, (e) => e.tagName === 'tbody')[0]!;
    const rows = children(tbody, 'tr').map((tr) => children(tr, 'td').length > 0 ? tr.childNodes.filter((n): n is Element => 'tagName' in n) : []);
    expect(rows.map((cells) => ({
      label: text(cells[at('Theme editorial')]!),
      workshops: Number(text(cells[at('Workshops (of 3)')]!)),
      groups: Number(text(cells[at('Groups (of 4)')]!)),
      statements: Number(text(cells[at('Statements')]!)),
    }))).toEqual(expected.map(({ label, workshops, groups, statements }) => ({ label, workshops, groups, statements })));
    // The four workshop columns add up to the statement count, and a simultaneous workshop's non-zero
    // cell is counted in "Workshops".
    const workshopColumns = ['Workshop 1', 'Workshop 2', 'Workshop 3', "Facilitators' workshop"].map(at);
    expect(workshopColumns.every((i) => i > 0)).toBe(true);
    rows.forEach((cells, i) => {
      const counts = workshopColumns.map((c) => Number(text(cells[c]!)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(expected[i]!.statements);
      expect(counts.slice(0, 3).filter((n) => n > 0).length).toBe(expected[i]!.workshops);
      for (const c of workshopColumns) {
        const link = findAll(cells[c]!, (e) => e.tagName === 'a')[0];
        if (Number(text(cells[c]!)) > 0) expect(link?.attrs.find((a) => a.name === 'href')?.value).toMatch(/^\/id\/theme\/[\w-]+#w-(1|2|3|facilitators)$/);
      }
    });
  });

  it('draws the heatmap as inline SVG, without a <style> element (the CSP allows none)', async () => {
    const { html } = await render('/consensus');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('role="img"');
    expect(svg).not.toContain('<style');
    expect((svg.match(/<rect /g) ?? []).length).toBe(expected.length * 4);
  });

  it('opens a cell on the theme page at that workshop, where the same number of statements stands', async () => {
    const { graph } = await loadPages();
    const rows = consensusRows(new Graph(graph.store, BASE));
    for (const row of rows.slice(0, 5)) {
      const { document } = parseStrict((await render(`/${row.theme.slice(BASE.length)}`)).html);
      for (const [workshop, count] of row.perWorkshop) {
        const heading = findAll(document as unknown as Element, (e) => e.attrs?.some((a) => a.name === 'id' && a.value === `w-${workshop.replace(/^.*\//, '')}`))[0];
        expect(heading, `${row.label}, ${workshop}`).toBeDefined();
        // The statements under that heading, up to the next workshop heading.
        const siblings = (heading!.parentNode as Element).childNodes.filter((n): n is Element => 'tagName' in n);
        const start = siblings.indexOf(heading!);
        const end = siblings.findIndex((e, i) => i > start && e.tagName === heading!.tagName);
        const shown = siblings.slice(start + 1, end < 0 ? undefined : end).flatMap((e) => findAll(e, (li) => li.tagName === 'li' && hasClass(li, 'statement')));
        expect(shown.length, `${row.label}, ${workshop}`).toBe(count);
      }
    }
  });
});
