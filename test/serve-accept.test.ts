/**
 * Content negotiation (src/serve/accept.ts): the Accept parser and the choice among the server's offers,
 * q-values included.
 */
import { describe, expect, it } from 'vitest';
import { negotiate, parseAccept, quality } from '../src/serve/accept.js';
import { ASK_TYPES, DOCUMENT_TYPES, GRAPH_TYPES, SELECT_TYPES } from '../src/core/formats.js';

describe('parseAccept', () => {
  it('reads types, parameters and q-values in header order', () => {
    expect(parseAccept('text/turtle;q=0.8, application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted", */*;q=0.1')).toEqual([
      { type: 'text', subtype: 'turtle', params: {}, q: 0.8 },
      { type: 'application', subtype: 'ld+json', params: { profile: 'http://www.w3.org/ns/json-ld#compacted' }, q: 1 },
      { type: '*', subtype: '*', params: {}, q: 0.1 },
    ]);
  });

  it('lower-cases types, and keeps a comma inside a quoted parameter', () => {
    expect(parseAccept('Text/HTML;level="1,2";Q=0.5')).toEqual([{ type: 'text', subtype: 'html', params: { level: '1,2' }, q: 0.5 }]);
  });

  it('skips malformed elements and keeps the rest', () => {
    expect(parseAccept('garbage, text/csv;q=2, */html, text/turtle;q=0.5, ;;, application/n-triples;q=abc').map((r) => `${r.type}/${r.subtype};${r.q}`))
      .toEqual(['text/turtle;0.5']);
  });

  it('gives nothing for an absent header', () => {
    expect(parseAccept(undefined)).toEqual([]);
  });
});

describe('quality', () => {
  it('takes the q of the most specific matching range', () => {
    const ranges = parseAccept('text/*;q=0.3, text/turtle;q=0.9, */*;q=0.1');
    expect(quality(ranges, 'text/turtle').q).toBe(0.9);
    expect(quality(ranges, 'text/csv').q).toBe(0.3);
    expect(quality(ranges, 'application/n-triples').q).toBe(0.1);
  });
});

describe('negotiate', () => {
  const cases: Array<[string, string | undefined, readonly string[], string | undefined]> = [
    ['no Accept header: the first offer', undefined, SELECT_TYPES, 'application/sparql-results+json'],
    ['*/*: the first offer', '*/*', GRAPH_TYPES, 'text/turtle'],
    ['an exact type', 'text/csv', SELECT_TYPES, 'text/csv'],
    ['the higher q wins', 'application/sparql-results+json;q=0.5, application/sparql-results+xml', SELECT_TYPES, 'application/sparql-results+xml'],
    ['q=0 refuses a type that */* would allow', '*/*, application/sparql-results+json;q=0', SELECT_TYPES, 'application/sparql-results+xml'],
    ['a subtype wildcard', 'text/*', SELECT_TYPES, 'text/csv'],
    ['a specific range beats a wildcard of equal q', '*/*, application/n-triples', GRAPH_TYPES, 'application/n-triples'],
    ['a specific q below the wildcard q loses', 'text/*;q=0.9, text/tab-separated-values;q=0.2', SELECT_TYPES, 'text/csv'],
    ['equal q: the server order decides', 'application/ld+json, text/turtle', GRAPH_TYPES, 'text/turtle'],
    ['a browser gets HTML', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', DOCUMENT_TYPES, 'text/html'],
    ['a browser asking a SELECT gets the HTML table', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', SELECT_TYPES, 'text/html'],
    ['CSV is not offered for ASK: falls back to */*', 'text/csv, */*;q=0.1', ASK_TYPES, 'application/sparql-results+json'],
    ['nothing acceptable', 'image/png, text/csv', GRAPH_TYPES, undefined],
    ['all q=0', 'text/turtle;q=0, application/n-triples;q=0, application/ld+json;q=0', GRAPH_TYPES, undefined],
    ['a JSON-LD profile parameter still matches', 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', DOCUMENT_TYPES, 'application/ld+json'],
    ['an unreadable header is treated as absent', ';;;', GRAPH_TYPES, 'text/turtle'],
    ['what Comunica sends for SELECT', 'application/sparql-results+json;q=1.0,application/sparql-results+xml;q=0.7', SELECT_TYPES, 'application/sparql-results+json'],
  ];
  it.each(cases)('%s', (_name, header, offers, expected) => {
    expect(negotiate(header, offers)).toBe(expected);
  });
});
