/**
 * Every IRI the resource index describes gets a page from render/pages, not only those the site lists:
 * serve's linked data has no other HTML for a resource. A store from another source (serve --backend)
 * may name a hash namespace only through its fragments, which no triple names itself.
 */
import { describe, expect, it } from 'vitest';
import { Parser, Store } from 'n3';
import { createPages } from '../../src/render/pages/index.js';
import { ResourceIndex } from '../../src/render/resource-index.js';
import { readRelease } from '../../src/core/release.js';
import { BASE, LINKS, ROOT } from './support.js';

describe('pages of resources the site does not list', () => {
  it('renders the page of a hash namespace that only its fragments name', () => {
    const store = new Store(new Parser().parse(`<${BASE}vocab#Term> <http://www.w3.org/2000/01/rdf-schema#label> "A term" .`));
    const index = new ResourceIndex(store, BASE);
    expect(index.has(`${BASE}vocab`)).toBe(true);
    const pages = createPages({ store, base: BASE, release: readRelease(ROOT), root: ROOT });
    expect(pages.paths()).not.toContain('/vocab');
    const page = pages.render('/vocab', new URLSearchParams(), LINKS);
    expect(page?.status).toBe(200);
    expect(page?.title).toBe('vocab');
    expect(page?.html).toContain(`<p><code>${BASE}vocab</code></p>`);
    // The description (and so its JSON-LD block) holds the fragment's triple.
    expect(page?.html).toContain('"A term"');
  });
});
