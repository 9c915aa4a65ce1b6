/**
 * A Markdown document of the repository (a guide of docs/, a decision record) as the HTML of a page.
 *
 * markdown-it reads CommonMark with GitHub's tables, the dialect the documents are written in, so the page
 * says what the file says on GitHub. Raw HTML in a document is shown as text, never passed through: the pages
 * are served under a policy without inline script or style (a table column's alignment becomes a class). Headings get GitHub's ids, so that a link to
 * `engines.md#a-lighter-query-process` finds its section on the page as it does on GitHub.
 *
 * Links: `resolve` is given the repository path a relative link names (`docs/engines.md`), and answers the
 * path of the page that publishes it, or undefined when the publication has no such page (source files,
 * the README): such a link keeps its words and loses its target, since a link to nowhere helps no reader.
 * Links with a scheme and links to a heading of the same page are kept as they are. Images whose file is not
 * published show their alternative text.
 */
import MarkdownIt from 'markdown-it';
import { posix } from 'node:path';
import { headingId } from './heading-id.js';

export interface MarkdownLinks {
  /** The repository path of the document being rendered, e.g. "docs/serving.md". */
  file: string;
  /** The href of the page publishing a repository path, with no fragment; undefined when none does. */
  resolve(repositoryPath: string): string | undefined;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** A target with a scheme (https:, mailto:) or protocol-relative: outside the repository. */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

export function renderMarkdown(markdown: string, links: MarkdownLinks): string {
  const env = {};
  const tokens = md.parse(markdown, env);
  const seen = new Map<string, number>();
  const here = posix.dirname(links.file);

  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') {
      // GitHub's ids, with -1, -2 … for a repeated heading.
      const id = headingId(tokens[i + 1]?.content ?? '');
      const count = seen.get(id) ?? 0;
      seen.set(id, count + 1);
      token.attrSet('id', count === 0 ? id : `${id}-${count}`);
    }
    if ((token.type === 'th_open' || token.type === 'td_open') && token.attrGet('style') !== null) {
      // A column's alignment as a class: the pages' policy allows no inline style.
      const align = /text-align:(left|center|right)/.exec(String(token.attrGet('style')))?.[1];
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      if (align !== undefined) token.attrJoin('class', `align-${align}`);
    }
    if (token.type !== 'inline' || token.children === null) return;
    const open: boolean[] = [];
    for (const child of token.children) {
      if (child.type === 'link_open') {
        const href = String(child.attrGet('href') ?? '');
        const target = EXTERNAL.test(href) || href.startsWith('#') ? href : published(href);
        open.push(target !== undefined);
        if (target === undefined) child.meta = { unlinked: true };
        else child.attrSet('href', target);
      } else if (child.type === 'link_close') {
        if (open.pop() === false) child.meta = { unlinked: true };
      } else if (child.type === 'image') {
        const src = String(child.attrGet('src') ?? '');
        const target = EXTERNAL.test(src) ? undefined : published(src);
        if (target === undefined) child.meta = { unlinked: true };
        else child.attrSet('src', target);
      }
    }
  });

  function published(href: string): string | undefined {
    const hash = href.indexOf('#');
    const path = hash < 0 ? href : href.slice(0, hash);
    const fragment = hash < 0 ? '' : href.slice(hash);
    const page = links.resolve(posix.normalize(posix.join(here, decodeURI(path))));
    return page === undefined ? undefined : page + fragment;
  }

  return renderer.render(tokens, md.options, env);
}

const renderer = md.renderer;
const defaultRule = (name: 'link_open' | 'link_close') => renderer.rules[name] ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
const linkOpen = defaultRule('link_open');
const linkClose = defaultRule('link_close');
renderer.rules.link_open = (tokens, i, options, env, self) => (tokens[i]!.meta?.unlinked ? '' : linkOpen(tokens, i, options, env, self));
renderer.rules.link_close = (tokens, i, options, env, self) => (tokens[i]!.meta?.unlinked ? '' : linkClose(tokens, i, options, env, self));
const image = renderer.rules.image!;
renderer.rules.image = (tokens, i, options, env, self) => {
  const token = tokens[i]!;
  if (!token.meta?.unlinked) return image(tokens, i, options, env, self);
  return `<span class="missing-image">[${md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env))}]</span>`;
};

/** A Markdown paragraph as plain text, for a summary: emphasis dropped, links keep their words, code its text. */
export function markdownText(markdown: string): string {
  const words: string[] = [];
  for (const token of md.parseInline(markdown, {})) {
    for (const child of token.children ?? []) {
      if (child.type === 'text' || child.type === 'code_inline') words.push(child.content);
      else if (child.type === 'softbreak' || child.type === 'hardbreak') words.push(' ');
    }
  }
  return words.join('').replace(/\s+/g, ' ').trim();
}
