/**
 * Reading the query catalogue (src/query/catalogue.ts): names, comment headers, unknown names. The queries
 * themselves and their answers are checked in test/catalogue.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { listCatalogue, parseQueryHeader, readCatalogueQuery } from '../src/query/catalogue.js';
import { UnknownQueryError } from '../src/core/errors.js';
import { ROOT } from './support/project.js';

const FIXTURE_ROOT = join(import.meta.dirname, 'fixtures/query/catalogue');

describe('parseQueryHeader', () => {
  it('reads title, question, one parameter a line, and row', () => {
    const header = parseQueryHeader([
      '# title: Full text of a workshop',
      '# question: What did a workshop report?',
      '# parameters: workshop (IRI, e.g. ws:2) the workshop to print; unbound, the whole document',
      '# parameters: from (integer) the first position',
      '# row: a heading or a statement',
      'SELECT * WHERE { ?s ?p ?o }',
    ].join('\n'));
    expect(header).toEqual({
      title: 'Full text of a workshop',
      question: 'What did a workshop report?',
      parameters: [
        { name: 'workshop', type: 'IRI, e.g. ws:2', description: 'the workshop to print; unbound, the whole document' },
        { name: 'from', type: 'integer', description: 'the first position' },
      ],
      row: 'a heading or a statement',
    });
  });

  it('takes "parameters: none" as no parameters, and stops at the first line that is not a comment', () => {
    const header = parseQueryHeader('# title: T\n# parameters: none\nASK {}\n# row: too late\n');
    expect(header).toEqual({ title: 'T', question: undefined, parameters: [], row: undefined });
  });
});

describe('listCatalogue', () => {
  it('lists the .rq files of queries/ by name, with their headers', () => {
    const entries = listCatalogue(FIXTURE_ROOT);
    expect(entries.map((e) => [e.name, e.title])).toEqual([
      ['count-statements', 'Number of statements'],
      ['no-header', undefined],
      ['workshop-obstacles', 'Obstacles of one workshop'],
    ]);
    expect(entries[2]!.parameters.map((p) => [p.name, p.type])).toEqual([['workshop', 'IRI, e.g. ws:2'], ['kind', 'IRI, e.g. asm:Obstacle']]);
    expect(entries[0]!.path).toBe(join(FIXTURE_ROOT, 'queries', 'count-statements.rq'));
  });

  it('lists the project catalogue by default, every query with a title', () => {
    const entries = listCatalogue();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.title === undefined).map((e) => e.name)).toEqual([]);
    expect(entries.map((e) => e.path.startsWith(join(ROOT, 'queries')))).not.toContain(false);
  });

  it('is empty for a folder without queries/', () => {
    expect(listCatalogue(join(FIXTURE_ROOT, 'queries'))).toEqual([]);
  });
});

describe('readCatalogueQuery', () => {
  it('returns the text and header of a query by name', () => {
    const entry = readCatalogueQuery('count-statements', FIXTURE_ROOT);
    expect(entry.name).toBe('count-statements');
    expect(entry.text).toContain('SELECT (COUNT(?s) AS ?n)');
    expect(entry.question).toBe('How many statements does the graph hold?');
  });

  it('names the catalogue when the name is unknown', () => {
    const error = thrown(() => readCatalogueQuery('count-statement', FIXTURE_ROOT));
    expect(error).toBeInstanceOf(UnknownQueryError);
    expect(error.message).toBe('no query "count-statement" in the catalogue; the catalogue has: count-statements, no-header, workshop-obstacles');
  });

  it('does not read files outside the catalogue', () => {
    expect(() => readCatalogueQuery('../catalogue/queries/count-statements', FIXTURE_ROOT)).toThrow(UnknownQueryError);
  });
});

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
