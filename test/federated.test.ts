/**
 * Federated use: the catalogue query countries-mentioned joins our country links with a second source,
 * here the fixture of Wikidata triples in test/fixtures/federated/ (see its README for their origin).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadGraph, query, readCatalogueQuery } from '../src/index.js';
import { ROOT } from './support/project.js';

const FIXTURE = join(ROOT, 'test/fixtures/federated/wikidata-countries.ttl');
const PLACE = 'https://w3id.org/asm-kg/id/place/';
const ST = 'https://w3id.org/asm-kg/id/statement/';

describe('countries-mentioned over our graph and a second source', () => {
  it('joins each country with its ISO 3166-1 alpha-3 code from the second source', async () => {
    const graph = await loadGraph({ sources: [FIXTURE] });
    const { text } = readCatalogueQuery('countries-mentioned', ROOT);
    const result = await query(graph, text, { name: 'countries-mentioned' });
    if (result.type !== 'bindings') throw new Error(`expected bindings, got ${result.type}`);
    const rows = result.rows.map((row) => [row.country?.value, row.iso3?.value, row.statement?.value]);
    // From the source: "(Indonesia)" in W1 B 10, "(PNG provides ...)" in W1 A government 6, and
    // "RA 7076" (a Philippine act) in W1 A government 5; codes from the fixture.
    expect(rows).toEqual([
      [`${PLACE}indonesia`, 'IDN', `${ST}w1-b-10`],
      [`${PLACE}papua-new-guinea`, 'PNG', `${ST}w1-a-government-6`],
      [`${PLACE}philippines`, 'PHL', `${ST}w1-a-government-5`],
    ]);
  });

  it('leaves the codes unbound without the second source', async () => {
    const graph = await loadGraph();
    const { text } = readCatalogueQuery('countries-mentioned', ROOT);
    const result = await query(graph, text);
    if (result.type !== 'bindings') throw new Error(`expected bindings, got ${result.type}`);
    expect(result.rows).toHaveLength(3);
    expect(result.rows.every((row) => row.iso3 === undefined)).toBe(true);
  });
});
