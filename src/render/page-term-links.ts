/**
 * Term links for a page that may be served or written to a static folder: an IRI under the base links to
 * its page through PageLinks (a path on the server, a relative file on the site), any other http(s) IRI to itself.
 */
import type { PageLinks } from './layout.js';
import { Links } from './html.js';

export class PageTermLinks extends Links {
  constructor(base: string, private readonly pages: PageLinks) {
    super(base);
  }

  override local(iri: string): string | undefined {
    const path = super.local(iri);
    return path === undefined ? undefined : this.pages.href(path);
  }
}
