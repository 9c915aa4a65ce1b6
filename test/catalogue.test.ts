/**
 * The SPARQL query catalogue (queries/*.rq) against its expected results (test/expected/*.json).
 *
 * Every query must have test/expected/<name>.json; a query may have more cases in
 * test/expected/<name>--<case>.json (other parameter values). The expected results were written from the
 * source text and the Turtle files, not from an engine's output. Terms are compared in a plain string form:
 * an IRI as a prefixed name ("st:w1-b-3", prefixes of src/core/iri.ts), a literal as its lexical value.
 *
 * Expected file formats:
 *   SELECT     { "ordered": bool, "params"?: {name: value}, "variables": [...], "rows": [{var: value}] }
 *   ASK        { "params"?: {...}, "boolean": bool }
 *   CONSTRUCT  { "params"?: {...}, "triples": N, "mustContain": [[s, p, o], ...] }
 * A row leaves out the variables it does not bind. Every *-violation.rq must expect, and return, no rows.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import type { Term } from '@rdfjs/types';
import { loadGraph, query, vocabulary } from '../src/index.js';
import { ROOT } from './support/project.js';

const QUERIES = join(ROOT, 'queries');
const EXPECTED = join(ROOT, 'test', 'expected');

interface ExpectedSelect { ordered: boolean; params?: Record<string, string>; variables: string[]; rows: Record<string, string>[] }
interface ExpectedAsk { params?: Record<string, string>; boolean: boolean }
interface ExpectedConstruct { params?: Record<string, string>; triples: number; mustContain: [string, string, string][] }
type Expected = ExpectedSelect | ExpectedAsk | ExpectedConstruct;

const prefixes = Object.entries(vocabulary().prefixes)
  // Longest namespace first, so that a namespace inside another (none today) still wins.
  .sort(([, a], [, b]) => b.length - a.length);

/** An RDF term in the expected files' string form. */
function show(term: Term): string {
  if (term.termType === 'NamedNode') {
    for (const [prefix, namespace] of prefixes) {
      if (term.value.startsWith(namespace)) return `${prefix}:${term.value.slice(namespace.length)}`;
    }
    return term.value;
  }
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  return term.value;
}

/** A parameter value of an expected file: a prefixed name or <IRI> is an IRI, anything else a plain literal. */
function parameterTerm(value: string): Term {
  if (value.startsWith('<') && value.endsWith('>')) return DataFactory.namedNode(value.slice(1, -1));
  const colon = value.indexOf(':');
  const namespace = colon > 0 ? vocabulary().prefixes[value.slice(0, colon)] : undefined;
  return namespace === undefined ? DataFactory.literal(value) : DataFactory.namedNode(namespace + value.slice(colon + 1));
}

/** The comment header every .rq file opens with (another engineer's code parses it). */
interface Header { title: string; question: string; parameters: string[]; row: string }

