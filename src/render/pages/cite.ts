/**
 * The "How to cite" section for the home page, built from data/release.json (src/core/citation.ts): the
 * citation, BibTeX, the licence, and the source the statements are quoted from.
 */
import type { Release } from '../../core/release.js';
import { bibtex, citationText, DATA_LICENCE } from '../../core/citation.js';
import { escapeHtml, link, type PageLinks } from '../layout.js';

export function citeSection(release: Release, base: string, links: PageLinks): string {
  return `<h2 id="cite">How to cite</h2>
<p class="citation">${escapeHtml(citationText(release, base))}</p>
<details><summary>BibTeX</summary>
<pre><code>${escapeHtml(bibtex(release, base))}</code></pre>
</details>
<p>The data is under <a href="${DATA_LICENCE.url}">CC BY 4.0</a>. The statements are quoted verbatim from the workshops summary of the learning event (the graph's ${link(links, '/id/source/workshops-summary', 'source document')}): cite it together with this dataset. Each release's files stay at their address under ${link(links, '/dist/', 'the downloads')}.</p>`;
}
