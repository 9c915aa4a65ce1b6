/**
 * Citation and deposit metadata: CITATION.cff and .zenodo.json say what data/release.json says (they are
 * written from it by src/core/citation.ts; `npm run citation` rewrites them), and the home page's
 * "How to cite" section is built from the same source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citeSection } from '../../src/render/pages/cite.js';
import { readRelease } from '../../src/core/release.js';
import { citationCff, citationText, zenodoJson } from '../../src/core/citation.js';
import { ROOT } from '../support/project.js';

const BASE = 'https://w3id.org/asm-kg/';
const release = readRelease(ROOT);

describe('citation files', () => {
  it('CITATION.cff is the one written from data/release.json (else: npm run citation)', () => {
    expect(readFileSync(join(ROOT, 'CITATION.cff'), 'utf8')).toBe(citationCff(release, BASE));
  });

  it('.zenodo.json is the one written from data/release.json (else: npm run citation)', () => {
    expect(readFileSync(join(ROOT, '.zenodo.json'), 'utf8')).toBe(zenodoJson(release, BASE));
  });

  it("carry the release's version, date, title and licences", () => {
    const cff = readFileSync(join(ROOT, 'CITATION.cff'), 'utf8');
    expect(cff).toContain(`version: "${release.version}"\ndate-released: ${release.modified}\n`);
    expect(cff).toContain(`title: ${JSON.stringify(release.title)}`);
    const zenodo = JSON.parse(readFileSync(join(ROOT, '.zenodo.json'), 'utf8')) as Record<string, unknown>;
    expect(zenodo).toMatchObject({ title: release.title, version: release.version, publication_date: release.modified, upload_type: 'dataset', license: 'cc-by-4.0' });
  });

  it('the "How to cite" section gives the citation and BibTeX, escaped', () => {
    const html = citeSection({ ...release, title: 'A <b>title</b>' }, BASE, { href: (path) => path });
    expect(html).toContain('<h2 id="cite">How to cite</h2>');
    expect(html).toContain(`asm-kg project (${release.modified.slice(0, 4)}). A &lt;b&gt;title&lt;/b&gt; (version ${release.version}) [Data set]. ${BASE}`);
    expect(html).toContain('@misc{asm-kg-');
    expect(citationText(release, BASE)).toBe(`asm-kg project (${release.modified.slice(0, 4)}). ${release.title} (version ${release.version}) [Data set]. ${BASE}`);
  });
});
