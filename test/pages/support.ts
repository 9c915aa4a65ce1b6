/**
 * The pages under test: the built graph with the dataset descriptions (as `asm-kg serve` loads it),
 * rendered by createPages, and a strict HTML parser for what the pages write.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { createPages, type Pages } from '../../src/render/pages/index.js';
import { loadGraph } from '../../src/query/load-graph.js';
import { readRelease } from '../../src/core/release.js';
import { ReleaseArchive } from '../../src/render/release-archive.js';
import type { QueryGraph } from '../../src/query/types.js';

export const ROOT = join(import.meta.dirname, '../..');
export const BASE = 'https://w3id.org/asm-kg/';
export const LINKS = { href: (path: string) => path };

let loaded: Promise<{ pages: Pages; graph: QueryGraph }> | undefined;

export function loadPages(): Promise<{ pages: Pages; graph: QueryGraph }> {
  loaded ??= (async () => {
    const sources = ['void.ttl', 'dcat.ttl'].map((n) => join(ROOT, 'dist', n)).filter((p) => existsSync(p));
    // As `asm-kg serve` has them: the pages read the named graphs as loaded, and queries run over a graph
    // whose default graph is their merge.
    const [pagesGraph, graph] = await Promise.all([
      loadGraph({ root: ROOT, sources, mergeDefaultGraph: false }),
      loadGraph({ root: ROOT, sources }),
    ]);
    // With the released descriptions, as serve and the site have them: statements, stakeholders and themes show their History.
    const archive = ReleaseArchive.forRelease(readRelease(ROOT), join(ROOT, 'dist'), BASE);
    return { graph, pages: createPages({ store: pagesGraph.store, base: BASE, release: readRelease(ROOT), root: ROOT, archive }) };
  })();
  return loaded;
}

export async function render(path: string, query = ''): Promise<{ status: number; title: string; html: string }> {
  const { pages } = await loadPages();
  const page = pages.render(path, new URLSearchParams(query), LINKS);
  if (page === undefined) throw new Error(`no page at ${path}`);
  return page;
}

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** The document, parsed by parse5 with every parse error collected. */
export function parseStrict(html: string): { document: DefaultTreeAdapterMap['document']; errors: string[] } {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return { document, errors };
}

export function fragment(html: string): DefaultTreeAdapterMap['documentFragment'] {
  return parseFragment(html);
}

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

export function hasClass(element: Element, name: string): boolean {
  return (attr(element, 'class') ?? '').split(/\s+/).includes(name);
}

/** Every element under `node` that satisfies `test`, in document order. */
export function findAll(node: Node, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (n: Node) => {
    if (isElement(n) && test(n)) found.push(n);
    const children = 'childNodes' in n ? n.childNodes : [];
    for (const child of children) walk(child);
    if (isElement(n) && n.tagName === 'template') walk((n as unknown as { content: Node }).content);
  };
  walk(node);
  return found;
}

export function children(element: Element, tagName: string): Element[] {
  return element.childNodes.filter((n): n is Element => isElement(n) && n.tagName === tagName);
}

/** The text content, white space folded. */
export function text(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === '#text') parts.push((n as DefaultTreeAdapterMap['textNode']).value);
    for (const child of 'childNodes' in n ? n.childNodes : []) walk(child);
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
