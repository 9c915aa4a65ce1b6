/**
 * Each release's packages (dist/packages/<version>/): its RO-Crate, validated by the ro-crate library and
 * checked file by file against the frozen bytes and against the DCAT and schema.org descriptions; and its
 * Frictionless data package, checked column by column against the CSVW metadata and read back by pandas
 * with the types it declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Parser, Store } from 'n3';
import { dataPackageFile, roCrateFile } from '../src/build/release-packages.js';
import { releaseDate } from '../src/core/release-dates.js';
import { describeReleaseFolder } from '../src/describe/release-folder.js';
import { readRelease } from '../src/core/release.js';
import { statementsCsvMetadata } from '../src/serialize/statements-csv.js';
import { tableFields, type CsvwTable } from '../src/serialize/statements-table-schema.js';
import { DIST, ROOT } from './support/project.js';

const run = promisify(execFile);
const BASE = 'https://w3id.org/asm-kg/';
const PYTHON = '/usr/bin/python3';
const release = readRelease(ROOT);
const VERSIONS = [...release.previousVersions, release.version];
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const SPDX = 'http://spdx.org/rdf/terms#';

type Entity = Record<string, unknown> & { '@id': string; '@type': string | string[] };
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const crateOf = (version: string) => readJson(join(DIST, roCrateFile(version))) as { '@context': unknown; '@graph': Entity[] };
const entity = (crate: { '@graph': Entity[] }, id: string) => crate['@graph'].find((e) => e['@id'] === id);
const folderIri = (version: string) => `${BASE}dist/${version}/`;
const filesOf = (version: string) => readdirSync(join(DIST, version)).filter((n) => !n.startsWith('.')).sort();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The ro-crate library, loaded with a fetch that answers the RO-Crate 1.2 context from the copy the library
 * ships (its validator fetches the context named by the crate; the tests reach no network) and refuses any
 * other address. The library keeps the fetch it finds when it is loaded, so it is set before the import.
 */
let roCrate: typeof import('ro-crate');
const fetchedUrls: string[] = [];
beforeAll(async () => {
  const context = readFileSync(join(ROOT, 'node_modules/ro-crate/lib/context.json'), 'utf8');
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL) => {
    fetchedUrls.push(String(url));
    if (String(url) !== 'https://w3id.org/ro/crate/1.2/context') throw new Error(`no network in the tests: ${String(url)}`);
    return new Response(context, { headers: { 'content-type': 'application/ld+json' } });
  }) as typeof fetch;
  try {
    roCrate = await import('ro-crate');
  } finally {
    globalThis.fetch = realFetch;
  }
});

const errorsOf = async (json: unknown) => (await roCrate.validate(json, {})).filter((r) => r.status === 'error');

