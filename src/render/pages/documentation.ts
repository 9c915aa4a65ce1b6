/**
 * The documentation page (/docs): the guides of docs/ and the decision records of docs/decisions/, each with
 * its title and first paragraph, served beside it as the Markdown files they are (/docs/<file>). Read from the
 * folder, so that the site lists what the repository holds; a project without docs/ has no page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, link, type PageLinks } from '../layout.js';
import type { Rendered } from './workshop.js';

export const DOCS_FOLDER = 'docs';
export const DOCS_PATH = '/docs';

export interface Document {
  /** The path under docs/ ("serving.md", "decisions/0002-no-address-space-limit.md"). */
  file: string;
  /** The first heading, and the first paragraph as plain text. */
  title: string;
  summary: string;
}

export interface Documentation {
  guides: Document[];
  decisions: Document[];
}

/** A Markdown paragraph as plain text: links keep their words, code spans their text. */
const plain = (markdown: string): string => markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`([^`]*)`/g, '$1').replace(/\s+/g, ' ').trim();

/** The Markdown files of one folder of docs/ (its README last: it indexes the others), by name. */
function readFolder(root: string, folder: string): Document[] {
  const dir = join(root, DOCS_FOLDER, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md').sort().map((name) => {
    const file = folder === '' ? name : `${folder}/${name}`;
    const [heading, ...paragraphs] = readFileSync(join(dir, name), 'utf8').split(/\n\s*\n/);
    // A decision record opens with "## Context": its summary is the paragraph under it.
    const first = paragraphs.find((p) => !p.startsWith('#')) ?? '';
    return { file, title: plain(heading!.replace(/^#\s*/, '')), summary: plain(first) };
  });
}

/** The guides (docs/*.md) and the decision records (docs/decisions/*.md); none when there is no docs/. */
export function readDocumentation(root: string): Documentation {
  return { guides: readFolder(root, ''), decisions: readFolder(root, 'decisions') };
}

/** The files /docs/<file> serves: each document as the Markdown it is. */
export function documentationFiles(root: string, docs: Documentation): Array<{ path: string; mediaType: string; body: string }> {
  return [...docs.guides, ...docs.decisions].map((d) => ({
    path: `${DOCS_PATH}/${d.file}`,
    mediaType: 'text/markdown',
    body: readFileSync(join(root, DOCS_FOLDER, d.file), 'utf8'),
  }));
}

export function documentationPage(links: PageLinks, docs: Documentation): Rendered {
  const guides = docs.guides.map((d) => `<h3>${link(links, `${DOCS_PATH}/${d.file}`, d.title)}</h3>
<p>${escapeHtml(d.summary)}</p>`).join('\n');
  const decisions = docs.decisions.map((d) => `<li>${link(links, `${DOCS_PATH}/${d.file}`, d.title)}</li>`).join('\n');
  const main = `<h1>Documentation</h1>
<p>How the software that publishes this knowledge graph works, how to query, serve and publish it, and what was measured. Each document is the Markdown file of the project's <code>docs/</code> folder.</p>
<h2>Guides</h2>
${guides}
${decisions === '' ? '' : `<h2>Decisions</h2>
<p>Alternatives that were measured and not adopted, each with its figures.</p>
<ul>
${decisions}
</ul>`}`;
  return { title: 'Documentation', crumbs: [{ label: 'Documentation' }], main, description: 'How the software behind the ASM knowledge graph works: querying, serving, publishing, the model, and what was measured.' };
}
