/**
 * A release as an RO-Crate (https://w3id.org/ro/crate/1.2): the metadata document of a Detached RO-Crate
 * Package whose Root Data Entity is the release folder, https://w3id.org/asm-kg/dist/<version>/. A released
 * folder is frozen (no file may be added to it), so the document lives outside it (src/build/release-packages.ts
 * says where) and names every file by its absolute IRI, as a detached crate does.
 *
 * It says what dist/dcat.ttl and dist/dataset.jsonld say of the same release (title, licence, publisher,
 * source, version, files, sizes, SHA-256), from the same constants; test/packages.test.ts checks the two agree.
 */
import type { Release } from '../core/release.js';
import { citationText } from '../core/citation.js';
import { ATTRIBUTION, datasetIris } from './dcat.js';
import { CC_BY_4 } from './namespaces.js';
import type { FolderFile } from './release-folder.js';

export const RO_CRATE_SPEC = 'https://w3id.org/ro/crate/1.2';
export const RO_CRATE_CONTEXT = `${RO_CRATE_SPEC}/context`;

/** The software that built a release, as its CreateAction's instrument. */
export interface BuildingSoftware { name: string; version: string; repository?: string }

export interface CrateInput {
  base: string;
  /** The release whose folder is described (its version and date), and the dataset's title and description. */
  version: string;
  datePublished: string;
  release: Release;
  files: FolderFile[];
  software: BuildingSoftware;
  /** The IRI of the release's Frictionless data package, which describes its statements.csv too. */
  dataPackage?: string;
}

type Entity = Record<string, unknown> & { '@id': string };
const ref = (id: string) => ({ '@id': id });

export const releaseFolderIri = (base: string, version: string): string => `${base}dist/${version}/`;

export function roCrateMetadata(input: CrateInput): Record<string, unknown> {
  const { base, version, release, files, software } = input;
  const ids = datasetIris(base, { ...release, version });
  const root = releaseFolderIri(base, version);
  const current = version === release.version;
  const softwareId = `#${software.name}-${software.version}`;
  const buildId = `#build-${version}`;
  const formats = new Map(files.flatMap((f) => (f.format ? [[f.format.iri, f.format.name] as const] : [])));

  const graph: Entity[] = [
    { '@id': 'ro-crate-metadata.json', '@type': 'CreativeWork', conformsTo: ref(RO_CRATE_SPEC), about: ref(root) },
    {
      '@id': root,
      '@type': 'Dataset',
      name: current ? release.title : `${release.title}, release ${version}`,
      description: current ? release.description
        : `Release ${version} of the ${release.title}, as published in ${root} and frozen since: its statements, editorial readings and links as they stood then (the project's CHANGELOG.md says what each release changed).`,
      version,
      datePublished: input.datePublished,
      license: ref(CC_BY_4),
      creditText: `${citationText({ ...release, version, modified: input.datePublished }, base)} ${ATTRIBUTION}`,
      url: base,
      // The same release as DCAT's and schema.org's dataset version, which dist/dcat.ttl describes file by file.
      sameAs: ref(ids.version),
      isPartOf: ref(ids.dataset),
      publisher: ref(ids.publisher),
      creator: ref(ids.publisher),
      isBasedOn: ref(ids.source),
      inLanguage: 'en',
      hasPart: files.map((f) => ref(root + f.name)),
      ...(input.dataPackage ? { subjectOf: ref(input.dataPackage) } : {}),
    },
    ...files.map((f): Entity => ({
      '@id': root + f.name,
      '@type': 'File',
      name: f.title,
      encodingFormat: f.format ? [f.mediaType, ref(f.format.iri)] : f.mediaType,
      contentSize: String(f.bytes),
      sha256: f.sha256,
      license: ref(CC_BY_4),
      ...(f.compresses ? { isBasedOn: ref(root + f.compresses) } : {}),
      ...(f.name === 'statements.csv' ? { subjectOf: [ref(`${root}statements.csv-metadata.json`), ...(input.dataPackage ? [ref(input.dataPackage)] : [])] } : {}),
    })),
    ...[...formats].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, name]): Entity => ({ '@id': id, '@type': 'WebPage', name })),
    { '@id': CC_BY_4, '@type': 'CreativeWork', name: 'Creative Commons Attribution 4.0 International', identifier: 'CC-BY-4.0' },
    { '@id': ids.publisher, '@type': 'Organization', name: 'asm-kg project', url: base },
    { '@id': ids.dataset, '@type': 'Dataset', name: release.title, url: base },
    { '@id': ids.source, '@type': 'WebPage', name: 'Workshops summary of the ASM learning event',
      description: 'The "Workshops" page of the learning event\'s web site, which every statement quotes verbatim; the project keeps a plain-text copy of it (data/source/workshops-summary.txt).' },
    ...(input.dataPackage ? [{ '@id': input.dataPackage, '@type': 'CreativeWork', name: `Frictionless data package of release ${version}: statements.csv with its Table Schema`,
      encodingFormat: 'application/json', conformsTo: ref('https://datapackage.org/profiles/2.0/datapackage.json'), about: ref(`${root}statements.csv`) }] : []),
    {
      '@id': softwareId,
      '@type': 'SoftwareApplication',
      name: software.name,
      softwareVersion: software.version,
      url: base,
      ...(software.repository ? { codeRepository: software.repository } : {}),
    },
    {
      '@id': buildId,
      '@type': 'CreateAction',
      name: `asm-kg build of release ${version}`,
      instrument: ref(softwareId),
      object: ref(ids.source),
      result: ref(root),
      endTime: input.datePublished,
      agent: ref(ids.publisher),
    },
  ];
  return { '@context': RO_CRATE_CONTEXT, '@graph': graph };
}
