/**
 * Release dates for Memento: data/release.json's "releases" is read strictly (each error names the file,
 * the key and what is wrong), Accept-Datetime is read as RFC 1123 dates only, and a date finds the release
 * in force then.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { httpDate, parseHttpDate, releaseAt } from '../src/core/release-dates.js';
import { readRelease } from '../src/core/release.js';
import { ROOT } from './support/project.js';

const folders: string[] = [];
afterAll(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

/** data/release.json with "releases" replaced, in a scratch project. */
function withReleases(releases: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'asm-kg-dates-'));
  folders.push(root);
  mkdirSync(join(root, 'data'));
  const release = JSON.parse(readFileSync(join(ROOT, 'data/release.json'), 'utf8')) as Record<string, unknown>;
  release.releases = releases;
  writeFileSync(join(root, 'data/release.json'), JSON.stringify(release));
  return root;
}

describe('data/release.json "releases"', () => {
  const ok = [['0.1.0', '2026-11-26'], ['0.2.0', '2026-12-01'], ['0.2.1', '2026-12-02'], ['0.3.0', '2026-12-07']].map(([version, date]) => ({ version, date }));

  it('lists each release with its date', () => {
    expect(readRelease(withReleases(ok)).releases).toEqual(ok);
    // The current version may be left out until it is released.
    expect(readRelease(withReleases(ok.slice(0, 3))).releases).toEqual(ok.slice(0, 3));
  });

  it.each([
    ['not a list', { '0.1.0': '2026-11-26' }, 'data/release.json: "releases" must be a list of { "version", "date" }'],
    ['a date that is no date', [{ version: '0.1.0', date: '26/11/2026' }], 'data/release.json: "releases" entry 1 must be { "version": "1.2.3", "date": "YYYY-MM-DD" }'],
    ['a version missing', [ok[0], ok[2], ok[3]], 'data/release.json: "releases" must list 0.1.0, 0.2.0, 0.2.1, 0.3.0 in that order (the current version last, once released), not 0.1.0, 0.2.1, 0.3.0'],
    ['dates going back', [ok[0], { version: '0.2.0', date: '2026-11-01' }, ok[2], ok[3]], 'data/release.json: "releases" dates 0.2.0 (2026-11-01) before 0.1.0 (2026-11-26)'],
    ['the current release dated otherwise than "modified"', [...ok.slice(0, 3), { version: '0.3.0', date: '2026-12-08' }], 'data/release.json: "releases" dates 0.3.0 2026-12-08, but "modified" says 2026-12-07'],
  ])('refuses %s', (_name, releases, message) => {
    expect(() => readRelease(withReleases(releases))).toThrow(message);
  });
});

describe('Accept-Datetime and the release in force', () => {
  it('reads RFC 1123 dates in GMT and nothing else', () => {
    expect(parseHttpDate('Fri, 04 Dec 2026 09:30:00 GMT')?.toISOString()).toBe('2026-12-04T09:30:00.000Z');
    for (const bad of ['Fri, 4 Dec 2026 09:30:00 GMT', 'Friday, 04-Dec-26 09:30:00 GMT', 'Fri Dec  4 09:30:00 2026', 'Fri, 04 Dec 2026 24:00:00 GMT', 'Sat, 04 Dec 2026 09:30:00 GMT', '']) {
      expect(parseHttpDate(bad), bad).toBeUndefined();
    }
    expect(httpDate(new Date('2026-12-02T00:00:00Z'))).toBe('Wed, 02 Dec 2026 00:00:00 GMT');
  });

  it('a date finds the last release dated at or before it, and the first release before any', () => {
    const releases = readRelease(ROOT).releases;
    const at = (iso: string) => releaseAt(releases, new Date(iso))?.version;
    expect(at('2020-01-01T00:00:00Z')).toBe('0.1.0');
    expect(at('2026-11-30T23:59:59Z')).toBe('0.1.0');
    expect(at('2026-12-01T00:00:00Z')).toBe('0.2.0');
    expect(at('2026-12-06T23:59:59Z')).toBe('0.2.1');
    expect(at('2030-01-01T00:00:00Z')).toBe('0.3.0');
    expect(releaseAt([], new Date())).toBeUndefined();
  });
});
