/**
 * Where each URL path of the publication is written in the static site, and how one page links to
 * another. The mapping needs nothing from the web server (no rewriting, no "pretty URLs"), so the folder
 * works on any static host, at the root or under a path, and even from file://:
 *
 *   /                          → index.html
 *   /id/workshop/2             → id/workshop/2.html        (a page: its path plus .html)
 *   /id/statement/w2-a-1.2     → id/statement/w2-a-1.2.html
 *   /dataset/0.2.0/distribution/asm-kg.ttl → ….ttl.html  (a page, though its name looks like a file's)
 *   /id/statement/             → id/statement/index.html   (a folder: its index.html)
 *   /id/workshop/2.ttl, /dist/0.2.0/asm-kg.nq, /assets/site.css → the same path (a file)
 *   /search?q=x, /ontology#Obstacle → search.html?q=x, ontology.html#Obstacle
 *   /timemap/id/statement/w1-b-2 → timemap/id/statement/w1-b-2.txt (a Memento TimeMap, link-format text)
 *
 * Links between pages are relative to the page that holds them, so the folder can be moved as a whole.
 */
import { posix } from 'node:path';
import { PUBLISHED_SUFFIXES } from '../core/formats.js';

/**
 * File types a path may end with; any other ending (w2-a-1.2, dataset/0.2.0) is part of a page's name:
 * the published files' suffixes (core/formats.ts), the site's own assets and query files, and the
 * recipes' texts and scripts.
 */
const FILE_TYPES = new Set([...PUBLISHED_SUFFIXES, 'css', 'js', 'svg', 'png', 'ico', 'xml', 'rq', 'txt', 'md', 'py', 'r']);

export class SiteMap {
  private readonly pages: ReadonlySet<string>;

  /** `pages`: the paths that are pages, whatever their names look like. */
  constructor(pages: Iterable<string>) {
    this.pages = new Set(pages);
  }

  /** The file (relative to the site folder, no leading slash) that holds a path (no query, no fragment). */
  fileOf(path: string): string {
    if (!path.startsWith('/')) throw new Error(`a site path starts with "/": ${path}`);
    if (path.endsWith('/')) return `${path.slice(1)}index.html`;
    // A TimeMap (Memento) is link-format text, which a static host serves best as .txt.
    if (path.startsWith('/timemap/')) return `${path.slice(1)}.txt`;
    if (this.pages.has(path)) return `${path.slice(1)}.html`;
    const last = path.slice(path.lastIndexOf('/') + 1);
    const dot = last.lastIndexOf('.');
    return dot > 0 && FILE_TYPES.has(last.slice(dot + 1).toLowerCase()) ? path.slice(1) : `${path.slice(1)}.html`;
  }

  /** The href, relative to the file `fromFile`, of a site path that may carry a query and a fragment; absolute URLs stay. */
  href(fromFile: string, target: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return target;
    const match = /^([^?#]*)([?#].*)?$/.exec(target)!;
    const file = match[1] === '' ? fromFile : this.fileOf(match[1]!);
    const relative = posix.relative(posix.dirname(`/${fromFile}`), `/${file}`);
    return `${relative === '' ? posix.basename(file) : relative}${match[2] ?? ''}`;
  }

  /** The PageLinks of one file of the site. */
  links(fromFile: string): { href(path: string): string } {
    return { href: (path: string) => this.href(fromFile, path) };
  }
}
