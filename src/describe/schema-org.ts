/**
 * A schema.org Dataset in JSON-LD (dist/dataset.jsonld), the form dataset search engines index.
 */
import type { Release } from '../core/release.js';
import { downloadUrl } from '../core/release.js';
import { ATTRIBUTION, datasetIris } from './dcat.js';
import { CC_BY_4 } from './namespaces.js';
import type { ReleaseFile } from './release-files.js';

export function schemaOrgDataset(base: string, release: Release, files: ReleaseFile[], keywords: string[]): Record<string, unknown> {
  const ids = datasetIris(base, release);
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': ids.version,
    name: release.title,
    description: release.description,
    url: base,
    version: release.version,
    datePublished: release.issued,
    dateModified: release.modified,
    inLanguage: 'en',
    license: CC_BY_4,
    creditText: ATTRIBUTION,
    isAccessibleForFree: true,
    keywords: ['artisanal and small-scale mining', 'ASM', 'mining governance', 'Asia-Pacific', ...keywords],
    creator: { '@type': 'Organization', '@id': ids.publisher, name: 'asm-kg project' },
    publisher: { '@type': 'Organization', '@id': ids.publisher, name: 'asm-kg project' },
    isBasedOn: { '@type': 'WebPage', '@id': ids.source, name: 'Workshops summary of the ASM learning event' },
    isPartOf: { '@type': 'DataCatalog', '@id': ids.catalog, name: 'asm-kg data catalogue' },
    distribution: files.map((file) => ({
      '@type': 'DataDownload',
      name: file.title,
      contentUrl: downloadUrl(base, release, file.name),
      encodingFormat: file.compresses ? 'application/gzip' : file.mediaType,
      contentSize: `${file.bytes} B`,
      sha256: file.sha256,
    })),
  };
}
