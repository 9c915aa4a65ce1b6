/** The pieces of the HTML pages (src/serve/html.ts): escaping, links, terms. */
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { escapeHtml, jsonInScript, Links, termHtml } from '../src/serve/html.js';

const links = new Links('https://w3id.org/asm-kg/');
const context = { links, labels: new Map([['https://w3id.org/asm-kg/id/workshop/1', 'Workshop <1>']]), prefixes: [['asm', 'https://w3id.org/asm-kg/ontology#']] as Array<[string, string]> };

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('jsonInScript', () => {
  it('leaves no way to close the script element or open a comment', () => {
    const out = jsonInScript(JSON.stringify({ text: '</script><script>alert(1)</script><!-- \u2028' }));
    expect(out).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(out)).toEqual({ text: '</script><script>alert(1)</script><!-- \u2028' });
  });
});

describe('Links', () => {
  it('maps our IRIs onto this server, fragment included', () => {
    expect(links.href('https://w3id.org/asm-kg/id/statement/w2-a-1')).toBe('/id/statement/w2-a-1');
    expect(links.href('https://w3id.org/asm-kg/ontology#Obstacle')).toBe('/ontology#Obstacle');
  });

  it('links other http(s) IRIs as they are, and nothing else', () => {
    expect(links.href('http://www.wikidata.org/entity/Q691')).toBe('http://www.wikidata.org/entity/Q691');
    expect(links.href('javascript:alert(1)')).toBeUndefined();
    expect(links.href('data:text/html,<script>')).toBeUndefined();
    expect(links.href('urn:isbn:123')).toBeUndefined();
  });
});

describe('termHtml', () => {
  it('writes a labelled, escaped link for an IRI', () => {
    expect(termHtml(DataFactory.namedNode('https://w3id.org/asm-kg/id/workshop/1'), context))
      .toBe('<a href="/id/workshop/1" title="https://w3id.org/asm-kg/id/workshop/1">Workshop &lt;1&gt;</a>');
  });

  it('writes an IRI it must not link as text', () => {
    expect(termHtml(DataFactory.namedNode('javascript:alert("x")'), context)).toBe('<span class="iri">javascript:alert(&quot;x&quot;)</span>');
  });

  it('writes a literal with its language or datatype', () => {
    expect(termHtml(DataFactory.literal('<b>bold</b>', 'en'), context)).toBe('<span class="literal">&lt;b&gt;bold&lt;/b&gt;</span> <small class="lang">@en</small>');
    expect(termHtml(DataFactory.literal('87', DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#integer')), context))
      .toBe('<span class="literal">87</span> <small class="datatype">http://www.w3.org/2001/XMLSchema#integer</small>');
  });
});
