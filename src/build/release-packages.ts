/**
 * Every release's packages, written beside its folder: dist/packages/<version>/ holds the release's
 * RO-Crate (a Detached RO-Crate Package, asm-kg-<version>-ro-crate-metadata.json) and its Frictionless data
 * package (datapackage.json). A released folder is frozen, so nothing can be added to it; its packages
 * describe it from outside, by absolute IRIs, and are made from its bytes as they are in dist/<version>/.
 *
 * The names: the Frictionless standard names its descriptor datapackage.json; RO-Crate 1.2 asks a detached
 * crate's file to be `${prefix}-ro-crate-metadata.json`, so that no tool takes the folder holding it for the
 * crate's root. One folder per version keeps both standard names free of clashes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseDate } from '../core/release-dates.js';
import { dataPackage } from '../describe/data-package.js';
import { describeReleaseFolder } from '../describe/release-folder.js';
import { roCrateMetadata, type BuildingSoftware } from '../describe/ro-crate.js';
import type { Release, WrittenFile } from '../core/release.js';
import type { CsvwTable } from '../serialize/statements-table-schema.js';

/** Where a version's packages go, relative to dist/. */
export const packagesFolder = (version: string): string => `packages/${version}`;
export const roCrateFile = (version: string): string => `${packagesFolder(version)}/asm-kg-${version}-ro-crate-metadata.json`;
export const dataPackageFile = (version: string): string => `${packagesFolder(version)}/datapackage.json`;

export interface PackagesInput {
  /** The dist/ folder being written, with every version folder in it already. */
  distFolder: string;
  /** The project: CHANGELOG.md dates the released versions. */
  root: string;
  /** The package that builds (its package.json names the software and its version). */
  packageRoot: string;
  base: string;
  release: Release;
  /** The versions whose folders are in distFolder: the released ones carried over and the current one. */
  versions: string[];
}

/** Writes both packages of every version, and reports the files written. */
export function writeReleasePackages(input: PackagesInput): WrittenFile[] {
  const { distFolder, root, base, release } = input;
  const software = buildingSoftware(input.packageRoot);
  const written: WrittenFile[] = [];
  const write = (name: string, json: unknown) => {
    const text = `${JSON.stringify(json, null, 2)}\n`;
    mkdirSync(join(distFolder, name, '..'), { recursive: true });
    writeFileSync(join(distFolder, name), text);
    written.push({ name, bytes: Buffer.byteLength(text), triples: undefined });
  };
  for (const version of input.versions) {
    const folder = join(distFolder, version);
    const files = describeReleaseFolder(folder);
    const current = version === release.version;
    const datePublished = current ? release.modified : releaseDate(root, version);
    const csv = files.find((f) => f.name === 'statements.csv');
    const csvwPath = join(folder, 'statements.csv-metadata.json');
    const hasPackage = csv !== undefined && files.some((f) => f.name === 'statements.csv-metadata.json');
    if (hasPackage) {
      const csvw = JSON.parse(readFileSync(csvwPath, 'utf8')) as CsvwTable;
      write(dataPackageFile(version), dataPackage({ base, version, release, csv, csvw }));
    }
    write(roCrateFile(version), roCrateMetadata({
      base, version, datePublished, release, files,
      // The package's version has followed the data's since the first release: a released folder was built by
      // asm-kg at its own version, the current one by this package.
      software: { ...software, version: current ? software.version : version },
      ...(hasPackage ? { dataPackage: `${base}dist/${dataPackageFile(version)}` } : {}),
    }));
  }
  return written;
}

/** The building software as package.json names it (and its repository, if it gives one). */
function buildingSoftware(packageRoot: string): BuildingSoftware {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { name: string; version: string; repository?: string | { url?: string } };
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  return { name: manifest.name, version: manifest.version, ...(repository ? { repository } : {}) };
}
