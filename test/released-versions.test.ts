/**
 * Released versions never change: the build writes the current version and carries every earlier one over
 * from the committed dist/ byte for byte; it refuses to build when a released folder is missing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Parser, Store } from 'n3';
import { build } from '../src/build/build.js';
import { readRelease } from '../src/core/release.js';
import { DIST, ROOT } from './support/project.js';
import { sharedRelease } from './support/shared-builds.js';

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-released-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const release = readRelease(ROOT);
const DCAT = 'http://www.w3.org/ns/dcat#';
const BASE = 'https://w3id.org/asm-kg/';

/** The bytes of a file as git's first release commit (0.1.0) recorded them. */
const RELEASED_0_1_0 = '0c2ac1d';
const atRelease = (path: string): Buffer => execFileSync('git', ['show', `${RELEASED_0_1_0}:${path}`], { cwd: ROOT, maxBuffer: 64 << 20 });

describe('released versions', () => {
  it('lists 0.1.0 as released before the current version', () => {
    expect(release.previousVersions).toContain('0.1.0');
    expect(release.previousVersions).not.toContain(release.version);
  });

  it('keep dist/0.1.0 byte for byte as released', () => {
    const names = readdirSync(join(DIST, '0.1.0'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => relative(join(DIST, '0.1.0'), join(e.parentPath, e.name))).sort();
    const released = execFileSync('git', ['ls-tree', '-r', '--name-only', RELEASED_0_1_0, 'dist/0.1.0/'], { cwd: ROOT, encoding: 'utf8' })
      .trim().split('\n').map((p) => p.slice('dist/0.1.0/'.length)).sort();
    expect(names).toEqual(released);
    for (const name of names) expect(readFileSync(join(DIST, '0.1.0', name)).equals(atRelease(`dist/0.1.0/${name}`)), name).toBe(true);
  });

  it('are carried into a fresh build unchanged, beside the current version', async () => {
    const { outDir, report } = await sharedRelease();
    for (const version of release.previousVersions) {
      expect(report.files.some((f) => f.name === `${version}/asm-kg.nq`)).toBe(true);
      expect(readFileSync(join(outDir, version, 'asm-kg.nq')).equals(readFileSync(join(DIST, version, 'asm-kg.nq')))).toBe(true);
    }
    expect(readdirSync(outDir)).toContain(release.version);
  }, 600_000);

  it('are described in DCAT as earlier versions of the dataset', () => {
    const dcat = new Store(new Parser().parse(readFileSync(join(DIST, 'dcat.ttl'), 'utf8')));
    const versions = dcat.getObjects(`${BASE}dataset`, `${DCAT}hasVersion`, null).map((t) => t.value).sort();
    expect(versions).toEqual([...release.previousVersions, release.version].map((v) => `${BASE}dataset/${v}`).sort());
    const latestPrevious = release.previousVersions.at(-1)!;
    expect(dcat.getObjects(`${BASE}dataset/${release.version}`, `${DCAT}previousVersion`, null).map((t) => t.value))
      .toEqual([`${BASE}dataset/${latestPrevious}`]);
  });

  it('refuses to build, naming the folder, when a released folder is missing', async () => {
    const releasedDir = join(scratch, 'incomplete-dist');
    cpSync(DIST, releasedDir, { recursive: true });
    rmSync(join(releasedDir, '0.1.0'), { recursive: true });
    const outDir = join(scratch, 'never-written');
    await expect(build({ outDir, releasedDir })).rejects.toThrow(
      `${join(releasedDir, '0.1.0')}: version 0.1.0 was released (data/release.json "previousVersions") and its folder is missing; restore it with \`git checkout -- dist/0.1.0\``);
    expect(() => readdirSync(outDir)).toThrow(/ENOENT/);
  });
});
