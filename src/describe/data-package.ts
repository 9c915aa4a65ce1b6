/**
 * A release's tabular view as a Frictionless Data Package (https://datapackage.org, version 2): one
 * resource, the release's statements.csv by its absolute IRI (the folder is frozen), with its size, SHA-256,
 * CSV dialect and Table Schema (written from the release's own CSVW metadata: src/serialize/statements-table-schema.ts),
 * and the dataset's licence and source, as dist/dcat.ttl gives them.
 */
import type { Release } from '../core/release.js';
import { tableSchema, type CsvwTable } from '../serialize/statements-table-schema.js';
import { datasetIris } from './dcat.js';
import { CC_BY_4 } from './namespaces.js';
import type { ReleaseFile } from './release-files.js';
import { releaseFolderIri } from './ro-crate.js';

export interface DataPackageInput {
  base: string;
  version: string;
  release: Release;
  /** The release's statements.csv, as read from its folder. */
  csv: ReleaseFile;
  /** The release's statements.csv-metadata.json, parsed. */
  csvw: CsvwTable;
}

export function dataPackage(input: DataPackageInput): Record<string, unknown> {
  const { base, version, release, csv, csvw } = input;
  const ids = datasetIris(base, { ...release, version });
  const folder = releaseFolderIri(base, version);
  const lineTerminator = csvw.dialect?.lineTerminators?.[0];
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: `asm-kg-${version.replace(/\./g, '-')}`,
    id: ids.version,
    title: `${release.title}, release ${version}: statements table`,
    description: `One row per statement of release ${version}, verbatim, with its workshop, section, kind, stakeholders and (editorial) themes. The same table is described for CSV on the Web by ${folder}statements.csv-metadata.json, which maps each column to the ontology.`,
    version,
    homepage: base,
    licenses: [{ name: 'CC-BY-4.0', path: CC_BY_4, title: 'Creative Commons Attribution 4.0 International' }],
    sources: [{ title: 'Workshops summary of the ASM learning event', path: ids.source }],
    contributors: [{ title: 'asm-kg project', path: base, roles: ['publisher', 'creator'] }],
    resources: [{
      name: 'statements',
      type: 'table',
      path: folder + csv.name,
      ...(csvw['dc:title'] ? { title: csvw['dc:title'] } : {}),
      format: 'csv',
      mediatype: csv.mediaType,
      encoding: csvw.dialect?.encoding ?? 'utf-8',
      bytes: csv.bytes,
      hash: `sha256:${csv.sha256}`,
      dialect: { $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json', header: csvw.dialect?.header ?? true, ...(lineTerminator ? { lineTerminator } : {}) },
      schema: tableSchema(csvw),
    }],
  };
}