function parseHeader(text: string): Header | undefined {
  const lines = text.split('\n');
  const title = /^# title: (\S.*)$/.exec(lines[0] ?? '')?.[1];
  const question = /^# question: (\S.*)$/.exec(lines[1] ?? '')?.[1];
  const parameters: string[] = [];
  let i = 2;
  for (; /^# parameters: /.test(lines[i] ?? ''); i++) parameters.push(lines[i]!.slice('# parameters: '.length).trim());
  const row = /^# row: (\S.*)$/.exec(lines[i] ?? '')?.[1];
  if (!title || !question || parameters.length === 0 || !row) return undefined;
  return { title, question, parameters, row };
}

/** Names of the parameters a header declares ("none" declares none). */
function parameterNames(header: Header): string[] {
  if (header.parameters.length === 1 && header.parameters[0] === 'none') return [];
  return header.parameters.map((line) => line.split(/\s+/)[0]!);
}

const queryNames = readdirSync(QUERIES).filter((f) => f.endsWith('.rq')).map((f) => f.slice(0, -3)).sort();
const expectedFiles = readdirSync(EXPECTED).filter((f) => f.endsWith('.json')).sort();
/** Every case: the query it runs and the expected file it checks. */
const cases = expectedFiles.map((file) => {
  const stem = file.slice(0, -'.json'.length);
  const separator = stem.indexOf('--');
  return { file, queryName: separator < 0 ? stem : stem.slice(0, separator) };
});

/**
 * An expected value written as a full IRI (a namespace src/core/iri.ts had no prefix for when it was written)
 * is compacted like the engine's terms, so that adding a prefix later does not break the expectation.
 */
const normalise = (value: string): string =>
  /^https?:\/\/\S+$/.test(value) ? show(DataFactory.namedNode(value)) : value;

const canonicalRow = (variables: string[], row: Record<string, string>): string =>
  JSON.stringify(variables.filter((v) => row[v] !== undefined).map((v) => [v, normalise(row[v]!)]));

describe('query catalogue', () => {
  let graph: Awaited<ReturnType<typeof loadGraph>>;
  beforeAll(async () => { graph = await loadGraph(); }, 60_000);

  it('has at least 14 queries, each with an expected result', () => {
    expect(queryNames.length).toBeGreaterThanOrEqual(14);
    const missing = queryNames.filter((name) => !expectedFiles.includes(`${name}.json`));
    expect(missing, 'queries without test/expected/<name>.json').toEqual([]);
  });

  it('has no expected result for a query that does not exist', () => {
    const orphans = cases.filter((c) => !queryNames.includes(c.queryName)).map((c) => c.file);
    expect(orphans).toEqual([]);
  });

  it('lists every query in queries/README.md', () => {
    const readme = readFileSync(join(QUERIES, 'README.md'), 'utf8');
    const unlisted = queryNames.filter((name) => !readme.includes(`${name}.rq`));
    expect(unlisted).toEqual([]);
  });

  describe.each(queryNames)('%s.rq', (name) => {
    const text = readFileSync(join(QUERIES, `${name}.rq`), 'utf8');

    it('opens with the title / question / parameters / row header, and uses the parameters it declares', () => {
      const header = parseHeader(text);
      expect(header, 'header lines "# title:", "# question:", "# parameters:" (one or more), "# row:"').toBeDefined();
      const body = text.split('\n').filter((line) => !line.startsWith('#')).join('\n');
      for (const parameter of parameterNames(header!)) {
        expect(parameter).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(body).toMatch(new RegExp(`\\?${parameter}\\b`));
      }
      for (const c of cases.filter((x) => x.queryName === name)) {
        const expected = JSON.parse(readFileSync(join(EXPECTED, c.file), 'utf8')) as Expected;
        for (const parameter of Object.keys(expected.params ?? {})) expect(parameterNames(header!)).toContain(parameter);
      }
    });

    if (name.endsWith('-violation')) {
      it('is a SELECT whose expected result has no rows', () => {
        const expected = JSON.parse(readFileSync(join(EXPECTED, `${name}.json`), 'utf8')) as ExpectedSelect;
        expect(Array.isArray(expected.rows)).toBe(true);
        expect(expected.rows).toEqual([]);
      });
    }
  });

  describe.each(cases)('$file', ({ file, queryName }) => {
    it('matches the expected result', async () => {
      const text = readFileSync(join(QUERIES, `${queryName}.rq`), 'utf8');
      const expected = JSON.parse(readFileSync(join(EXPECTED, file), 'utf8')) as Expected;
      const params = Object.fromEntries(Object.entries(expected.params ?? {}).map(([k, v]) => [k, parameterTerm(v)]));
      const result = await query(graph, text, { params, name: queryName });

      if ('boolean' in expected) {
        expect(result.type).toBe('boolean');
        if (result.type === 'boolean') expect(result.value).toBe(expected.boolean);
        return;
      }
      if ('triples' in expected) {
        expect(result.type).toBe('quads');
        if (result.type !== 'quads') return;
        const actual = new Map(result.quads.map((q) => {
          const triple = [show(q.subject), show(q.predicate), show(q.object)];
          return [JSON.stringify(triple), triple] as const;
        }));
        const missing = expected.mustContain.filter((t) => !actual.has(JSON.stringify(t.map(normalise))));
        expect(missing, 'expected triples missing from the CONSTRUCT result').toEqual([]);
        expect(actual.size, 'number of distinct triples').toBe(expected.triples);
        return;
      }
      expect(result.type).toBe('bindings');
      if (result.type !== 'bindings') return;
      expect(result.variables).toEqual(expected.variables);
      const actualRows = result.rows.map((row) => canonicalRow(expected.variables,
        Object.fromEntries(Object.entries(row).map(([k, term]) => [k, show(term)]))));
      const expectedRows = expected.rows.map((row) => canonicalRow(expected.variables, row));
      if (expected.ordered) expect(actualRows).toEqual(expectedRows);
      else expect([...actualRows].sort()).toEqual([...expectedRows].sort());
      if (queryName.endsWith('-violation')) expect(actualRows).toEqual([]);
    });
  });
});

/**
 * Each check must be able to fail: over the built graph plus a file of deliberately broken statements, every
 * *-violation.rq names the broken resource, and graph-complete.rq answers false. (A source added to
 * loadGraph gets no superclass types, so the broken statements state asm:Statement / asm:Remedy themselves.)
 */
const BROKEN = `
@prefix asm: <https://w3id.org/asm-kg/ontology#> .
@prefix st: <https://w3id.org/asm-kg/id/statement/> .
@prefix sec: <https://w3id.org/asm-kg/id/section/> .
@prefix ws: <https://w3id.org/asm-kg/id/workshop/> .
@prefix stk: <https://w3id.org/asm-kg/id/stakeholder/> .
@prefix theme: <https://w3id.org/asm-kg/id/theme/> .

# a remedy that addresses nothing, has no theme and stands in no section
st:broken-1 a asm:Opportunity, asm:Remedy, asm:Statement ; asm:text "Broken remedy"@en ;
  asm:raisedIn ws:1 ; asm:position 9001 .
# a remedy that addresses another remedy, at a position already taken (st:w1-a-government-1's)
st:broken-2 a asm:SpecificStep, asm:Remedy, asm:Statement ; asm:text "Broken step"@en ;
  asm:raisedIn ws:2 ; asm:inSection sec:w2-d ; asm:position 3 ; asm:theme theme:environment ;
  asm:addresses st:w2-d-1 .
# a next step that synthesises nothing, flagged tentative without brackets, elaborating a later statement
st:broken-3 a asm:SpecificStep, asm:Remedy, asm:Statement ; asm:text "Not in brackets"@en ; asm:tentative true ;
  asm:raisedIn ws:facilitators ; asm:inSection sec:fw-next-steps ; asm:position 9003 ; asm:theme theme:environment ;
  asm:addresses st:w1-b-1 ; asm:elaborates st:broken-4 .
# an obstacle in a specific-steps section, with a theme outside the scheme
st:broken-4 a asm:Obstacle, asm:Statement ; asm:text "Misplaced obstacle"@en ;
  asm:raisedIn ws:2 ; asm:inSection sec:w2-d ; asm:position 9004 ; asm:theme theme:no-such-theme .
# a workshop statement said to synthesise; an emphasis the text does not contain; an implied actor already named
st:w1-d-1 asm:synthesises st:w1-d-2 .
st:w1-b-1 asm:emphasis "NOT IN THE TEXT"@en .
st:w2-a-1.1 asm:impliedActor stk:government .
# an echo stated one way only and without its record, between a step with an implied actor (government) and a
# step with none; a recommendation whose basis is not in its text
st:w2-d-4 asm:echoes st:w1-d-8 .
st:w1-b-3 a asm:Recommendation ; asm:recommendationBasis "must not be in the text"@en .
# a pair that both echoes and addresses (st:w2-a-1 echoes st:w3-government-2.1); an echo with a facilitators' step
st:w2-a-1 asm:addresses st:w3-government-2.1 .
st:fw-next-steps-1.4 asm:echoes st:w2-d-8 .
# a reading with no asserted triple, quoting words its statement does not contain
<https://w3id.org/asm-kg/id/reading/addresses/w3-steps-1.2.2--w1-b-1> a asm:Reading ;
  asm:readingOf st:w3-steps-1.2.2 ; asm:readingProperty asm:addresses ; asm:readingValue st:w1-b-1 ;
  asm:quotes "not the statement's words"@en .
# an obstacle typed a recommendation by words that hold no prescribing form, without its record; an obstacle
# typed a recommendation while its echo st:w1-b-1 is not one
st:w3-obstacles-1.3 a asm:Recommendation ; asm:recommendationBasis "Inappropriate laws"@en .
st:w2-b-4 a asm:Recommendation ; asm:recommendationBasis "large scale mining"@en .
`;

/** The resource each check must name when run over the broken statements. */
const CAUGHT: Record<string, string> = {
  'remedy-addresses-nothing-violation': 'st:broken-1',
  'statement-without-theme-violation': 'st:broken-1',
  'addresses-a-remedy-violation': 'st:broken-2',
  'duplicate-position-violation': 'st:broken-2',
  'next-step-synthesising-nothing-violation': 'st:broken-3',
  'tentative-not-bracketed-violation': 'st:broken-3',
  'elaborates-out-of-place-violation': 'st:broken-3',
  'kind-not-section-kind-violation': 'st:broken-4',
  'unknown-concept-violation': 'theme:no-such-theme',
  'synthesis-direction-violation': 'st:w1-d-1',
  'emphasis-not-in-text-violation': 'st:w1-b-1',
  'implied-actor-also-named-violation': 'st:w2-a-1.1',
  'echo-actors-differ-violation': 'st:w2-d-4',
  'echo-unrecorded-violation': 'st:w2-d-4',
  'recommendation-basis-not-in-text-violation': 'st:w1-b-3',
  'echo-and-addresses-violation': 'st:w2-a-1',
  'echo-outside-simultaneous-violation': 'st:fw-next-steps-1.4',
  'reading-unrecorded-violation': 'st:w3-steps-1.2.2',
  'reading-quote-not-in-text-violation': 'st:w3-steps-1.2.2',
  'recommendation-without-prescribing-form-violation': 'st:w3-obstacles-1.3',
  'recommendation-without-record-violation': 'st:w3-obstacles-1.3',
  'recommendation-echo-disagrees-violation': 'st:w2-b-4',
};

describe('data-quality checks catch broken data', () => {
  let graph: Awaited<ReturnType<typeof loadGraph>>;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'asm-kg-catalogue-'));
    const file = join(folder, 'broken.ttl');
    writeFileSync(file, BROKEN);
    graph = await loadGraph({ sources: [file] });
  }, 60_000);
  afterAll(() => { rmSync(folder, { recursive: true, force: true }); });

  it('has a broken example for every *-violation.rq', () => {
    expect(Object.keys(CAUGHT).sort()).toEqual(queryNames.filter((name) => name.endsWith('-violation')));
  });

  it.each(Object.entries(CAUGHT))('%s names %s', async (name, culprit) => {
    const result = await query(graph, readFileSync(join(QUERIES, `${name}.rq`), 'utf8'), { name });
    expect(result.type).toBe('bindings');
    if (result.type !== 'bindings') return;
    const named = result.rows.flatMap((row) => Object.values(row).map(show));
    expect(named).toContain(culprit);
  });

  it('graph-complete.rq answers false', async () => {
    const result = await query(graph, readFileSync(join(QUERIES, 'graph-complete.rq'), 'utf8'), { name: 'graph-complete' });
    expect(result).toEqual({ type: 'boolean', value: false });
  });
});
