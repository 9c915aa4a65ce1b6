/**
 * The preflight's list of programs: found where the tests launch them, reported missing (with the exact
 * apt-get line) when a location lacks one, and a vitest run on a PATH without rapper stops before any test
 * with that one message and exit 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/project.js';
import { debianPackages, missingSystemTools, missingToolsMessage, TOOL_LOCATIONS } from './system-tools.js';

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-preflight-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder for PATH holding only `commands`, each a link to the real program. */
function pathWith(name: string, commands: string[]): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const command of commands) {
    const real = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(real, join(dir, command));
  }
  return dir;
}

/**
 * A "Python" and an "Rscript" that import and load everything, for the tests whose subject is another tool:
 * the real ones take two seconds of CPU to import rdflib, SPARQLWrapper and pandas and to load httr and
 * jsonlite, which the first test does once.
 */
const everything = join(scratch, 'imports-everything');
writeFileSync(everything, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
const ELSE_PRESENT = { python: everything, rscript: everything };

describe('missingSystemTools', () => {
  it('finds nothing missing on this machine, where the suite runs', () => {
    expect(missingSystemTools().map((tool) => tool.what)).toEqual([]);
  });

  it('names each tool a location lacks, with its Debian package, in list order', () => {
    const missing = missingSystemTools({
      ...TOOL_LOCATIONS,
      path: pathWith('no-rapper', ['git', 'chattr']),
      chromium: join(scratch, 'no-such-chromium'),
      python: join(scratch, 'no-such-python3'),
      rscript: join(scratch, 'no-such-Rscript'),
      isql: join(scratch, 'no-such-isql-vt'),
      root: true,
    });
    expect(missing.map((tool) => [tool.what, tool.debianPackage])).toEqual([
      ['rapper on PATH', 'raptor2-utils'],
      [`${scratch}/no-such-python3 with rdflib`, 'python3-rdflib'],
      [`${scratch}/no-such-python3 with SPARQLWrapper`, 'python3-sparqlwrapper'],
      [`${scratch}/no-such-python3 with pandas`, 'python3-pandas'],
      [`${scratch}/no-such-Rscript`, 'r-base-core'],
      [`${scratch}/no-such-Rscript with httr`, 'r-cran-httr'],
      [`${scratch}/no-such-Rscript with jsonlite`, 'r-cran-jsonlite'],
      [`${scratch}/no-such-chromium`, 'chromium-headless-shell'],
      [`${scratch}/no-such-isql-vt`, 'virtuoso-opensource-7-bin'],
    ]);
  });

  it('checks each Python module by importing it with that Python', () => {
    // A "Python" that imports rdflib and nothing else.
    const python = join(scratch, 'python-with-rdflib-only');
    writeFileSync(python, '#!/bin/sh\n[ "$1" = -c ] && [ "$2" = "import rdflib" ]\n', { mode: 0o755 });
    expect(missingSystemTools({ ...TOOL_LOCATIONS, rscript: everything, python }).map((tool) => tool.what)).toEqual([`${python} with SPARQLWrapper`, `${python} with pandas`]);
  });

  it('checks each R library by loading it with that Rscript', () => {
    // An "Rscript" that loads httr and nothing else.
    const rscript = join(scratch, 'rscript-with-httr-only');
    writeFileSync(rscript, '#!/bin/sh\n[ "$1" = -e ] && [ "$2" = "library(httr)" ]\n', { mode: 0o755 });
    expect(missingSystemTools({ ...TOOL_LOCATIONS, python: everything, rscript }).map((tool) => tool.what)).toEqual([`${rscript} with jsonlite`]);
  });

  it('asks for chattr only when the tests run as root', () => {
    const noChattr = pathWith('no-chattr', ['rapper', 'git']);
    expect(missingSystemTools({ ...TOOL_LOCATIONS, ...ELSE_PRESENT, path: noChattr, root: false })).toEqual([]);
    expect(missingSystemTools({ ...TOOL_LOCATIONS, ...ELSE_PRESENT, path: noChattr, root: true }).map((tool) => tool.what)).toEqual(['chattr on PATH']);
  });
});

describe('missingToolsMessage', () => {
  it('lists what is missing, one apt-get line with each package once, and the command that installs and tests', () => {
    const missing = missingSystemTools({
      ...TOOL_LOCATIONS,
      ...ELSE_PRESENT,
      path: pathWith('no-rapper-no-git', ['chattr']),
      apache2: '/nowhere/apache2',
      apacheModules: '/nowhere/modules',
      virtuoso: '/nowhere/virtuoso-t',
      isql: '/nowhere/isql-vt',
    });
    expect(debianPackages(missing)).toEqual(['raptor2-utils', 'apache2', 'virtuoso-opensource-7-bin', 'git']);
    expect(missingToolsMessage(missing)).toBe(`asm-kg tests: this machine lacks programs the test suite runs, so no test was run:
  rapper on PATH (Debian package raptor2-utils)
  /nowhere/apache2 (Debian package apache2)
  /nowhere/modules/mod_rewrite.so (Debian package apache2)
  /nowhere/virtuoso-t (Debian package virtuoso-opensource-7-bin)
  /nowhere/isql-vt (Debian package virtuoso-opensource-7-bin)
  git on PATH (Debian package git)
Install them:
  apt-get install --no-install-recommends raptor2-utils apache2 virtuoso-opensource-7-bin git
or, as root on Debian or Ubuntu, install them and run the tests in one step: npm run test:debian
`);
  });
});

describe('the preflight in a vitest run', () => {
  it('stops with that one message and exit 1 when rapper is not on PATH, before any test runs', () => {
    // rm as well: Rscript, which the preflight runs, removes its session's temporary folder with `rm -Rf`.
    const path = pathWith('vitest-no-rapper', ['git', 'chattr', 'sh', 'rm']);
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/quad-index.test.ts'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: path, NO_COLOR: '1' }, timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`asm-kg tests: this machine lacks programs the test suite runs, so no test was run:
  rapper on PATH (Debian package raptor2-utils)
Install them:
  apt-get install --no-install-recommends raptor2-utils
or, as root on Debian or Ubuntu, install them and run the tests in one step: npm run test:debian
`);
    expect(run.stdout).not.toContain('quad-index');
  }, 60_000);
});
