/**
 * How to cite the dataset, from data/release.json and nothing else: the citation text, BibTeX, and the
 * deposit metadata files at the top of the repository, CITATION.cff (GitHub's "Cite this repository", the
 * Citation File Format 1.2.0) and .zenodo.json (what Zenodo records when a GitHub release is archived and
 * given a DOI). The committed files are checked against these functions by test/site/citation.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BASE } from './iri.js';
import { PACKAGE_ROOT } from './paths.js';
import { readRelease, type Release } from './release.js';

/** The author the ontology names as creator (ontology/asm.ttl: <…/id/agent/asm-kg>, "asm-kg project"). */
export const AUTHOR = 'asm-kg project';
export const DATA_LICENCE = { spdx: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };
export const CODE_LICENCE = { spdx: 'MIT' };

const year = (release: Release) => release.modified.slice(0, 4);

/** The dataset's landing IRI (it resolves through w3id.org to the published site). */
export const landing = (base: string) => base;

export function citationText(release: Release, base: string): string {
  return `${AUTHOR} (${year(release)}). ${release.title} (version ${release.version}) [Data set]. ${landing(base)}`;
}

export function bibtex(release: Release, base: string): string {
  return `@misc{asm-kg-${release.version.replace(/\./g, '-')},
  author    = {{${AUTHOR}}},
  title     = {{${release.title}}},
  year      = {${year(release)}},
  version   = {${release.version}},
  howpublished = {\\url{${landing(base)}}},
  note      = {Data set, ${DATA_LICENCE.spdx}. The statements are quoted from the workshops summary of a regional learning event on artisanal and small-scale mining in the Asia-Pacific.}
}
`;
}

/** YAML double-quoted string. */
const yaml = (text: string) => JSON.stringify(text);

export function citationCff(release: Release, base: string): string {
  return `# Written from data/release.json by src/core/citation.ts (test/site/citation.test.ts keeps them equal;
# after editing data/release.json, "npm run citation" rewrites this file and .zenodo.json).
cff-version: 1.2.0
message: "If you use this dataset or its software, please cite it as below."
type: dataset
title: ${yaml(release.title)}
abstract: ${yaml(release.description)}
version: ${yaml(release.version)}
date-released: ${release.modified}
authors:
  - name: ${yaml(AUTHOR)}
license:
  - ${DATA_LICENCE.spdx}
  - ${CODE_LICENCE.spdx}
url: ${yaml(landing(base))}
keywords:
  - artisanal and small-scale mining
  - ASM
  - mining governance
  - knowledge graph
  - linked data
  - RDF
`;
}

export function zenodoJson(release: Release, base: string): string {
  const metadata = {
    title: release.title,
    description: release.description,
    upload_type: 'dataset',
    version: release.version,
    publication_date: release.modified,
    creators: [{ name: AUTHOR }],
    license: DATA_LICENCE.spdx.toLowerCase(),
    access_right: 'open',
    keywords: ['artisanal and small-scale mining', 'ASM', 'mining governance', 'knowledge graph', 'linked data', 'RDF'],
    related_identifiers: [{ identifier: landing(base), relation: 'isIdenticalTo', resource_type: 'dataset' }],
    notes: `The data is under ${DATA_LICENCE.spdx} and the software under ${CODE_LICENCE.spdx}. The statements are quoted verbatim from the workshops summary of a regional learning event on ASM governance in the Asia-Pacific; cite it together with this dataset.`,
  };
  return `${JSON.stringify(metadata, null, 2)}\n`;
}

/** Rewrites CITATION.cff and .zenodo.json from data/release.json (`npm run citation`). */
export function writeCitationFiles(root: string = PACKAGE_ROOT, base: string = DEFAULT_BASE): void {
  const release = readRelease(root);
  writeFileSync(join(root, 'CITATION.cff'), citationCff(release, base));
  writeFileSync(join(root, '.zenodo.json'), zenodoJson(release, base));
}
