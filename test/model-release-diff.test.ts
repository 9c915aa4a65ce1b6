/**
 * The diff of each release against the one before (src/build/release-diff.ts): applying the quads removed and
 * added to the earlier N-Quads dump gives the later one exactly, and the diff states every change once, per
 * named graph. The current release is the run's fresh build of the sources (test/support/shared-builds.ts);
 * the released ones are the committed dist/ (carried over unchanged by the build).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffFileNames, nquadLines, readNQuads } from '../src/build/release-diff.js';
import { DIST, ROOT } from './support/project.js';
import { sharedRelease } from './support/shared-builds.js';

const lines = (path: string): string[] => nquadLines(readNQuads(path));

const current = (JSON.parse(readFileSync(join(ROOT, 'data', 'release.json'), 'utf8')) as { version: string }).version;

/** The dumps of a release and of the one before, and the diff between them, as N-Quads lines. */
interface Diff { before: string[]; after: string[]; added: string[]; removed: string[] }

/** The diff of `version` (in `folder`, a build's output) against `previous` (the committed dist/). */
function readDiff(folder: string, previous: string, version: string): Diff {
  const names = diffFileNames(previous);
  return {
    before: lines(join(DIST, previous, 'asm-kg.nq')),
    after: lines(join(folder, version, 'asm-kg.nq')),
    added: lines(join(folder, version, names.added)),
    removed: lines(join(folder, version, names.removed)),
  };
}

/** One build from the sources, for both describes. */
let out: string;
beforeAll(async () => { out = (await sharedRelease()).outDir; }, 600_000);

/** The release the current one is diffed against: the last of release.json's previous versions. */
const previous = (JSON.parse(readFileSync(join(ROOT, 'data', 'release.json'), 'utf8')) as { previousVersions: string[] }).previousVersions.at(-1)!;

const ASM = 'https://w3id.org/asm-kg/ontology#';
const OWL_DEPRECATED = '<http://www.w3.org/2002/07/owl#deprecated> "true"^^<http://www.w3.org/2001/XMLSchema#boolean>';
const EDITORIAL = '<https://w3id.org/asm-kg/graph/editorial>';

describe(`the diff of the current release (${current}) against ${previous}`, () => {
  let before: string[];
  let after: string[];
  let added: string[];
  let removed: string[];
  beforeAll(() => ({ before, after, added, removed } = readDiff(out, previous, current)));

  it(`gives the current dump exactly when applied to ${previous}, each change once`, () => {
    const removedSet = new Set(removed);
    const beforeSet = new Set(before);
    const applied = new Set([...before.filter((line) => !removedSet.has(line)), ...added]);
    expect([...applied].sort()).toEqual([...after].sort());
    expect(removed.filter((line) => !beforeSet.has(line))).toEqual([]);
    expect(added.filter((line) => beforeSet.has(line))).toEqual([]);
  });

  it('withdraws an addresses link, implied actor or echo only by keeping its record, deprecated, with the reason', () => {
    const now = new Set(after);
    const record = (reading: string) => [`${reading} ${OWL_DEPRECATED} ${EDITORIAL} .`, `${reading} <${ASM}withdrawnBecause>`];
    const triple = /^(<[^>]+>) <https:\/\/w3id\.org\/asm-kg\/ontology#(addresses|impliedActor|echoes)> (<[^>]+>) <https:\/\/w3id\.org\/asm-kg\/graph\/editorial> \.$/;
    const withdrawn = removed.map((line) => triple.exec(line)).filter((m) => m !== null);
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const [line, s, p, o] of withdrawn) {
      const local = (iri: string) => iri.slice(iri.lastIndexOf('/') + 1, -1);
      const reading = p === 'echoes'
        ? `<https://w3id.org/asm-kg/id/echo/${[local(s!), local(o!)].sort().join('--')}>`
        : `<https://w3id.org/asm-kg/id/reading/${p === 'addresses' ? 'addresses' : 'implied-actor'}/${local(s!)}--${local(o!)}>`;
      const [deprecated, because] = record(reading);
      expect(now.has(deprecated!), `${line}: ${reading} deprecated`).toBe(true);
      expect(after.some((l) => l.startsWith(because!)), `${line}: ${reading} says why`).toBe(true);
    }
  });

  it(`keeps every asm:Echo record of ${previous}`, () => {
    const echoes = (quads: string[]) => quads.filter((l) => l.includes(` <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ASM}Echo> `)).map((l) => l.split(' ')[0]);
    expect(echoes(after)).toEqual(expect.arrayContaining(echoes(before)));
  });

  it('is what the build writes into dist/ too', () => {
    const names = diffFileNames(previous);
    for (const name of [names.added, names.removed]) {
      expect(readFileSync(join(DIST, current, name), 'utf8')).toBe(readFileSync(join(out, current, name), 'utf8'));
    }
  });
});