describe.each(VERSIONS)('the RO-Crate of release %s', (version) => {
  it('is valid for the ro-crate library, with the release folder as its Root Data Entity', async () => {
    const json = crateOf(version);
    const results = await roCrate.validate(structuredClone(json), {});
    expect(results.filter((r) => r.status === 'error')).toEqual([]);
    // The context was checked against the library's own copy of RO-Crate 1.2's.
    expect(results.find((r) => r.id === 'contextName')?.status).toBe('success');
    const crate = new roCrate.ROCrate(structuredClone(json), { array: true, link: true });
    expect(crate.rootId).toBe(folderIri(version));
    expect(crate.root.datePublished).toEqual([releaseDate(ROOT, version)]);
  });

  it('describes every file of the frozen folder, with its size, SHA-256 and media type, and nothing else', () => {
    const crate = crateOf(version);
    const root = entity(crate, folderIri(version))!;
    const parts = (root.hasPart as Array<{ '@id': string }>).map((p) => p['@id']);
    expect(parts).toEqual(filesOf(version).map((name) => folderIri(version) + name));
    for (const name of filesOf(version)) {
      const file = entity(crate, folderIri(version) + name)!;
      const path = join(DIST, version, name);
      expect(file['@type']).toBe('File');
      expect(file.contentSize).toBe(String(statSync(path).size));
      expect(file.sha256).toBe(sha256(path));
      const formats = [file.encodingFormat].flat() as Array<string | { '@id': string }>;
      expect(typeof formats[0]).toBe('string');
      // A W3C or PRONOM format IRI beside the media type, described in the crate.
      const formatIri = (formats[1] as { '@id': string } | undefined)?.['@id'];
      expect(formatIri).toMatch(/^(http:\/\/www\.w3\.org\/ns\/formats\/|https:\/\/www\.nationalarchives\.gov\.uk\/PRONOM\/)/);
      expect(entity(crate, formatIri!)?.name).toBeTypeOf('string');
    }
  });

  it('gives the licence, the citation, the source document and the software that built it', () => {
    const crate = crateOf(version);
    const root = entity(crate, folderIri(version))!;
    expect(root.license).toEqual({ '@id': 'https://creativecommons.org/licenses/by/4.0/' });
    expect(root.creditText).toContain(`(version ${version})`);
    expect(root.isBasedOn).toEqual({ '@id': `${BASE}id/source/workshops-summary` });
    expect(entity(crate, `${BASE}id/source/workshops-summary`)?.['@type']).toBe('WebPage');
    const action = crate['@graph'].find((e) => e['@type'] === 'CreateAction')!;
    expect(action.result).toEqual({ '@id': folderIri(version) });
    expect(action.object).toEqual({ '@id': `${BASE}id/source/workshops-summary` });
    const software = entity(crate, (action.instrument as { '@id': string })['@id'])!;
    expect(software).toMatchObject({ '@type': 'SoftwareApplication', name: 'asm-kg', softwareVersion: version });
  });
});

describe('the crates agree with the DCAT and schema.org descriptions', () => {
  const dcat = new Store(new Parser().parse(readFileSync(join(DIST, 'dcat.ttl'), 'utf8')));
  const one = (s: string, p: string) => dcat.getObjects(s, p, null).map((o) => o.value);
  const schemaOrg = readJson(join(DIST, 'dataset.jsonld')) as Record<string, unknown> & { distribution: Array<Record<string, string>> };

  it('the current release: title, licence, version, and every file with its title, size and checksum', () => {
    const crate = crateOf(release.version);
    const root = entity(crate, folderIri(release.version))!;
    const version = `${BASE}dataset/${release.version}`;
    expect(root.sameAs).toEqual({ '@id': version });
    expect(root.name).toBe(one(version, `${DCT}title`)[0]);
    expect(root.name).toBe(schemaOrg.name);
    expect(root.description).toBe(schemaOrg.description);
    expect(root.version).toBe(one(version, `${DCAT}version`)[0]);
    expect(root.version).toBe(schemaOrg.version);
    expect((root.license as { '@id': string })['@id']).toBe(one(version, `${DCT}license`)[0]);
    expect((root.license as { '@id': string })['@id']).toBe(schemaOrg.license);
    expect((root.isBasedOn as { '@id': string })['@id']).toBe(one(version, `${DCT}source`)[0]);
    expect(root.creditText).toContain(schemaOrg.creditText as string);
    expect(root.datePublished).toBe(schemaOrg.dateModified);

    const distributions = one(version, `${DCAT}distribution`);
    const byUrl = new Map(distributions.map((d) => [one(d, `${DCAT}downloadURL`)[0]!, d]));
    const parts = (root.hasPart as Array<{ '@id': string }>).map((p) => p['@id']);
    expect(parts.slice().sort()).toEqual([...byUrl.keys()].sort());
    expect(parts.slice().sort()).toEqual(schemaOrg.distribution.map((d) => d.contentUrl).sort());
    for (const id of parts) {
      const file = entity(crate, id)!;
      const distribution = byUrl.get(id)!;
      expect(file.name).toBe(one(distribution, `${DCT}title`)[0]);
      expect(file.contentSize).toBe(one(distribution, `${DCAT}byteSize`)[0]);
      const checksum = dcat.getObjects(distribution, `${SPDX}checksum`, null)[0]!;
      expect(file.sha256).toBe(dcat.getObjects(checksum, `${SPDX}checksumValue`, null)[0]!.value);
      const download = schemaOrg.distribution.find((d) => d.contentUrl === id)!;
      expect(`${file.contentSize} B`).toBe(download.contentSize);
      expect(file.sha256).toBe(download.sha256);
      expect([file.encodingFormat].flat()[0]).toBe(download.encodingFormat);
    }
  });

  it.each(release.previousVersions)('release %s: the version and landing page DCAT gives it', (version) => {
    const root = entity(crateOf(version), folderIri(version))!;
    const dcatVersion = `${BASE}dataset/${version}`;
    expect(root.sameAs).toEqual({ '@id': dcatVersion });
    expect(one(dcatVersion, `${DCAT}landingPage`)).toEqual([folderIri(version)]);
    expect(one(dcatVersion, `${DCAT}version`)).toEqual([root.version]);
  });
});

