/**
 * Finding 11 of the second hostile review: the command line read `--source` files (.nt, .ttl, …) and
 * `.rq` files with invalid UTF-8 with exit 0, each bad byte silently U+FFFD. It now refuses them with
 * file:line:column, in the words of the build (src/rdf/parse.ts decodeUtf8), and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/project.js';

const CLI = join(ROOT, 'lib/cli.js');
const folder = mkdtempSync(join(tmpdir(), 'asm-kg-utf8-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A file of `parts`, strings as UTF-8 and numbers as raw bytes. */
function file(name: string, ...parts: Array<string | number>): string {
  const path = join(folder, name);
  writeFileSync(path, Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from([p])))));
  return path;
}

const message = (path: string, line: number, column: number, byte: string) =>
  `asm-kg: ${path}:${line}:${column}: invalid UTF-8: byte ${byte} does not begin a valid sequence; save the file as UTF-8\n`;

describe('invalid UTF-8 on the command line', () => {
  it.each([
    ['an N-Triples source', 'bad.nt', ['<http://a> <http://b> "ok" .\n<http://a> <http://b> "caf', 0xe9, '" .\n'], 2, 27, '0xE9'],
    ['a Turtle source', 'bad.ttl', ['@prefix ex: <http://e/> .\nex:a ex:b "na', 0xef, 've" .\n'], 2, 14, '0xEF'],
    ['an N-Quads source, after multi-byte characters', 'bad.nq', ['<http://a> <http://b> "é€😀', 0xc0, 0xaf, '" <http://g> .\n'], 1, 27, '0xC0'],
    ['a JSON-LD source', 'bad.jsonld', ['{"@id": "http://a", "http://b": "', 0xff, '"}\n'], 1, 34, '0xFF'],
  ])('refuses %s with file:line:column', (_name, name, parts, line, column, byte) => {
    const path = file(name, ...(parts as Array<string | number>));
    const result = spawnSync(process.execPath, [CLI, 'query', 'graph-complete', '--source', path], { encoding: 'utf8', cwd: ROOT });
    expect(result.stderr).toBe(message(path, line, column, byte));
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
  });

  it('refuses a .rq query file with file:line:column', () => {
    const path = file('bad.rq', 'SELECT * WHERE {\n  ?s ?p "caf', 0xe9, '" }\n');
    const result = spawnSync(process.execPath, [CLI, 'query', path], { encoding: 'utf8', cwd: ROOT });
    expect(result.stderr).toBe(message(path, 2, 13, '0xE9'));
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
  });

  it('refuses a query on stdin, naming <stdin>', () => {
    const result = spawnSync(process.execPath, [CLI, 'query', '-'], { input: Buffer.from([...Buffer.from('ASK { ?s ?p "'), 0xff, ...Buffer.from('" }')]), encoding: 'utf8', cwd: ROOT });
    expect(result.stderr).toBe(message('<stdin>', 1, 14, '0xFF'));
    expect(result.status).toBe(1);
  });

  it('still reads valid UTF-8, a byte order mark included', () => {
    const path = file('good.ttl', '\uFEFF@prefix ex: <http://e/> .\nex:a ex:b "café €😀" .\n');
    const query = file('good.rq', 'SELECT ?o WHERE { <http://e/a> ?p ?o }\n');
    const result = spawnSync(process.execPath, [CLI, 'query', query, '--source', path, '--format', 'csv'], { encoding: 'utf8', cwd: ROOT });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('o\r\ncafé €😀\r\n');
    expect(result.status).toBe(0);
  });
});
