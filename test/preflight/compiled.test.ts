/**
 * notCompiledReason on a small project compiled by the real tsc: it passes a fresh compile and a touched but
 * unchanged source, and names the file and `npm run compile` for a changed or new source, a missing lib/, a
 * compile that failed, and a client file newer than its bundles.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/project.js';
import { notCompiledReason } from './compiled.js';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
let root: string;

/** The project's compile, as tsconfig.json and client/build.mjs do it: src/ to lib/ with build info, then the bundles. */
function compile(): void {
  compileIn(root);
}

function compileIn(project: string): void {
  try {
    execFileSync(process.execPath, [TSC, '-p', join(project, 'tsconfig.json')], { cwd: project, stdio: 'pipe' });
  } catch {
    // A type error still emits lib/ and records the error in the build info: what notCompiledReason must see.
  }
  mkdirSync(join(project, 'lib', 'assets'), { recursive: true });
  for (const bundle of ['query-page.js', 'query-page.css', 'sparql-sw.js', 'search.js']) writeFileSync(join(project, 'lib', 'assets', bundle), '');
}

/** Sets a file's modification time `seconds` from now (the checks compare content for src/ and times for client/). */
const age = (file: string, seconds: number): void => {
  const when = new Date(Date.now() + seconds * 1000);
  utimesSync(file, when, when);
};

/** A small project as the tests start from: sources, no lib/. */
function writeProject(project: string): void {
  mkdirSync(join(project, 'src', 'serve'), { recursive: true });
  mkdirSync(join(project, 'client'));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'lib', rootDir: 'src',
      incremental: true, tsBuildInfoFile: 'lib/.tsbuildinfo', types: [], skipLibCheck: true },
    include: ['src/**/*.ts'],
  }));
  writeFileSync(join(project, 'src', 'cli.ts'), 'export const name: string = \'asm-kg\';\n');
  writeFileSync(join(project, 'src', 'serve', 'port.ts'), 'export const port: number = 0;\n');
  writeFileSync(join(project, 'client', 'query-page.ts'), 'export {};\n');
}

/**
 * The same project as compiled by the real tsc, once for the file: a test that starts from a fresh compile of
 * the unchanged sources gets a copy of it (the same bytes as its own compile would give: the build info holds
 * the sources' hashes and paths relative to lib/), and tsc runs in the test only where the sources differ.
 */
let compiledTemplate: string;
beforeAll(() => {
  compiledTemplate = mkdtempSync(join(tmpdir(), 'asm-kg-compiled-template-'));
  writeProject(compiledTemplate);
  compileIn(compiledTemplate);
}, 60_000);
afterAll(() => rmSync(compiledTemplate, { recursive: true, force: true }));

/** The unchanged sources compiled, as compile() would leave them: a copy of the template (bundles newer than the client file). */
function compiled(): void {
  cpSync(join(compiledTemplate, 'lib'), join(root, 'lib'), { recursive: true });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'asm-kg-compiled-'));
  writeProject(root);
  age(join(root, 'client', 'query-page.ts'), -60);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('notCompiledReason', () => {
  it('passes lib/ compiled from the current sources, and still does once a source is touched without a change', () => {
    compiled();
    expect(notCompiledReason(root)).toBeUndefined();
    age(join(root, 'src', 'serve', 'port.ts'), 60);
    expect(notCompiledReason(root)).toBeUndefined();
  });

  it('says lib/ is not compiled when it is missing', () => {
    expect(notCompiledReason(root)).toBe('lib/ is not compiled: run `npm run compile`');
  });

  it('names a source changed since the compile, until it is compiled again', () => {
    compiled();
    writeFileSync(join(root, 'src', 'serve', 'port.ts'), 'export const port: number = 8080;\n');
    expect(notCompiledReason(root)).toBe('src/serve/port.ts changed since lib/ was compiled: run `npm run compile`');
    compile();
    expect(notCompiledReason(root)).toBeUndefined();
  });

  it('names a source the compile never saw', () => {
    compiled();
    writeFileSync(join(root, 'src', 'added.ts'), 'export const added = 1;\n');
    expect(notCompiledReason(root)).toBe('src/added.ts changed since lib/ was compiled: run `npm run compile`');
  });

  it('says so when the last compile reported errors', () => {
    writeFileSync(join(root, 'src', 'serve', 'port.ts'), 'export const port: number = \'eighty\';\n');
    compile();
    expect(notCompiledReason(root)).toBe('src/ did not compile cleanly the last time: run `npm run compile` and fix what it reports');
  });

  it('names a client file newer than the browser bundles', () => {
    compiled();
    age(join(root, 'client', 'query-page.ts'), 60);
    expect(notCompiledReason(root)).toBe('client/query-page.ts changed since lib/assets/ was built: run `npm run compile`');
  });
});