describe('the ro-crate library reports a broken crate', () => {
  it('without a licence', async () => {
    const json = structuredClone(crateOf(release.version));
    delete entity(json, folderIri(release.version))!.license;
    expect((await errorsOf(json)).map((e) => e.message)).toEqual(['Missing required property: license']);
  });

  it('without a date of publication', async () => {
    const json = structuredClone(crateOf(release.version));
    delete entity(json, folderIri(release.version))!.datePublished;
    expect((await errorsOf(json)).map((e) => e.message)).toEqual(['Missing required property: datePublished']);
  });
});

describe('the Frictionless data package', () => {
  const csvwOf = (version: string) => readJson(join(DIST, version, 'statements.csv-metadata.json')) as unknown as CsvwTable;
  const packageOf = (version: string) => readJson(join(DIST, dataPackageFile(version))) as { licenses: Array<{ path: string }>; sources: Array<{ path: string }>;
    resources: Array<{ path: string; bytes: number; hash: string; schema: { fields: Array<Record<string, unknown>>; primaryKey: string[] } }> };

  it.each(VERSIONS)('release %s: one field per CSVW column, with its name, title, description and type', (version) => {
    const csvw = csvwOf(version);
    const { fields, primaryKey } = packageOf(version).resources[0]!.schema;
    expect(fields.map((f) => f.name)).toEqual(csvw.tableSchema.columns.map((c) => c.name));
    csvw.tableSchema.columns.forEach((column, i) => {
      const field = fields[i]!;
      expect(field.title).toBe(column.titles);
      expect(field.description).toBe(column['dc:description']);
      const expected = column.separator !== undefined ? 'list' : column.datatype ?? 'string';
      expect(field.type).toBe(expected);
      if (column.separator !== undefined) expect(field.delimiter).toBe(column.separator);
    });
    expect(primaryKey).toEqual([csvw.tableSchema.primaryKey]);
    // The header of the CSV names the fields, in order.
    const header = readFileSync(join(DIST, version, 'statements.csv'), 'utf8').split('\r\n')[0]!.split(',');
    expect(fields.map((f) => f.name)).toEqual(header);
  });

  it.each(VERSIONS)('release %s: the CSV by its absolute IRI, with its size and SHA-256, the licence and the source', (version) => {
    const pkg = packageOf(version);
    const resource = pkg.resources[0]!;
    const csv = join(DIST, version, 'statements.csv');
    expect(resource.path).toBe(`${folderIri(version)}statements.csv`);
    expect(resource.bytes).toBe(statSync(csv).size);
    expect(resource.hash).toBe(`sha256:${sha256(csv)}`);
    expect(pkg.licenses.map((l) => l.path)).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
    expect(pkg.sources.map((s) => s.path)).toEqual([`${BASE}id/source/workshops-summary`]);
  });

  it('the current columns come from the one list the CSVW metadata is written from', () => {
    const fields = tableFields(statementsCsvMetadata(BASE, 'statements.csv') as unknown as CsvwTable);
    expect(packageOf(release.version).resources[0]!.schema.fields).toEqual(JSON.parse(JSON.stringify(fields)));
  });

  /** What pandas read of every release's package, in the order of VERSIONS: one Python process (importing pandas is its cost). */
  interface PandasRead { dtypes: Record<string, string>; rows: number; key_unique: boolean; integer_sums: Record<string, number>; boolean_trues: Record<string, number> }
  let pandasReads: Promise<PandasRead[]> | undefined;
  const readByPandas = async (version: string): Promise<PandasRead> => {
    pandasReads ??= run(PYTHON, [join(ROOT, 'test/support/read-datapackage.py'), `${BASE}dist/`, DIST, ...VERSIONS.map((v) => join(DIST, dataPackageFile(v)))], { timeout: 60_000 })
      .then(({ stdout }) => JSON.parse(stdout) as PandasRead[]);
    return (await pandasReads)[VERSIONS.indexOf(version)]!;
  };

  it.each(VERSIONS)('release %s: pandas reads the CSV with the declared types, one row per statement', async (version) => {
    const read = await readByPandas(version);
    // Counted from the N-Triples dump, line by line, without the code under test.
    const nt = readFileSync(join(DIST, version, 'asm-kg.nt'), 'utf8').split('\n');
    const statementIris = new Set(nt.filter((l) => l.endsWith(' <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/asm-kg/ontology#Statement> .')).map((l) => l.split(' ')[0]));
    const statements = statementIris.size;
    const positions = nt.map((l) => /^(<[^>]+>) <https:\/\/w3id\.org\/asm-kg\/ontology#position> "(\d+)"/.exec(l))
      .filter((m) => m !== null && statementIris.has(m[1]!)).map((m) => Number(m![2]));
    const tentative = nt.filter((l) => / <https:\/\/w3id\.org\/asm-kg\/ontology#tentative> "true"/.test(l)).length;
    expect(statements).toBeGreaterThan(100);
    expect(read.rows).toBe(statements);
    expect(read.key_unique).toBe(true);
    expect(read.dtypes).toMatchObject({ iri: 'string', position: 'Int64', tentative: 'boolean', text: 'string', themes: 'object' });
    expect(read.integer_sums.position).toBe(positions.reduce((a, b) => a + b, 0));
    expect(read.boolean_trues.tentative).toBe(tentative);
  });
});

describe('bad input', () => {
  let folder: string;
  beforeAll(() => { folder = mkdtempSync(join(tmpdir(), 'asm-kg-packages-')); });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('a file a release folder never holds is named, and no package describes it', () => {
    const version = join(folder, '9.9.9');
    mkdirSync(version);
    writeFileSync(join(version, 'asm-kg.ttl'), '');
    writeFileSync(join(version, 'notes.txt'), 'x');
    expect(() => describeReleaseFolder(version)).toThrow(`${join(version, 'notes.txt')}: not a file a release holds (asm-kg.*, ontology.ttl, shapes.ttl, statements.csv, its CSVW metadata, changes-since-*), so its packages cannot describe it`);
  });

  it('a released version without a date in data/release.json', () => {
    mkdirSync(join(folder, 'data'));
    writeFileSync(join(folder, 'data/release.json'), JSON.stringify({
      version: '0.2.0', issued: '2026-11-26', modified: '2026-12-01', previousVersions: ['0.1.0'],
      releases: [{ version: '0.1.0', date: '2026-11-26' }], title: 'A dataset', description: 'Its description.',
    }));
    expect(releaseDate(folder, '0.2.0')).toBe('2026-12-01');
    expect(() => releaseDate(folder, '0.1.1')).toThrow('data/release.json: "releases" gives no date for version 0.1.1, which its packages (RO-Crate datePublished) need');
  });
});

it('the validator fetched nothing but the RO-Crate context', () => {
  expect(new Set(fetchedUrls)).toEqual(new Set(['https://w3id.org/ro/crate/1.2/context']));
});
