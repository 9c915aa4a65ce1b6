/**
 * The documentation (/docs): a page listing the guides of docs/ and the decision records of docs/decisions/,
 * each with its title and first paragraph; a page for each document (/docs/serving,
 * /docs/decisions/0001-…), its Markdown rendered as HTML (render/markdown.ts); and each Markdown file beside
 * its page as it is in the repository (/docs/serving.md). Read from the folder, so that the site lists what
 * the repository holds; a project without docs/ has no documentation pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, link, type PageLinks } from '../layout.js';
import { markdownText, renderMarkdown } from '../markdown.js';
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


/** The Markdown files of one folder of docs/ (its README last: it indexes the others), by name. */
function readFolder(root: string, folder: string): Document[] {
  const dir = join(root, DOCS_FOLDER, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md').sort().map((name) => {
    const file = folder === '' ? name : `${folder}/${name}`;
    const [heading, ...paragraphs] = readFileSync(join(dir, name), 'utf8').split(/\n\s*\n/);
    // A decision record opens with "## Context": its summary is the paragraph under it.
    const first = paragraphs.find((p) => !p.startsWith('#')) ?? '';
    return { file, title: markdownText(heading!.replace(/^#\s*/, '')), summary: markdownText(first) };
  });
}

/** The guides (docs/*.md) and the decision records (docs/decisions/*.md); none when there is no docs/. */
export function readDocumentation(root: string): Documentation {
  return { guides: readFolder(root, ''), decisions: readFolder(root, 'decisions') };
}

/** The path of a document's page: its file under /docs, without ".md". */
export function documentPath(doc: Document): string {
  return `${DOCS_PATH}/${doc.file.replace(/\.md$/, '')}`;
}

/** The document whose page a path is, if any. */
export function documentAt(docs: Documentation, path: string): Document | undefined {
  return [...docs.guides, ...docs.decisions].find((d) => documentPath(d) === path);
}

/** The paths of every document's page. */
export function documentPaths(docs: Documentation): string[] {
  return [...docs.guides, ...docs.decisions].map(documentPath);
}

/** One document as a page: its Markdown as HTML, its links to other documents as links to their pages. */
export function documentPage(root: string, links: PageLinks, docs: Documentation, doc: Document): Rendered {
  const markdown = readFileSync(join(root, DOCS_FOLDER, doc.file), 'utf8');
  const html = renderMarkdown(markdown, {
    file: `${DOCS_FOLDER}/${doc.file}`,
    resolve(repositoryPath) {
      const target = [...docs.guides, ...docs.decisions].find((d) => `${DOCS_FOLDER}/${d.file}` === repositoryPath);
      return target === undefined ? undefined : links.href(documentPath(target));
    },
  });
  const source = link(links, `${DOCS_PATH}/${doc.file}`, doc.file.split('/').pop()!);
  const main = `<article class="document">
${html}
</article>
<p class="document-source">This page is the project's <code>docs/${escapeHtml(doc.file)}</code>; the Markdown file itself: ${source}.</p>`;
  const decision = doc.file.startsWith('decisions/');
  return {
    title: doc.title,
    crumbs: [{ label: 'Documentation', path: DOCS_PATH }, { label: decision ? `Decision: ${doc.title}` : doc.title }],
    main,
    description: doc.summary.length > 300 ? `${doc.summary.slice(0, 297)}…` : doc.summary,
  };
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
  const guides = docs.guides.map((d) => `<h3>${link(links, documentPath(d), d.title)}</h3>
<p>${escapeHtml(d.summary)} <span class="document-source">(${link(links, `${DOCS_PATH}/${d.file}`, 'Markdown')})</span></p>`).join('\n');
  const decisions = docs.decisions.map((d) => `<li>${link(links, documentPath(d), d.title)}</li>`).join('\n');
  const main = `<h1>Documentation</h1>
<p>How the software that publishes this knowledge graph works, how to query, serve and publish it, and what was measured. Each page is a Markdown file of the project's <code>docs/</code> folder, which is linked beside it.</p>
<h2>Guides</h2>
${guides}
${decisions === '' ? '' : `<h2>Decisions</h2>
<p>Alternatives that were measured and not adopted, each with its figures.</p>
<ul>
${decisions}
</ul>`}`;
  return { title: 'Documentation', crumbs: [{ label: 'Documentation' }], main, description: 'How the software behind the ASM knowledge graph works: querying, serving, publishing, the model, and what was measured.' };
}
