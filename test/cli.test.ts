/**
 * The command line, run as a user runs it: the compiled lib/cli.js in a child process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, scratchProject } from './support/project.js';
import { readRelease } from '../src/core/release.js';

const VERSION = readRelease(ROOT).version;

const CLI = join(ROOT, 'lib/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('asm-kg', () => {
  it('--help prints the usage and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^asm-kg: the ASM workshops knowledge graph\n/);
    expect(result.stdout).toContain('asm-kg build [--base IRI]');
  });

  it('rejects an unknown command with exit code 2', () => {
    const result = run('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('asm-kg: unknown command "frobnicate" (try --help)\n');
  });

  it('rejects a relative --base with exit code 2, naming the parameter', () => {
    const result = run('build', '--base', 'asm-kg/', '--out', join(scratch, 'never'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('asm-kg: --base: "asm-kg/" is not an absolute IRI\n');
    expect(readdirSync(scratch)).not.toContain('never');
  });

  it('build prints the files it wrote with their triple counts', () => {
    const result = run('build', '--out', join(scratch, 'out'));
    expect(result.status).toBe(0);
    // The sources: the Turtle files of ontology/ (its shapes/ apart) and of the four data folders.
    const sources = ['ontology', 'data/statements', 'data/editorial', 'data/links', 'data/provenance']
      .flatMap((dir) => readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.ttl')));
    expect(result.stdout).toMatch(new RegExp(`^Read ${sources.length} source files \\(\\d+ triples\\)\\.\\n`));
    expect(result.stdout).toMatch(new RegExp(`\\n {2}${VERSION.replaceAll('.', '\\.')}/asm-kg\\.ttl +\\d+ triples, \\d+ bytes\\n`));
    // A released version is carried over as it is: its files are listed with their bytes only.
    expect(result.stdout).toMatch(/\n {2}0\.1\.0\/asm-kg\.ttl +\d+ bytes\n/);
    expect(result.stdout).toMatch(/\n {2}void\.ttl +\d+ bytes\n/);
    expect(result.stdout).toMatch(/\nBuilt in \d+ ms\.\n$/);
  });

  it('build exits 1 with file:line:column on bad Turtle', () => {
    const project = scratchProject();
    try {
      copyFileSync(join(ROOT, 'test/fixtures/turtle/undefined-prefix/input.ttl'), join(project.root, 'data/editorial/zz.ttl'));
      const result = run('build', '--root', project.root, '--out', join(project.root, 'dist'));
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('asm-kg: data/editorial/zz.ttl:4:5: Undefined prefix "stx:"\n');
      // Nothing was written: dist/ holds only the released folders the project had.
      expect(readdirSync(project.root).sort()).toEqual(['data', 'dist', 'ontology']);
      expect(readdirSync(join(project.root, 'dist')).sort()).toEqual([...readRelease(ROOT).previousVersions].sort());
    } finally {
      project.cleanup();
    }
  });
});
