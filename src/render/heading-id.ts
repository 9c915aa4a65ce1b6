/**
 * GitHub's id for a Markdown heading (as github-slugger makes it): lower case, punctuation dropped, spaces as
 * hyphens. The documentation's anchors are written against GitHub's ids, and the documentation pages give
 * their headings the same ids, so one anchor works in both places.
 */
export function headingId(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}
