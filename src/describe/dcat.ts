/**
 * DCAT 3 description of the catalogue, the dataset, this version of it, and one distribution per file,
 * with media type, byte size, SHA-256 checksum (spdx:checksum), download URL and licence.
 */
import type { Quad } from 'n3';
import type { Release } from '../core/release.js';
import { downloadUrl } from '../core/release.js';
import { CC_BY_4, DCAT, DCTERMS, FOAF, IANA_MEDIA_TYPES, RDF_TYPE, RDFS, SPDX, VCARD, VOID } from './namespaces.js';
import type { ReleaseFile } from './release-files.js';
import { blank, date, en, iri, Triples, typed } from './triples.js';

export interface DatasetIris { catalog: string; dataset: string; version: string; publisher: string; source: string }

export function datasetIris(base: string, release: Release): DatasetIris {
  return {
    catalog: `${base}catalog`,
    dataset: `${base}dataset`,
    version: `${base}dataset/${release.version}`,
    publisher: `${base}id/agent/asm-kg`,
    source: `${base}id/source/workshops-summary`,
  };
}

export const distributionIri = (ids: DatasetIris, file: ReleaseFile): string => `${ids.version}/distribution/${file.name}`;

export const ATTRIBUTION = 'The statements are quoted verbatim from the "Workshops" summary page of the regional learning event on artisanal and small-scale mining (ASM) in the Asia-Pacific; attribute that page together with the asm-kg dataset.';

export function describeCatalog(base: string, release: Release, files: ReleaseFile[], themes: Array<[string, string]>): Quad[] {
  const ids = datasetIris(base, release);
  const t = new Triples();
  t.add(ids.catalog, RDF_TYPE, iri(`${DCAT}Catalog`))
    .add(ids.catalog, `${DCTERMS}title`, en('asm-kg data catalogue'))
    .add(ids.catalog, `${DCTERMS}publisher`, iri(ids.publisher))
    .add(ids.catalog, `${DCAT}dataset`, iri(ids.dataset));

  for (const subject of [ids.dataset, ids.version]) {
    t.add(subject, RDF_TYPE, iri(`${DCAT}Dataset`))
      .add(subject, `${DCTERMS}title`, en(release.title))
      .add(subject, `${DCTERMS}description`, en(release.description))
      .add(subject, `${DCTERMS}publisher`, iri(ids.publisher))
      .add(subject, `${DCTERMS}creator`, iri(ids.publisher))
      .add(subject, `${DCAT}contactPoint`, blank('contact'))
      .add(subject, `${DCTERMS}license`, iri(CC_BY_4))
      .add(subject, `${DCTERMS}rights`, en(ATTRIBUTION))
      .add(subject, `${DCTERMS}source`, iri(ids.source))
      .add(subject, `${DCTERMS}language`, iri('http://publications.europa.eu/resource/authority/language/ENG'))
      .add(subject, `${DCTERMS}issued`, date(release.issued))
      .add(subject, `${DCAT}keyword`, ...themes.map(([, label]) => en(label)))
      .add(subject, `${DCAT}theme`, ...themes.map(([theme]) => iri(theme)));
  }
  t.add(ids.dataset, `${DCAT}hasVersion`, iri(ids.version))
    .add(ids.dataset, `${DCAT}hasCurrentVersion`, iri(ids.version))
    .add(ids.version, `${DCAT}isVersionOf`, iri(ids.dataset))
    .add(ids.version, `${DCAT}version`, release.version)
    .add(ids.version, `${DCTERMS}modified`, date(release.modified))
    .add(ids.version, `${RDFS}seeAlso`, iri(`${base}dist/void.ttl`));
  // Earlier releases stay published, unchanged, in their own dist/<version>/ folders.
  const previous = release.previousVersions.map((v) => `${base}dataset/${v}`);
  previous.forEach((older, i) => {
    t.add(ids.dataset, `${DCAT}hasVersion`, iri(older))
      .add(older, RDF_TYPE, iri(`${DCAT}Dataset`))
      .add(older, `${DCAT}isVersionOf`, iri(ids.dataset))
      .add(older, `${DCAT}version`, release.previousVersions[i]!)
      .add(older, `${DCAT}landingPage`, iri(`${base}dist/${release.previousVersions[i]}/`));
    if (i > 0) t.add(older, `${DCAT}previousVersion`, iri(previous[i - 1]!));
  });
  if (previous.length > 0) t.add(ids.version, `${DCAT}previousVersion`, iri(previous[previous.length - 1]!));

  t.add(ids.publisher, RDF_TYPE, iri(`${FOAF}Organization`))
    .add(ids.publisher, `${FOAF}name`, 'asm-kg project')
    .add('_:contact', RDF_TYPE, iri(`${VCARD}Organization`))
    .add('_:contact', `${VCARD}fn`, 'asm-kg project')
    .add('_:contact', `${VCARD}hasURL`, iri(base));

  for (const file of files) {
    const distribution = distributionIri(ids, file);
    const checksum = `_:sha256-${file.name}`;
    t.add(ids.version, `${DCAT}distribution`, iri(distribution))
      .add(distribution, RDF_TYPE, iri(`${DCAT}Distribution`))
      .add(distribution, `${DCTERMS}title`, en(file.title))
      .add(distribution, `${DCAT}downloadURL`, iri(downloadUrl(base, release, file.name)))
      .add(distribution, `${DCAT}accessURL`, iri(downloadUrl(base, release, file.name)))
      .add(distribution, `${DCAT}byteSize`, typed(String(file.bytes), 'http://www.w3.org/2001/XMLSchema#nonNegativeInteger'))
      .add(distribution, `${DCTERMS}license`, iri(CC_BY_4))
      .add(distribution, `${DCTERMS}issued`, date(release.modified))
      .add(distribution, `${SPDX}checksum`, blank(checksum.slice(2)))
      .add(checksum, RDF_TYPE, iri(`${SPDX}Checksum`))
      .add(checksum, `${SPDX}algorithm`, iri(`${SPDX}checksumAlgorithm_sha256`))
      .add(checksum, `${SPDX}checksumValue`, typed(file.sha256, 'http://www.w3.org/2001/XMLSchema#hexBinary'));
    if (file.compresses) {
      const inner = files.find((f) => f.name === file.compresses)!;
      t.add(distribution, `${DCAT}mediaType`, iri(IANA_MEDIA_TYPES + inner.mediaType))
        .add(distribution, `${DCAT}compressFormat`, iri(IANA_MEDIA_TYPES + file.mediaType));
    } else {
      t.add(distribution, `${DCAT}mediaType`, iri(IANA_MEDIA_TYPES + file.mediaType));
    }
    if (file.triples !== undefined) t.add(distribution, `${VOID}triples`, file.triples);
  }
  return t.quads;
}