describe('the diff of 0.2.1 against 0.2.0, as released', () => {
  const names = diffFileNames('0.2.0');
  const added = lines(join(DIST, '0.2.1', names.added));
  const removed = lines(join(DIST, '0.2.1', names.removed));

  it('gives 0.2.1 exactly when applied to 0.2.0', () => {
    const removedSet = new Set(removed);
    const applied = new Set([...lines(join(DIST, '0.2.0', 'asm-kg.nq')).filter((line) => !removedSet.has(line)), ...added]);
    expect([...applied].sort()).toEqual([...lines(join(DIST, '0.2.1', 'asm-kg.nq'))].sort());
  });

  it('changes only the lexical form of nine echo scores, to canonical xsd:decimal, keeping their values', () => {
    const score = /^(<[^>]+>) <https:\/\/w3id\.org\/asm-kg\/ontology#similarity> "([^"]+)"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#decimal> <https:\/\/w3id\.org\/asm-kg\/graph\/editorial> \.$/;
    const values = (quads: string[]) => new Map(quads.map((line) => { const m = score.exec(line); expect(m, line).not.toBeNull(); return [m![1]!, m![2]!]; }));
    const was = values(removed);
    const now = values(added);
    expect(was.size).toBe(9);
    expect([...now.keys()].sort()).toEqual([...was.keys()].sort());
    for (const [echo, lexical] of now) {
      expect(Number(lexical), echo).toBe(Number(was.get(echo)));
      expect(lexical, echo).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
    }
  });
});

describe('the diff of 0.2.0 against 0.1.0', () => {
  let before: string[];
  let after: string[];
  let added: string[];
  let removed: string[];
  beforeAll(() => ({ before, after, added, removed } = readDiff(out, '0.1.0', '0.2.0')));

  it('gives 0.2.0 exactly when applied to 0.1.0: (0.1.0 − removed) ∪ added', () => {
    const removedSet = new Set(removed);
    const applied = new Set([...before.filter((line) => !removedSet.has(line)), ...added]);
    expect([...applied].sort()).toEqual([...after].sort());
  });

  it('removes only quads 0.1.0 had and adds only quads it lacked, each once', () => {
    const beforeSet = new Set(before);
    expect(removed.filter((line) => !beforeSet.has(line))).toEqual([]);
    expect(added.filter((line) => beforeSet.has(line))).toEqual([]);
    expect(new Set(added).size).toBe(added.length);
    expect(new Set(removed).size).toBe(removed.length);
  });

  it('puts every changed quad in a named graph, and names the changes the issue asked for', () => {
    const graph = (line: string): string => /<(https:\/\/w3id\.org\/asm-kg\/graph\/[a-z]+)> \.$/.exec(line)?.[1] ?? '';
    expect([...added, ...removed].filter((line) => graph(line) === '')).toEqual([]);
    const st = 'https://w3id.org/asm-kg/id/statement/';
    const asm = 'https://w3id.org/asm-kg/ontology#';
    // A reading moved from the statements graph to the editorial graph.
    expect(removed).toContain(`<${st}w2-a-1.4> <${asm}actor> <https://w3id.org/asm-kg/id/stakeholder/rest-of-society> <https://w3id.org/asm-kg/graph/statements> .`);
    expect(added).toContain(`<${st}w2-a-1.4> <${asm}impliedActor> <https://w3id.org/asm-kg/id/stakeholder/rest-of-society> <https://w3id.org/asm-kg/graph/editorial> .`);
    // The wrong link of the review is gone; a recommendation is typed.
    expect(removed).toContain(`<${st}w3-opportunities-3.1> <${asm}addresses> <${st}w3-obstacles-1.4> <https://w3id.org/asm-kg/graph/editorial> .`);
    expect(added).toContain(`<${st}w2-a-7.1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${asm}Recommendation> <https://w3id.org/asm-kg/graph/editorial> .`);
  });

  it('is what the build writes into dist/0.2.0 too', () => {
    const names = diffFileNames('0.1.0');
    for (const name of [names.added, names.removed]) {
      expect(readFileSync(join(DIST, '0.2.0', name), 'utf8')).toBe(readFileSync(join(out, '0.2.0', name), 'utf8'));
    }
  });
});
