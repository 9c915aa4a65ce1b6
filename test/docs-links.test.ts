/**
 * The documentation's links and wording: every relative Markdown link in README.md, CHANGELOG.md and
 * docs/**\/*.md must name a file of the repository, and every #anchor a heading of the file it points to
 * (GitHub's heading ids); no document may cite a tracker number ("issue 12", "#12") or read as a work log
 * ("last session"), since neither means anything to a reader of the repository.
 *
 * Code blocks and code spans are left out: a path or a `#1` in code is not a link or a citation. Links
 * with a scheme (https:, mailto:) are not fetched: the machine that runs the tests may have no network.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingId } from '../src/render/heading-id.js';
import { headingIds } from './support/heading-ids.js';
import { ROOT } from './support/project.js';

/** A Markdown text with its fenced code blocks blanked and its code spans removed, line numbers kept. */
function prose(markdown: string): string {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return '';
    }
    if (marker !== undefined) {
      fence = marker;
      return '';
    }
    // A code span opens and closes with the same number of backticks.
    return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
  }).join('\n');
}

export interface Link { line: number; target: string }

/** Inline links and images (`[text](target "title")`) and reference definitions (`[label]: target`). */
export function links(markdown: string): Link[] {
  const found: Link[] = [];
  prose(markdown).split('\n').forEach((text, index) => {
    for (const match of text.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
      found.push({ line: index + 1, target: match[1]!.replace(/^<|>$/g, '') });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(text);
    if (definition && !text.startsWith('[^')) found.push({ line: index + 1, target: definition[1]!.replace(/^<|>$/g, '') });
  });
  return found;
}

/**
 * What is wrong with a document's relative links, one message per broken link ("README.md:12: docs/x.md:
 * no such file"). `read` gives another Markdown file's text, for its anchors.
 */
export function brokenLinks(file: string, markdown: string, root: string, read = (path: string) => readFileSync(path, 'utf8')): string[] {
  const problems: string[] = [];
  const name = relative(root, file);
  for (const { line, target } of links(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const hash = target.indexOf('#');
    const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const path = pathPart === '' ? file : resolve(dirname(file), pathPart);
    const where = `${name}:${line}: ${target}`;
    if (relative(root, path).startsWith('..')) {
      problems.push(`${where}: points outside the repository`);
      continue;
    }
    if (path !== file && !existsSync(path)) {
      problems.push(`${where}: no such file`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (extname(path) !== '.md' || (path !== file && statSync(path).isDirectory())) {
      problems.push(`${where}: an anchor on a file that has no headings`);
      continue;
    }
    const text = path === file ? markdown : read(path);
    if (!headingIds(text).has(anchor)) problems.push(`${where}: no heading with the id "${anchor}"`);
  }
  return problems;
}

const TRACKER = [
  /\b(?:issue|bug|ticket|pull request|PR)s?\s+(?:#\s*)?\d+/i,
  /(?<![\w&/#])#\d+\b/,
];
const WORK_LOG = [
  /\b(?:this|last|that|previous|next|a later|an earlier|the same) sessions?\b/i,
  /\blast time\b/i,
];

/** The lines of a document that cite a tracker number or read as a work log ("README.md:3: issue 12"). */
export function wordingProblems(name: string, markdown: string): string[] {
  const problems: string[] = [];
  prose(markdown).split('\n').forEach((text, index) => {
    for (const pattern of [...TRACKER, ...WORK_LOG]) {
      const match = pattern.exec(text);
      if (match) problems.push(`${name}:${index + 1}: "${match[0]}"`);
    }
  });
  return problems;
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const DOCUMENTS = [join(ROOT, 'README.md'), join(ROOT, 'CHANGELOG.md'), ...markdownFiles(join(ROOT, 'docs'))];

describe('the documentation', () => {
  it('has docs/ pages to check', () => {
    expect(DOCUMENTS.length).toBeGreaterThan(2);
  });

  it.each(DOCUMENTS.map((file) => [relative(ROOT, file), file]))('%s: every relative link and anchor resolves', (_name, file) => {
    expect(brokenLinks(file, readFileSync(file, 'utf8'), ROOT)).toEqual([]);
  });

  it.each(DOCUMENTS.map((file) => [relative(ROOT, file), file]))('%s: cites no tracker number and reads as no work log', (name, file) => {
    expect(wordingProblems(name, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('README links every page of docs/, and the index of docs/decisions/ and docs/recipes/ every page of its folder', () => {
    const linkedFrom = (file: string) =>
      new Set(links(readFileSync(file, 'utf8')).map(({ target }) => resolve(dirname(file), target.split('#')[0]!)));
    const indexes = new Map(['decisions', 'recipes'].map((folder) => join(ROOT, 'docs', folder, 'README.md')).map((index) => [dirname(index), { index, linked: linkedFrom(index) }]));
    const fromReadme = linkedFrom(join(ROOT, 'README.md'));
    const unlinked = markdownFiles(join(ROOT, 'docs')).filter((file) => {
      const folder = indexes.get(dirname(file));
      return folder !== undefined && file !== folder.index ? !folder.linked.has(file) : !fromReadme.has(file);
    });
    expect(unlinked.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

describe('headingId', () => {
  it.each([
    ['Set-up on a fresh machine', 'set-up-on-a-fresh-machine'],
    ['What is in `dist/`', 'what-is-in-dist'],
    ['In front of a triplestore: `serve --backend`', 'in-front-of-a-triplestore-serve---backend'],
    ["Where the build's time goes", 'where-the-builds-time-goes'],
    ['0001. `asm-kg query` starts without a V8 snapshot', '0001-asm-kg-query-starts-without-a-v8-snapshot'],
    ['Links to [Wikidata](https://www.wikidata.org/)', 'links-to-wikidata'],
  ])('%s → #%s', (heading, id) => {
    expect(headingId(heading)).toBe(id);
  });

  it('numbers repeated headings as GitHub does, and skips headings in code blocks', () => {
    expect([...headingIds('# A\n## A\n```sh\n# A comment\n```\n### A\n')]).toEqual(['a', 'a-1', 'a-2']);
  });
});

describe('brokenLinks', () => {
  const file = join(ROOT, 'docs', 'example.md');
  const other = (path: string) => (path === join(ROOT, 'README.md') ? '# asm-kg\n## Set-up on a fresh machine\n' : '');

  it('accepts files, folders, headings of this file and of another, and leaves URLs alone', () => {
    const text = '# Example\n## A part\n[r](../README.md) [s](../src/) [a](#a-part) [b](../README.md#set-up-on-a-fresh-machine) [w](https://example.org/#x)\n';
    expect(brokenLinks(file, text, ROOT, other)).toEqual([]);
  });

  it('names a missing file, a missing heading, and a path outside the repository, with file and line', () => {
    const text = '# Example\n\nSee [x](missing.md), [y](#nowhere),\n[z](../README.md#no-such-part) and ![i](../../outside.png).\n';
    expect(brokenLinks(file, text, ROOT, other)).toEqual([
      'docs/example.md:3: missing.md: no such file',
      'docs/example.md:3: #nowhere: no heading with the id "nowhere"',
      'docs/example.md:4: ../README.md#no-such-part: no heading with the id "no-such-part"',
      'docs/example.md:4: ../../outside.png: points outside the repository',
    ]);
  });

  it('reads reference definitions, and ignores links inside code', () => {
    const text = '[ref]: gone.md\n\n`[x](gone-too.md)`\n\n```md\n[y](gone-three.md)\n```\n';
    expect(brokenLinks(file, text, ROOT, other)).toEqual(['docs/example.md:1: gone.md: no such file']);
  });
});

describe('wordingProblems', () => {
  it('finds tracker numbers and work-log phrases outside code', () => {
    const text = 'Fixed in issue 12.\nSee #8 for details.\nAs last session measured.\n`#1` and asm:Issue are fine; so is 5#3.\n';
    expect(wordingProblems('x.md', text)).toEqual(['x.md:1: "issue 12"', 'x.md:2: "#8"', 'x.md:3: "last session"']);
  });
});
