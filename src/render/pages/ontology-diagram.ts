/**
 * The class diagram of /ontology as SVG: one box per class, a row each, indented under its superclass
 * (the subclass tree reads top to bottom), and the object properties between classes as labelled arcs
 * on the right, from domain to range (dashed when editorial). A layout this regular needs no graph
 * library, and stays legible at any width because the SVG scales.
 */
import { RDFS, type Graph } from './graph.js';
import { escapeHtml } from '../layout.js';

const ROW = 34;
const BOX_H = 24;
const INDENT = 26;
const BOX_W = 170;

export function drawClassDiagram(g: Graph, classes: string[], properties: string[], editorial: (p: string) => boolean): string {
  const inSet = new Set(classes);
  const parent = (c: string) => g.iris(c, `${RDFS}subClassOf`).find((p) => inSet.has(p));
  const children = (c: string | undefined) => classes.filter((x) => parent(x) === c).sort((a, b) => g.label(a).localeCompare(g.label(b)));
  const rows: Array<{ iri: string; depth: number }> = [];
  const walk = (c: string | undefined, depth: number) => {
    for (const child of children(c)) { rows.push({ iri: child, depth }); walk(child, depth + 1); }
  };
  walk(undefined, 0);
  const rowOf = new Map(rows.map((r, i) => [r.iri, i]));
  const maxDepth = Math.max(0, ...rows.map((r) => r.depth));
  const arcX = 20 + maxDepth * INDENT + BOX_W + 10;
  // Properties with the same domain and range share one arc, their names on one label.
  const grouped = new Map<string, { from: number; to: number; names: string[]; editorial: boolean }>();
  for (const p of properties) {
    const domain = g.iris(p, `${RDFS}domain`).find((d) => rowOf.has(d));
    const range = g.iris(p, `${RDFS}range`).find((r) => rowOf.has(r));
    if (domain === undefined || range === undefined) continue;
    const key = `${domain} ${range}`;
    const edge = grouped.get(key) ?? { from: rowOf.get(domain)!, to: rowOf.get(range)!, names: [], editorial: true };
    edge.names.push(p.replace(/^.*#/, ''));
    edge.editorial &&= editorial(p);
    grouped.set(key, edge);
  }
  const edges = [...grouped.values()].sort((a, b) => Math.abs(a.from - a.to) - Math.abs(b.from - b.to) || a.from - b.from || a.to - b.to);
  const y = (row: number) => 10 + row * ROW + BOX_H / 2;
  const parts: string[] = [];
  // Subclass lines: from the parent's box down its left side to the child.
  rows.forEach((r, i) => {
    const p = parent(r.iri);
    if (p === undefined) return;
    const pr = rowOf.get(p)!;
    const x = 20 + rows[pr]!.depth * INDENT + 10;
    parts.push(`<path d="M${x},${10 + pr * ROW + BOX_H} V${y(i)} H${20 + r.depth * INDENT}" fill="none" stroke="#888"/>`);
  });
  rows.forEach((r, i) => {
    const x = 20 + r.depth * INDENT;
    const top = 10 + i * ROW;
    const id = r.iri.replace(/^.*#/, '');
    parts.push(`<a href="#${escapeHtml(id)}"><rect x="${x}" y="${top}" width="${BOX_W}" height="${BOX_H}" rx="4" fill="#fdf8ee" stroke="#7a4b0c"/><text x="${x + 8}" y="${top + 16}" font-size="13" fill="#1d1d1d">${escapeHtml(g.label(r.iri))}</text></a>`);
  });
  // Arcs: each further right the longer it is, so that they nest rather than cross. Labels never overlap:
  // a label that would sit on another moves down until it is free.
  let labelRight = arcX;
  const taken: Array<{ x: number; y: number; w: number; h: number }> = [];
  const place = (x: number, y0: number, w: number, h: number): number => {
    let y1 = y0;
    while (taken.some((b) => x < b.x + b.w && b.x < x + w && y1 - h < b.y && b.y - b.h < y1)) y1 += 4;
    taken.push({ x, y: y1, w, h });
    return y1;
  };
  const labelText = (x: number, y0: number, names: string[]) => {
    const w = Math.max(...names.map((n) => n.length)) * 6.2;
    const h = names.length * 13;
    const top = place(x, y0 + h / 2, w, h) - h;
    labelRight = Math.max(labelRight, x + w);
    return names.map((n, k) => `<text x="${x}" y="${(top + 11 + k * 13).toFixed(1)}" font-size="11" fill="#0b5394" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(n)}</text>`).join('');
  };
  // A leader from each box that has arcs to where they start.
  for (const row of new Set(edges.flatMap((e) => [e.from, e.to]))) {
    const x = 20 + rows[row]!.depth * INDENT + BOX_W;
    if (x < arcX) parts.push(`<path d="M${x},${y(row)} H${arcX}" stroke="#bbb" fill="none"/>`);
  }
  edges.forEach((e, i) => {
    const reach = 30 + i * 14;
    const y1 = y(e.from);
    const y2 = y(e.to);
    const dash = e.editorial ? ' stroke-dasharray="5 3"' : '';
    if (e.from === e.to) {
      parts.push(`<path d="M${arcX},${y1 - 5} C${arcX + 40},${y1 - 24} ${arcX + 40},${y1 + 24} ${arcX + 4},${y1 + 5}" fill="none" stroke="#0b5394"${dash} marker-end="url(#arrow)"/>`);
      parts.push(labelText(arcX + 36, y1, e.names));
      return;
    }
    parts.push(`<path d="M${arcX},${y1} C${arcX + reach},${y1} ${arcX + reach},${y2} ${arcX + 4},${y2}" fill="none" stroke="#0b5394"${dash} marker-end="url(#arrow)"/>`);
    parts.push(labelText(arcX + reach * 0.75 + 4, (y1 + y2) / 2, e.names));
  });
  const width = Math.ceil(labelRight + 10);
  const height = Math.max(20 + rows.length * ROW, ...taken.map((b) => Math.ceil(b.y + 6)));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-labelledby="class-diagram-title" font-family="system-ui, sans-serif">
<title id="class-diagram-title">Class diagram of the asm ontology: ${rows.length} classes, ${edges.length} properties</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#0b5394"/></marker></defs>
${parts.join('\n')}
</svg>`;
}
