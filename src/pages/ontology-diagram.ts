/**
 * The class diagram of /ontology as SVG: one box per class, a row each, indented under its superclass
 * (the subclass tree reads top to bottom), and the object properties between classes as labelled arcs
 * on the right, from domain to range (dashed when editorial). A layout this regular needs no graph
 * library, and stays legible at any width because the SVG scales.
 */
import { RDFS, type Graph } from './graph.js';
import { escapeHtml } from './layout.js';

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
  const edges = properties.flatMap((p) => {
    const domain = g.iris(p, `${RDFS}domain`).find((d) => rowOf.has(d));
    const range = g.iris(p, `${RDFS}range`).find((r) => rowOf.has(r));
    return domain !== undefined && range !== undefined ? [{ p, from: rowOf.get(domain)!, to: rowOf.get(range)! }] : [];
  }).sort((a, b) => Math.abs(a.from - a.to) - Math.abs(b.from - b.to) || a.p.localeCompare(b.p));
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
  // Arcs: each further right the longer it is, so that they nest rather than cross.
  let labelRight = arcX;
  edges.forEach((e, i) => {
    const reach = 24 + i * 16;
    const y1 = y(e.from);
    const y2 = y(e.to);
    const dash = editorial(e.p) ? ' stroke-dasharray="5 3"' : '';
    const label = escapeHtml(e.p.replace(/^.*#/, ''));
    if (e.from === e.to) {
      parts.push(`<path d="M${arcX},${y1 - 5} C${arcX + reach},${y1 - 22} ${arcX + reach},${y1 + 22} ${arcX},${y1 + 5}" fill="none" stroke="#0b5394"${dash} marker-end="url(#arrow)"/>`);
      parts.push(`<text x="${arcX + reach * 0.75 + 4}" y="${y1 + 4}" font-size="11" fill="#0b5394">${label}</text>`);
      labelRight = Math.max(labelRight, arcX + reach + 90);
      return;
    }
    const mid = (y1 + y2) / 2;
    parts.push(`<path d="M${arcX},${y1} C${arcX + reach},${y1} ${arcX + reach},${y2} ${arcX + 4},${y2}" fill="none" stroke="#0b5394"${dash} marker-end="url(#arrow)"/>`);
    parts.push(`<text x="${arcX + reach * 0.75 + 4}" y="${mid + 4}" font-size="11" fill="#0b5394">${label}</text>`);
    labelRight = Math.max(labelRight, arcX + reach + 100);
  });
  const width = Math.ceil(labelRight + 10);
  const height = 20 + rows.length * ROW;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-labelledby="class-diagram-title" font-family="system-ui, sans-serif">
<title id="class-diagram-title">Class diagram of the asm ontology: ${rows.length} classes, ${edges.length} properties</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#0b5394"/></marker></defs>
${parts.join('\n')}
</svg>`;
}
