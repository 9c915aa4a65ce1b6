/**
 * Build input: a source file that is not UTF-8 is an error naming
 * file:line:column (the golden message is test/fixtures/turtle/invalid-utf8/, run by parse.test.ts), and a
 * source file of any size loads (no spread of a large array into a call).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SyntaxInputError } from '../src/core/errors.js';
import { loadSources } from '../src/rdf/load.js';
import { decodeUtf8, firstInvalidUtf8 } from '../src/rdf/parse.js';
import { scratchProject } from './support/project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

describe('firstInvalidUtf8', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it.each([
    ['ASCII and well-formed multi-byte sequences', bytes(0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80), 10],
    ['a lone continuation byte', bytes(0x61, 0x80, 0x61), 1],
    ['an overlong two-byte form', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0x61, 0xe0, 0x80, 0xaf), 1],
    ['a UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a sequence cut short by the end', bytes(0x61, 0x62, 0xe2, 0x82), 2],
    ['a Latin-1 byte', bytes(0x6e, 0x61, 0xef, 0x76, 0x65), 2],
  ])('%s', (_name, input, expected) => {
    expect(firstInvalidUtf8(input)).toBe(expected);
    // It agrees with the WHATWG decoder on whether the input is valid.
    const valid = (() => { try { new TextDecoder('utf-8', { fatal: true }).decode(input); return true; } catch { return false; } })();
    expect(valid).toBe(expected === input.length);
  });
});

describe('decodeUtf8', () => {
  it('counts the column in characters, not bytes', () => {
    const input = Buffer.concat([Buffer.from('first line\n"é€😀 '), Buffer.from([0xff]), Buffer.from('"\n')]);
    const error = (() => { try { decodeUtf8(input, 'x.ttl'); return undefined; } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(SyntaxInputError);
    expect((error as Error).message).toBe('x.ttl:2:6: invalid UTF-8: byte 0xFF does not begin a valid sequence; save the file as UTF-8');
  });

  it('drops a byte order mark and keeps everything else', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFcafé', 'utf8'), 'x.ttl')).toBe('café');
  });
});

describe('loadSources on a source that is not UTF-8', () => {
  it('fails with the golden message of test/fixtures/turtle/invalid-utf8/', () => {
    const project = scratchProject();
    cleanup = project.cleanup;
    const fixture = join(import.meta.dirname, 'fixtures/turtle/invalid-utf8');
    copyFileSync(join(fixture, 'input.ttl'), join(project.root, 'data/statements/input.ttl'));
    const error = (() => { try { loadSources(project.root); return undefined; } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(SyntaxInputError);
    expect((error as Error).message).toBe(readFileSync(join(fixture, 'expected-error.txt'), 'utf8'));
  });
});

describe('loadSources on a large source', () => {
  it('loads a source file of 200,000 triples', () => {
    const project = scratchProject();
    cleanup = project.cleanup;
    const lines = ['@prefix ex: <http://example.org/big/> .'];
    for (let i = 0; i < 200_000; i++) lines.push(`ex:s${i} ex:p ${i} .`);
    writeFileSync(join(project.root, 'data/links/big.ttl'), `${lines.join('\n')}\n`);
    const loaded = loadSources(project.root);
    expect(loaded.files.find((f) => f.path === 'data/links/big.ttl')?.triples).toBe(200_000);
    expect(loaded.quads.filter((q) => q.subject.value.startsWith('http://example.org/big/')).length).toBe(200_000);
  }, 60_000);
});
